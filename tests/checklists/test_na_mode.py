"""N/A handling is chosen per template; the report says how much of what applies was earned."""

from __future__ import annotations

from datetime import date

import pytest

from checklists.record import editing
from checklists.record.model import Inspection, Role, Value
from checklists.scoring.engine import score_inspection
from checklists.template.model import (
    Criterion,
    HardFail,
    PointsScoring,
    RatingBand,
    Section,
    Template,
)
from checklists.template.validation import check_template

LEADER = {"id": "lead", "name": "Trưởng đoàn", "role": Role.TRUONG_DOAN}

# Out of 50: a small section A (10) where A1 may be N/A, and a heavy section B (40).
SECTION_WEIGHTED = Template(
    id="na",
    version=1,
    title="Phiếu thử",
    programme="Thử nghiệm",
    total_points=50,
    sections=(
        Section(
            id="A",
            title="Phần A",
            max_points=10,
            criteria=(
                Criterion(
                    id="A1", label="A1", max_points=5, scoring=PointsScoring(), allow_na=True
                ),
                Criterion(
                    id="A2", label="A2", max_points=5, scoring=PointsScoring(), critical=True
                ),
            ),
        ),
        Section(
            id="B",
            title="Phần B",
            max_points=40,
            criteria=(Criterion(id="B1", label="B1", max_points=40, scoring=PointsScoring()),),
        ),
    ),
    rating_bands=(
        RatingBand(code="tot", label="Tốt", min=40),
        RatingBand(code="kha", label="Khá", min=35, max=40),
        RatingBand(code="yeu", label="Yếu", min=0, max=35),
    ),
)
POOLED = SECTION_WEIGHTED.model_copy(update={"na_mode": "pooled"})
NA = Value(not_applicable=True)


def scored(template: Template, values: dict[str, Value]) -> Inspection:
    header = {"unit_name": "Xã Thử", "inspection_date": date(2024, 6, 1)}
    record = editing.new_inspection(template, header, members=(LEADER,))
    for cid, value in values.items():
        record = editing.assess(
            record, author_id=LEADER["id"], criterion_id=cid, value=value, note="Ghi chú"
        )
    return record


@pytest.mark.parametrize(
    ("a1", "a2", "b1", "weighted", "pooled", "percent", "codes"),
    [
        # A: 1/5 x 10 = 2, B: 36 -> 38 "kha"; pooled: 37 of 45 -> 41.11 of 50 "tot".
        (NA, 1, 36, 38, 41.11, 82.22, ("kha", "tot")),
        # Nothing N/A: both modes give the raw total.
        (5, 0, 30, 35, 35, 70, ("kha", "kha")),
        (5, 5, 40, 50, 50, 100, ("tot", "tot")),
        # A1 N/A and the rest full: 45 of 45 is full marks in both modes.
        (NA, 5, 40, 50, 50, 100, ("tot", "tot")),
        # A: 5/5 x 10 = 10, B: 24 -> 34 "yeu"; pooled: 29 of 45 -> 32.22 "yeu".
        (NA, 5, 24, 34, 32.22, 64.44, ("yeu", "yeu")),
    ],
)
def test_pooled_mode_takes_the_percentage_of_all_applicable_points(
    a1: Value | float,
    a2: float,
    b1: float,
    weighted: float,
    pooled: float,
    percent: float,
    codes: tuple[str, str],
) -> None:
    values = {
        "A1": a1 if isinstance(a1, Value) else Value(score=a1),
        "A2": Value(score=a2),
        "B1": Value(score=b1),
    }
    reports = [score_inspection(t, scored(t, values)) for t in (SECTION_WEIGHTED, POOLED)]
    assert [(r.na_mode, r.final_total, r.percent_of_applicable) for r in reports] == [
        ("section_weighted", weighted, percent),
        ("pooled", pooled, percent),
    ]
    assert tuple(r.rating.code for r in reports if r.rating) == codes
    assert [r.provisional for r in reports] == [False, False]


def test_the_default_mode_is_section_weighted() -> None:
    plain = SECTION_WEIGHTED.model_dump(exclude={"na_mode"})
    assert Template.model_validate(plain).na_mode == "section_weighted"


@pytest.mark.parametrize("template", [SECTION_WEIGHTED, POOLED], ids=["weighted", "pooled"])
def test_the_rating_is_provisional_while_a_criterion_is_unscored(template: Template) -> None:
    report = score_inspection(template, scored(template, {"A1": Value(score=5), "A2": NA}))
    # A2 is not allowed N/A: invalid; B1 is unscored. Both count 0 out of their maximum.
    assert (report.final_total, report.percent_of_applicable, report.complete) == (5, 10, False)
    assert (report.rating.code if report.rating else None, report.provisional) == ("yeu", True)


def test_nothing_scored_has_no_percentage() -> None:
    only_na = SECTION_WEIGHTED.model_copy(
        update={
            "sections": (
                SECTION_WEIGHTED.sections[0].model_copy(
                    update={"criteria": (SECTION_WEIGHTED.criterion("A1"),), "max_points": 5}
                ),
            ),
            "total_points": 5,
        }
    )
    report = score_inspection(only_na, scored(only_na, {"A1": NA}))
    assert (report.final_total, report.percent_of_applicable, report.provisional) == (
        0,
        None,
        False,
    )


def test_critical_criteria_are_flagged_in_the_report() -> None:
    report = score_inspection(POOLED, scored(POOLED, {}))
    assert report.critical_ids == ("A2",)
    assert [(c.id, c.critical) for c in report.criteria] == [
        ("A1", False),
        ("A2", True),
        ("B1", False),
    ]


@pytest.mark.parametrize(
    ("a2", "rating", "uncapped", "triggered"),
    [(2, "kha", "tot", ("HF_A2",)), (2.5, "tot", "tot", ()), (0, "kha", "tot", ("HF_A2",))],
)
def test_a_hard_fail_on_a_critical_criterion_caps_the_rating(
    a2: float, rating: str, uncapped: str, triggered: tuple[str, ...]
) -> None:
    fail = HardFail(
        id="HF_A2", label="Tiêu chí then chốt chưa đạt", criterion="A2", at_most=2, cap="kha"
    )
    template = POOLED.model_copy(update={"hard_fails": (fail,)})
    assert check_template(template) == []
    values = {"A1": Value(score=5), "A2": Value(score=a2), "B1": Value(score=40)}
    report = score_inspection(template, scored(template, values))
    assert report.criterion("A2").critical is True
    assert (report.rating, report.rating_uncapped) == (
        template.band(rating),
        template.band(uncapped),
    )
    assert tuple(hf.id for hf in report.hard_fails) == triggered
