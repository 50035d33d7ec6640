"""Every bundled template can be scored from nothing to full marks, and rates as expected."""

from __future__ import annotations

from datetime import date

import pytest

from checklists.record import editing
from checklists.record.model import Inspection, Role, Value
from checklists.scoring.engine import score_inspection
from checklists.template.catalog import bundled_templates
from checklists.template.model import Criterion, Status, Template

LEADER = {"id": "lead", "name": "Trưởng đoàn", "role": Role.TRUONG_DOAN}
TEMPLATES = {f"{t.id}.v{t.version}": t for t in bundled_templates()}


def empty(template: Template) -> Inspection:
    header = {"unit_name": "Xã Thử", "inspection_date": date(2024, 6, 1)}
    return editing.new_inspection(template, header, members=(LEADER,))


def full_marks(criterion: Criterion) -> Value:
    """The value a perfect unit earns on this criterion."""
    scoring = criterion.scoring
    if scoring.kind == "points":
        return Value(score=criterion.max_points)
    if scoring.kind == "status":
        return Value(status=Status.DAT)
    if scoring.kind == "yes_no":
        return Value(answer=scoring.yes_scores)
    if scoring.kind == "bands":
        top = max(scoring.bands, key=lambda b: b.points)
        figure = next(f for f in criterion.figures if f.id == scoring.figure)
        if figure.rate_of is None:
            return Value(figures={figure.id: top.min})
        numerator, denominator = figure.rate_of
        return Value(figures={numerator: 100.0, denominator: 100.0})
    return Value(figures={f.id: 1.0 for f in criterion.figures if f.rate_of is None})


def test_there_are_two_different_bundled_templates() -> None:
    assert sorted(TEMPLATES) == ["cqtt-xa.v1", "mot-cua.v1"]
    kinds = {k: {c.scoring.kind for c in t.criteria()} for k, t in TEMPLATES.items()}
    assert kinds["cqtt-xa.v1"] != kinds["mot-cua.v1"]
    assert set().union(*kinds.values()) == {"points", "status", "yes_no", "bands", "info"}


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_an_empty_inspection_scores_zero_and_lists_every_criterion(key: str) -> None:
    template = TEMPLATES[key]
    report = score_inspection(template, empty(template))
    assert report.final_total == 0
    assert report.complete is False
    assert set(report.unscored_ids) == {c.id for c in template.scored_criteria()}
    assert report.rating is not None and report.rating.min <= 0


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_full_marks_reach_the_declared_total_and_the_top_band(key: str) -> None:
    template = TEMPLATES[key]
    record = empty(template)
    for criterion in template.criteria():
        record = editing.assess(
            record,
            author_id=LEADER["id"],
            criterion_id=criterion.id,
            value=full_marks(criterion),
            note="Đạt đầy đủ",
        )
    report = score_inspection(template, record)
    top = max(template.rating_bands, key=lambda b: b.min)
    assert (report.final_total, report.complete, report.rating) == (
        template.total_points,
        True,
        top,
    )
    assert [s.declared_max for s in report.sections] == [s.max_points for s in template.sections]
