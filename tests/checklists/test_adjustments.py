"""Bonus and penalty lines: free points on a step, or a count of units worth points each."""

from __future__ import annotations

from datetime import date

import pytest

from checklists.record import editing
from checklists.record.model import Role, Value
from checklists.scoring.engine import score_inspection
from checklists.scoring.points import evaluate_adjustment
from checklists.template.model import (
    Adjustment,
    Criterion,
    PerUnit,
    PointsScoring,
    RatingBand,
    Section,
    Template,
)

# Shaped like mot-cua's "late dossiers without an apology": 1 point each, at most 5.
LATE = Adjustment(
    id="tru_tre_han",
    label="Hồ sơ trễ hạn không có thư xin lỗi",
    kind="penalty",
    max_points=5,
    per_unit=PerUnit(points=1, unit="hồ sơ"),
)
TENTHS = Adjustment(
    id="thuong", label="Sáng kiến", kind="bonus", max_points=1, per_unit=PerUnit(points=0.1)
)


@pytest.mark.parametrize(
    ("adjustment", "count", "kind", "points"),
    [
        (LATE, 0, "points", 0.0),
        (LATE, 3, "points", 3.0),
        (LATE, 5, "points", 5.0),
        (LATE, 60, "points", 5.0),  # capped at the line's max
        (LATE, None, "empty", None),
        (TENTHS, 3, "points", 0.3),  # exactly 0.3, not 0.30000000000000004
        (TENTHS, 7, "points", 0.7),
        (TENTHS, 11, "points", 1.0),
    ],
)
def test_a_per_unit_line_is_worth_count_times_points_each_up_to_its_cap(
    adjustment: Adjustment, count: float | None, kind: str, points: float | None
) -> None:
    outcome = evaluate_adjustment(adjustment, Value(score=count))
    assert (outcome.kind, outcome.points, outcome.message) == (kind, points, "")


@pytest.mark.parametrize(
    ("adjustment", "count", "message"),
    [
        (LATE, -1, "Số hồ sơ phải là số nguyên không âm, đang là -1"),
        (LATE, 2.5, "Số hồ sơ phải là số nguyên không âm, đang là 2,5"),
        (TENTHS, 0.5, "Số đơn vị phải là số nguyên không âm, đang là 0,5"),
    ],
)
def test_a_count_that_is_not_a_whole_number_is_invalid(
    adjustment: Adjustment, count: float, message: str
) -> None:
    outcome = evaluate_adjustment(adjustment, Value(score=count))
    assert (outcome.kind, outcome.points, outcome.message) == ("invalid", None, message)


def test_a_free_points_line_still_scores_on_its_step() -> None:
    free = LATE.model_copy(update={"per_unit": None})
    assert [evaluate_adjustment(free, Value(score=s)).kind for s in (3, 3.5, 3.25, 6)] == [
        "points",
        "points",
        "invalid",
        "invalid",
    ]


def test_the_report_takes_the_capped_penalty_off_the_total() -> None:
    template = Template(
        id="adj",
        version=1,
        title="Phiếu thử",
        programme="Thử nghiệm",
        total_points=50,
        sections=(
            Section(
                id="A",
                title="A",
                max_points=50,
                criteria=(Criterion(id="A1", label="A1", max_points=50, scoring=PointsScoring()),),
            ),
        ),
        adjustments=(LATE,),
        rating_bands=(
            RatingBand(code="dat", label="Đạt", min=35),
            RatingBand(code="chua_dat", label="Chưa đạt", min=0, max=35),
        ),
    )
    leader = {"id": "lead", "name": "Trưởng đoàn", "role": Role.TRUONG_DOAN}
    record = editing.new_inspection(
        template, {"unit_name": "Xã", "inspection_date": date(2024, 6, 1)}, members=(leader,)
    )
    for cid, value in (("A1", 40), ("tru_tre_han", 8)):
        record = editing.assess(
            record, author_id="lead", criterion_id=cid, value=Value(score=value)
        )
    report = score_inspection(template, record)
    assert (report.scaled_total, report.penalty, report.final_total) == (40, 5, 35)
    assert report.rating is not None and report.rating.code == "dat"
