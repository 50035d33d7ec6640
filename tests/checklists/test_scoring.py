"""Worked examples of the scoring engine on a tiny hand-made template, and on the seed sample."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checklists.record.model import (
    Assessment,
    Decision,
    Header,
    Inspection,
    Member,
    Photo,
    Role,
    SelfScore,
    Value,
)
from checklists.record.sample import build_sample_inspection
from checklists.scoring.engine import rating_for, score_inspection
from checklists.scoring.figures import figures_with_rates
from checklists.scoring.points import Outcome, criterion_points, evaluate
from checklists.template.catalog import get_template
from checklists.template.model import (
    Adjustment,
    BandsScoring,
    Criterion,
    EvidenceRule,
    Figure,
    HardFail,
    InfoScoring,
    PointsScoring,
    RatingBand,
    ScoreBand,
    Section,
    Status,
    StatusScoring,
    Template,
    YesNoScoring,
)

PHOTO = "a" * 64

BY_LEAD = {"author_id": "lead", "counter": 1}
TINY = Template(
    id="tiny",
    version=1,
    title="Phiếu thử",
    programme="Thử nghiệm",
    total_points=100,
    sections=(
        Section(
            id="A",
            title="Phần A",
            max_points=50,
            criteria=(
                Criterion(
                    id="P1",
                    label="Điểm",
                    max_points=10,
                    scoring=PointsScoring(step=0.5),
                    allow_na=True,
                    evidence=EvidenceRule(note_required_below_max=True),
                ),
                Criterion(
                    id="ST1",
                    label="Trạng thái",
                    max_points=20,
                    scoring=StatusScoring(),
                    evidence=EvidenceRule(photo_required=True),
                ),
                Criterion(id="Y1", label="Có", max_points=10, scoring=YesNoScoring()),
                Criterion(
                    id="Y2",
                    label="Có vi phạm",
                    max_points=10,
                    scoring=YesNoScoring(yes_scores=False),
                ),
            ),
        ),
        Section(
            id="B",
            title="Phần B",
            max_points=50,
            criteria=(
                Criterion(
                    id="R1",
                    label="Tỷ lệ",
                    max_points=20,
                    allow_na=True,
                    scoring=BandsScoring(
                        figure="rate",
                        bands=(
                            ScoreBand(min=0, max=90, points=5),
                            ScoreBand(min=90, max=95, points=15),
                            ScoreBand(min=95, points=20),
                        ),
                    ),
                    figures=(
                        Figure(id="rec", label="Tiếp nhận"),
                        Figure(id="res", label="Giải quyết"),
                        Figure(id="rate", label="Tỷ lệ", rate_of=("res", "rec")),
                    ),
                ),
                Criterion(id="P2", label="Điểm 2", max_points=30, scoring=PointsScoring(step=1)),
                Criterion(
                    id="I1",
                    label="Thông tin",
                    max_points=0,
                    scoring=InfoScoring(),
                    figures=(Figure(id="meetings", label="Cuộc họp"),),
                ),
            ),
        ),
    ),
    adjustments=(
        Adjustment(id="BON", label="Thưởng", kind="bonus", max_points=5),
        Adjustment(id="PEN", label="Trừ", kind="penalty", max_points=5, step=1),
    ),
    rating_bands=(
        # Ascending on purpose (the bundled templates list them descending): order must not matter.
        RatingBand(code="yeu", label="Yếu", min=0, max=50),
        RatingBand(code="tb", label="Trung bình", min=50, max=70),
        RatingBand(code="kha", label="Khá", min=70, max=90),
        RatingBand(code="tot", label="Tốt", min=90, max=95),
        RatingBand(code="xuat_sac", label="Xuất sắc", min=95),
    ),
    hard_fails=(HardFail(id="HF1", label="Có vi phạm", criterion="Y2", cap="kha"),),
)

NA = Value(not_applicable=True)
FULL: dict[str, Value] = {
    "P1": Value(score=10),
    "ST1": Value(status=Status.DAT),
    "Y1": Value(answer=True),
    "Y2": Value(answer=False),
    "R1": Value(figures={"rec": 100, "res": 100}),
    "P2": Value(score=30),
}


def record(
    by_author: dict[str, dict[str, Value]],
    *,
    decisions: dict[str, Value] | None = None,
    notes: dict[tuple[str, str], str] | None = None,
    **extra: Any,
) -> Inspection:
    """An inspection on TINY: `by_author` maps author -> criterion -> value."""
    assessments: dict[str, dict[str, Assessment]] = {}
    for author, values in by_author.items():
        for cid, value in values.items():
            note = (notes or {}).get((author, cid), "")
            assessments.setdefault(cid, {})[author] = Assessment(
                **dict(value), criterion_id=cid, author_id=author, counter=1, note=note
            )
    return Inspection(
        id="i-1",
        template_id="tiny",
        template_version=1,
        template_hash=TINY.content_hash(),
        leader_id="lead",
        header=Header(unit_name="Xã thử", inspection_date=date(2023, 11, 24), **BY_LEAD),
        members={
            "lead": Member(id="lead", name="Trưởng", role=Role.TRUONG_DOAN, **BY_LEAD),
            "m1": Member(id="m1", name="Một", **BY_LEAD),
            "m2": Member(id="m2", name="Hai", **BY_LEAD),
        },
        assessments=assessments,
        decisions={
            cid: {
                "lead": Decision(
                    **dict(v),
                    criterion_id=cid,
                    author_id="lead",
                    counter=9,
                    reason="Trưởng đoàn quyết định",
                )
            }
            for cid, v in (decisions or {}).items()
        },
        **extra,
    )


def score(values: dict[str, Value], **kw: Any) -> Any:
    return score_inspection(TINY, record({"m1": values}, **kw))


@pytest.mark.parametrize(
    "cid,value,kind,points",
    [
        ("P1", Value(score=7.5), "points", 7.5),
        ("P1", Value(score=0), "points", 0.0),
        ("P1", Value(score=10), "points", 10.0),
        ("P1", Value(score=7.3), "invalid", None),
        ("P1", Value(score=10.5), "invalid", None),
        ("P1", Value(score=-1), "invalid", None),
        ("P1", Value(), "empty", None),
        ("P1", NA, "not_applicable", None),
        ("P2", Value(score=12.5), "invalid", None),
        ("ST1", Value(status=Status.DAT), "points", 20.0),
        ("ST1", Value(status=Status.DAT_MOT_PHAN), "points", 10.0),
        ("ST1", Value(status=Status.KHONG_DAT), "points", 0.0),
        ("ST1", NA, "invalid", None),
        ("Y1", Value(answer=True), "points", 10.0),
        ("Y1", Value(answer=False), "points", 0.0),
        ("Y2", Value(answer=True), "points", 0.0),
        ("Y2", Value(answer=False), "points", 10.0),
        ("R1", Value(figures={"rec": 815, "res": 805}), "points", 20.0),
        ("R1", Value(figures={"rec": 100, "res": 95}), "points", 20.0),
        ("R1", Value(figures={"rec": 100, "res": 94}), "points", 15.0),
        ("R1", Value(figures={"rec": 100, "res": 90}), "points", 15.0),
        ("R1", Value(figures={"rec": 100, "res": 89}), "points", 5.0),
        ("R1", Value(figures={"rate": 91}), "points", 15.0),
        ("R1", Value(figures={"rec": 0, "res": 0}), "invalid", None),
        ("R1", Value(figures={"rec": 0, "res": 0, "rate": 99}), "invalid", None),
        ("R1", Value(figures={"rec": 815}), "empty", None),
        ("R1", Value(figures={"rec": 100, "res": -5}), "invalid", None),
        ("I1", Value(figures={"meetings": 722}), "empty", None),
    ],
)
def test_evaluate_each_kind(cid: str, value: Value, kind: str, points: float | None) -> None:
    outcome = evaluate(TINY.criterion(cid), value)
    assert (outcome.kind, outcome.points) == (kind, points)
    assert criterion_points(TINY.criterion(cid), value) == points
    assert bool(outcome.message) == (kind == "invalid")


@pytest.mark.parametrize(
    "figures,expected",
    [
        ({"rec": 815, "res": 805}, {"rec": 815, "res": 805, "rate": 98.77}),
        ({"rec": 0, "res": 0, "rate": 50}, {"rec": 0, "res": 0}),
        ({"rec": 10}, {"rec": 10}),
        ({"rate": 91}, {"rate": 91}),
    ],
)
def test_figures_with_rates(figures: dict[str, float], expected: dict[str, float]) -> None:
    got = figures_with_rates(TINY.criterion("R1"), figures)
    assert {k: round(v, 2) for k, v in got.items()} == expected


def test_outcomes_agree_on_points_and_na() -> None:
    assert Outcome("points", 8.0).same_as(Outcome("points", 8.0))
    assert not Outcome("points", 8.0).same_as(Outcome("points", 7.5))
    assert Outcome("not_applicable").same_as(Outcome("not_applicable"))
    assert not Outcome("not_applicable").same_as(Outcome("points", 0.0))


def test_all_full_marks() -> None:
    report = score(FULL)
    assert (report.raw_total, report.applicable_max, report.scaled_total) == (100, 100, 100)
    assert (report.final_total, report.rating.code) == (100, "xuat_sac")
    assert (report.criteria_count, report.scored_count, report.complete) == (6, 6, True)
    assert report.criterion("I1").state == "info"


def test_na_leaves_its_sections_denominator() -> None:
    values = {
        **FULL,
        "P1": Value(score=10),
        "ST1": Value(status=Status.DAT_MOT_PHAN),
        "R1": NA,
        "P2": Value(score=0),
    }
    report = score(values, notes={("m1", "R1"): "Không phát sinh đơn"})
    # A: 10 + 10 + 10 + 10 = 40 of 50 -> 40 / 50 x 50 = 40.
    # B: R1 (20) is N/A, P2 0 of 30 -> 0 / 30 x 50 = 0.
    # Total: (40 + 0) x 100 / (50 + 50) = 40 (the old rule, 40 of 80 overall, gave 50).
    assert (report.raw_total, report.applicable_max, report.scaled_total) == (40, 80, 40)
    assert (report.final_total, report.rating.label) == (40, "Yếu")
    assert report.section("A").model_dump() == {
        "id": "A",
        "raw_points": 40,
        "applicable_max": 50,
        "declared_max": 50,
        "scaled_points": 40,
    }
    assert report.section("B").model_dump() == {
        "id": "B",
        "raw_points": 0,
        "applicable_max": 30,
        "declared_max": 50,
        "scaled_points": 0,
    }
    assert report.criterion("R1").state == "not_applicable"
    assert report.scored_count == 6


def test_unscored_criteria_stay_in_the_denominator() -> None:
    report = score({"P1": Value(score=10)})
    assert (report.raw_total, report.applicable_max, report.scaled_total) == (10, 100, 10)
    assert report.unscored_ids == ("ST1", "Y1", "Y2", "R1", "P2")
    assert (report.scored_count, report.complete) == (1, False)


@pytest.mark.parametrize(
    "bonus,penalty,final,rating",
    [
        (None, None, 90, "tot"),
        (2.5, None, 92.5, "tot"),
        (None, 3, 87, "kha"),
        (5, 1, 94, "tot"),
        (5, 0, 95, "xuat_sac"),
    ],
)
def test_bonus_and_penalty(
    bonus: float | None, penalty: float | None, final: float, rating: str
) -> None:
    values = {**FULL, "P2": Value(score=20)}
    if bonus is not None:
        values["BON"] = Value(score=bonus)
    if penalty is not None:
        values["PEN"] = Value(score=penalty)
    report = score(values)
    assert (report.scaled_total, report.bonus or 0, report.penalty or 0) == (
        90,
        bonus or 0,
        penalty or 0,
    )
    assert (report.final_total, report.rating.code) == (final, rating)


def test_final_total_never_below_zero() -> None:
    values = {cid: Value(score=0) for cid in ("P1", "P2")}
    report = score({**values, "PEN": Value(score=5)})
    assert (report.scaled_total, report.penalty, report.final_total) == (0, 5, 0)
    assert report.rating.code == "yeu"


def test_invalid_adjustment_is_not_counted() -> None:
    report = score({**FULL, "BON": Value(score=5.5)})
    assert (report.bonus, report.final_total) == (0, 100)
    assert report.invalid_ids == ("BON",)
    assert report.complete is False


@pytest.mark.parametrize(
    "total,code",
    [
        (100, "xuat_sac"),
        (95, "xuat_sac"),
        (94.99, "tot"),
        (90, "tot"),
        (89.99, "kha"),
        (70, "kha"),
        (69.99, "tb"),
        (50, "tb"),
        (49.99, "yeu"),
        (0, "yeu"),
        (-1, None),
    ],
)
def test_band_boundaries(total: float, code: str | None) -> None:
    band = rating_for(TINY, total)
    assert (band.code if band else None) == code


@pytest.mark.parametrize(
    "p1,r1,p2,final,code",
    [
        # No N/A: A 50 + B (20 + 20) = 90.
        (Value(score=10), FULL["R1"], 20, 90, "tot"),
        # R1 N/A: A 50/50 -> 50; B 24/30 x 50 = 40; (50 + 40) x 100 / 100 = 90.
        (Value(score=10), NA, 24, 90, "tot"),
        # R1 N/A: A 50; B 23/30 x 50 = 38.333; 88.33.
        (Value(score=10), NA, 23, 88.33, "kha"),
        # R1 N/A: A 50; B 22/30 x 50 = 36.667; 86.67 (the old rule, 72 of 80, gave 90 "tot").
        (Value(score=10), NA, 22, 86.67, "kha"),
        # P1 and R1 N/A: A 40/40 x 50 = 50; B 24/30 x 50 = 40; 90.
        (NA, NA, 24, 90, "tot"),
        # P1 and R1 N/A: A 50; B 20/30 x 50 = 33.333; 83.33.
        (NA, NA, 20, 83.33, "kha"),
    ],
)
def test_scaled_totals_around_tot(p1: Value, r1: Value, p2: float, final: float, code: str) -> None:
    values = {**FULL, "P1": p1, "R1": r1, "P2": Value(score=p2)}
    report = score(values, notes={("m1", "R1"): "Không phát sinh", ("m1", "P1"): "Không có"})
    assert (report.final_total, report.rating.code) == (final, code)
    assert report.scaled_total == pytest.approx(
        sum(s.scaled_points for s in report.sections), abs=0.01
    )


_SECTION_B_NA = TINY.sections[1].model_copy(
    update={
        "criteria": (
            TINY.criterion("R1"),
            TINY.criterion("P2").model_copy(update={"allow_na": True}),
            TINY.criterion("I1"),
        )
    }
)
TINY_B_NA = TINY.model_copy(update={"sections": (TINY.sections[0], _SECTION_B_NA)})


@pytest.mark.parametrize(
    "p1,final",
    [
        # B wholly N/A leaves the total's denominator: 50 x 100 / 50 = 100.
        (Value(score=10), 100),
        # A: 40/50 x 50 = 40; 40 x 100 / 50 = 80.
        (Value(score=0), 80),
    ],
)
def test_a_wholly_na_section_leaves_the_totals_denominator(p1: Value, final: float) -> None:
    values = {**FULL, "P1": p1, "R1": NA, "P2": NA}
    notes = {
        ("m1", "R1"): "Không phát sinh",
        ("m1", "P2"): "Không phát sinh",
        ("m1", "P1"): "Thiếu",
    }
    report = score_inspection(TINY_B_NA, record({"m1": values}, notes=notes))
    assert report.section("B").model_dump() == {
        "id": "B",
        "raw_points": 0,
        "applicable_max": 0,
        "declared_max": 50,
        "scaled_points": 0,
    }
    assert (report.scaled_total, report.final_total) == (final, final)


_choices = {
    "P1": st.sampled_from([NA, Value(score=0), Value(score=5.5), Value(score=10)]),
    "ST1": st.sampled_from([Value(status=s) for s in Status]),
    "Y1": st.sampled_from([Value(answer=True), Value(answer=False)]),
    "Y2": st.sampled_from([Value(answer=True), Value(answer=False), Value()]),
    "R1": st.sampled_from([NA, FULL["R1"], Value(figures={"rec": 100, "res": 91})]),
    "P2": st.sampled_from([Value(score=p) for p in (0, 7, 19, 30)]),
}


@settings(max_examples=100, deadline=None)
@given(st.fixed_dictionaries(_choices))
def test_section_scaled_points_sum_to_the_scaled_total(values: dict[str, Value]) -> None:
    report = score(values)
    assert all(s.applicable_max > 0 for s in report.sections)
    assert report.scaled_total == pytest.approx(
        sum(s.scaled_points for s in report.sections), abs=0.011
    )


def test_without_na_the_scaled_total_is_the_raw_total() -> None:
    report = score({**FULL, "P1": Value(score=7.5), "P2": Value(score=13)})
    assert (report.raw_total, report.scaled_total) == (80.5, 80.5)


@pytest.mark.parametrize(
    "y2,at,rating,uncapped,triggered",
    [
        (Value(answer=True), 100 - 10, "kha", "tot", ("HF1",)),
        (Value(answer=False), 100, "xuat_sac", "xuat_sac", ()),
        (None, 90, "tot", "tot", ()),
    ],
)
def test_hard_fail_caps_the_rating(
    y2: Value | None, at: float, rating: str, uncapped: str, triggered: tuple[str, ...]
) -> None:
    values = dict(FULL)
    if y2 is None:
        del values["Y2"]
    else:
        values["Y2"] = y2
    report = score(values)
    assert report.final_total == at
    assert (report.rating.code, report.rating_uncapped.code) == (rating, uncapped)
    assert tuple(hf.id for hf in report.hard_fails) == triggered


def test_hard_fail_keeps_a_lower_rating() -> None:
    report = score({**FULL, "Y2": Value(answer=True), "P2": Value(score=0)})
    assert (report.final_total, report.rating.code, report.rating_uncapped.code) == (60, "tb", "tb")
    assert [hf.id for hf in report.hard_fails] == ["HF1"]


@pytest.mark.parametrize(
    "m1,m2,decision,state,points,decided_by",
    [
        (Value(score=8), Value(score=8), None, "scored", 8.0, "agreement"),
        (Value(score=8), Value(score=7), None, "conflict", None, None),
        (Value(score=8), Value(score=7), Value(score=7.5), "scored", 7.5, "decision"),
        (NA, NA, None, "not_applicable", None, "agreement"),
        (NA, Value(score=8), None, "conflict", None, None),
        (NA, Value(score=8), NA, "not_applicable", None, "decision"),
        (Value(score=8), Value(), None, "scored", 8.0, "agreement"),
        (Value(), Value(), None, "unscored", None, None),
        (Value(score=8), Value(score=7), Value(), "conflict", None, None),
        (Value(score=11), Value(score=8), None, "invalid", None, None),
        (Value(score=11), Value(score=8), Value(score=8), "scored", 8.0, "decision"),
        (Value(score=8), Value(score=7), Value(score=12), "invalid", None, None),
    ],
)
def test_decision_agreement_conflict(
    m1: Value,
    m2: Value,
    decision: Value | None,
    state: str,
    points: float | None,
    decided_by: str | None,
) -> None:
    decisions = {"P1": decision} if decision is not None else None
    inspection = record(
        {"m1": {**FULL, "P1": m1}, "m2": {"P1": m2}},
        decisions=decisions,
        notes={("m1", "P1"): "Ghi chú"},
    )
    report = score_inspection(TINY, inspection)
    result = report.criterion("P1")
    assert (result.state, result.points, result.decided_by) == (state, points, decided_by)
    assert [a.author_id for a in result.authors] == ["m1", "m2"]
    assert report.conflict_ids == (("P1",) if state == "conflict" else ())
    assert report.invalid_ids == (("P1",) if state == "invalid" else ())
    assert report.complete == (state in ("scored", "not_applicable"))
    counted = points or 0
    applicable = 90 if state == "not_applicable" else 100
    assert report.raw_total == 90 + counted
    assert report.applicable_max == applicable


def test_conflict_lists_each_authors_points() -> None:
    inspection = record({"m1": {"P1": Value(score=8)}, "m2": {"P1": NA}})
    (conflict,) = score_inspection(TINY, inspection).conflicts
    assert conflict.criterion_id == "P1"
    assert [(a.author_id, a.state, a.points) for a in conflict.authors] == [
        ("m1", "scored", 8.0),
        ("m2", "not_applicable", None),
    ]


def test_invalid_values_are_reported_with_author() -> None:
    inspection = record({"m1": {"P1": Value(score=10.5)}, "m2": {"ST1": NA}})
    report = score_inspection(TINY, inspection)
    assert [(i.criterion_id, i.author_id, i.from_decision) for i in report.invalid] == [
        ("P1", "m1", False),
        ("ST1", "m2", False),
    ]
    assert report.invalid_ids == ("P1", "ST1")


def test_figures_merged_with_rates_and_info_reported() -> None:
    meetings = Value(figures={"meetings": 722})
    inspection = record(
        {
            "m1": {"R1": Value(figures={"rec": 815, "res": 805}), "I1": meetings},
            "m2": {"R1": Value(figures={"rec": 815, "res": 700}), "I1": meetings},
        },
        decisions={"R1": Value(figures={"rec": 815, "res": 805})},
    )
    report = score_inspection(TINY, inspection)
    r1 = report.criterion("R1")
    rounded = {k: round(v, 2) for k, v in r1.figures.items()}
    assert rounded == {"rate": 98.77, "rec": 815, "res": 805}
    assert (r1.state, r1.points, r1.decided_by) == ("scored", 20, "decision")
    i1 = report.criterion("I1")
    assert (i1.state, i1.points, i1.figures) == ("info", None, {"meetings": 722})
    assert report.criteria_count == 6


def test_disagreeing_figures_are_left_out_without_decision() -> None:
    inspection = record(
        {
            "m1": {"R1": Value(figures={"rec": 815, "res": 805})},
            "m2": {"R1": Value(figures={"rec": 815, "res": 800})},
        }
    )
    r1 = score_inspection(TINY, inspection).criterion("R1")
    assert (r1.state, r1.points, r1.figures) == ("scored", 20, {"rec": 815})


def _evidence(report: Any) -> list[tuple[str, str, str]]:
    return [(m.criterion_id, m.what, m.message) for m in report.missing_evidence]


@pytest.mark.parametrize(
    "values,notes,photos_in_record,expected",
    [
        (FULL, {}, False, [("ST1", "photo", "Thiếu ảnh minh chứng")]),
        (FULL, {}, True, []),
        (
            {**FULL, "P1": Value(score=9)},
            {},
            True,
            [("P1", "note", "Cần ghi chú khi chưa đạt điểm tối đa")],
        ),
        ({**FULL, "P1": Value(score=9)}, {("m2", "P1"): "Thiếu biên bản"}, True, []),
        ({**FULL, "P1": NA}, {}, True, [("P1", "note", "Cần ghi chú lý do không áp dụng")]),
        (
            {**FULL, "P1": NA},
            {("m1", "P1"): "   "},
            True,
            [("P1", "note", "Cần ghi chú lý do không áp dụng")],
        ),
        ({**FULL, "P1": NA}, {("m1", "P1"): "Không phát sinh"}, True, []),
        ({**FULL, "R1": NA}, {}, True, [("R1", "note", "Cần ghi chú lý do không áp dụng")]),
        ({**FULL, "P2": Value(score=1)}, {}, True, []),
    ],
)
def test_missing_evidence(
    values: dict[str, Value],
    notes: dict[tuple[str, str], str],
    photos_in_record: bool,
    expected: list[tuple[str, str, str]],
) -> None:
    photos = (
        {"p1": Photo(id="p1", sha256=PHOTO, criterion_id="ST1", author_id="m1", counter=1)}
        if photos_in_record
        else {}
    )
    by_author = {"m1": values, "m2": {"P1": values["P1"]}}
    report = score_inspection(TINY, record(by_author, notes=notes, photos=photos))
    assert _evidence(report) == expected


def test_a_detached_photo_no_longer_counts_and_decision_reason_is_a_note() -> None:
    photo = Photo(id="p1", sha256=PHOTO, criterion_id="ST1", author_id="m1", counter=2)
    attached = record({"m1": {**FULL, "P1": Value(score=9)}}, photos={"p1": photo})
    assert _evidence(score_inspection(TINY, attached)) == [
        ("P1", "note", "Cần ghi chú khi chưa đạt điểm tối đa")
    ]
    detached = attached.model_copy(
        update={"photos": {"p1": photo.model_copy(update={"removed": True, "counter": 3})}}
    )
    assert ("ST1", "photo", "Thiếu ảnh minh chứng") in _evidence(score_inspection(TINY, detached))
    decided = record({"m1": {**FULL, "P1": Value(score=9)}}, decisions={"P1": Value(score=9)})
    assert _evidence(score_inspection(TINY, decided)) == [("ST1", "photo", "Thiếu ảnh minh chứng")]


def test_self_score_against_delegation() -> None:
    self_scores = {
        cid: SelfScore(criterion_id=cid, points=p, **BY_LEAD)
        for cid, p in {"P1": 10, "ST1": 20, "Y1": 10, "I1": 5}.items()
    }
    values = {"P1": Value(score=8), "ST1": Value(status=Status.DAT_MOT_PHAN)}
    comparison = score(values, self_scores=self_scores).self_comparison
    assert [
        (r.criterion_id, r.self_points, r.delegation_points, r.difference) for r in comparison.rows
    ] == [("P1", 10, 8, -2), ("ST1", 20, 10, -10), ("Y1", 10, None, None)]
    assert (comparison.self_total, comparison.delegation_total, comparison.difference) == (
        30,
        18,
        -12,
    )


def test_seed_sample_scores_tot() -> None:
    report = score_inspection(get_template("cqtt-xa", 1), build_sample_inspection())
    assert [(s.id, s.raw_points, s.applicable_max) for s in report.sections] == [
        ("A", 18, 20),
        ("B", 20, 20),
        ("C", 20, 25),
        ("D", 15, 15),
        ("E", 20, 20),
    ]
    assert (report.raw_total, report.scaled_total, report.bonus, report.penalty) == (93, 93, 0, 0)
    assert report.rating is not None and report.rating_uncapped is not None
    assert (report.final_total, report.rating.label, report.rating_uncapped.label) == (
        93.0,
        "Tốt",
        "Tốt",
    )
    assert report.hard_fails == ()
    a3 = report.criterion("A3")
    assert (a3.points, a3.decided_by, sorted(a.points or 0 for a in a3.authors)) == (
        5.5,
        "decision",
        [5, 6],
    )
    assert report.criterion("C2").points == 4  # 2.090 / 2.150 = 97,21% -> [95, 98) -> 4


def test_an_impossible_figure_on_an_information_criterion_is_reported_as_invalid() -> None:
    report = score({**FULL, "I1": Value(figures={"meetings": -722})})
    i1 = report.criterion("I1")
    assert (i1.state, i1.points) == ("invalid", None)
    assert (report.invalid_ids, report.complete, report.provisional) == (("I1",), False, True)
    assert [(i.criterion_id, i.message) for i in report.invalid] == [
        ("I1", "“Cuộc họp” không được là số âm, đang là -722")
    ]
    assert (report.criteria_count, report.scored_count, report.final_total) == (6, 6, 100)
