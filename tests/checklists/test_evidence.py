"""Evidence rules: which photos and notes a criterion still asks for, given its result."""

from __future__ import annotations

from datetime import date

import pytest

from checklists.record import editing, photos
from checklists.record.model import Role, Value
from checklists.scoring.engine import score_inspection
from checklists.template.model import (
    Criterion,
    EvidenceRule,
    PointsScoring,
    RatingBand,
    Section,
    Status,
    StatusScoring,
    Template,
    YesNoScoring,
)

LEADER = {"id": "lead", "name": "Trưởng đoàn", "role": Role.TRUONG_DOAN}
PHOTO = "b" * 64
WHEN_NO = EvidenceRule(photo_required_when_no=True)
BELOW_MAX = EvidenceRule(photo_required_below_max=True)

TEMPLATE = Template(
    id="ev",
    version=1,
    title="Phiếu thử",
    programme="Thử nghiệm",
    total_points=40,
    sections=(
        Section(
            id="A",
            title="Phần A",
            max_points=40,
            criteria=(
                # "Có niêm yết?": yes earns the points; a "no" must be photographed.
                Criterion(
                    id="Y", label="Có", max_points=10, scoring=YesNoScoring(), evidence=WHEN_NO
                ),
                # "Có vi phạm?": no earns the points; a "no" still asks for the photo.
                Criterion(
                    id="N",
                    label="Vi phạm",
                    max_points=10,
                    scoring=YesNoScoring(yes_scores=False),
                    evidence=WHEN_NO,
                    allow_na=True,
                ),
                Criterion(
                    id="P", label="Điểm", max_points=10, scoring=PointsScoring(), evidence=BELOW_MAX
                ),
                Criterion(
                    id="S",
                    label="Mức",
                    max_points=10,
                    scoring=StatusScoring(),
                    evidence=EvidenceRule(
                        photo_required_below_max=True, note_required_below_max=True
                    ),
                ),
            ),
        ),
    ),
    rating_bands=(RatingBand(code="dat", label="Đạt", min=0),),
)
NO_PHOTO = "Cần ảnh minh chứng khi trả lời “Không”"
BELOW = "Cần ảnh minh chứng khi chưa đạt điểm tối đa"
NOTE = "Cần ghi chú khi chưa đạt điểm tối đa"


def missing(
    cid: str, value: Value, *, note: str = "", photo: bool = False
) -> list[tuple[str, str]]:
    header = {"unit_name": "Xã Thử", "inspection_date": date(2024, 6, 1)}
    record = editing.new_inspection(TEMPLATE, header, members=(LEADER,))
    record = editing.assess(
        record, author_id=LEADER["id"], criterion_id=cid, value=value, note=note
    )
    if photo:
        record = photos.add_photo(record, author_id=LEADER["id"], sha256=PHOTO, criterion_id=cid)
    report = score_inspection(TEMPLATE, record)
    return [(m.what, m.message) for m in report.missing_evidence if m.criterion_id == cid]


@pytest.mark.parametrize(
    ("cid", "value", "expected"),
    [
        ("Y", Value(answer=False), [("photo", NO_PHOTO)]),
        ("Y", Value(answer=True), []),
        ("Y", Value(), []),
        ("N", Value(answer=False), [("photo", NO_PHOTO)]),
        ("N", Value(answer=True), []),
        ("N", Value(not_applicable=True), [("note", "Cần ghi chú lý do không áp dụng")]),
        ("P", Value(score=9.5), [("photo", BELOW)]),
        ("P", Value(score=0), [("photo", BELOW)]),
        ("P", Value(score=10), []),
        ("P", Value(score=12), []),  # invalid: not scored, so not below max either
        ("S", Value(status=Status.DAT_MOT_PHAN), [("photo", BELOW), ("note", NOTE)]),
        ("S", Value(status=Status.DAT), []),
    ],
)
def test_a_photo_is_asked_for_when_the_rule_applies(
    cid: str, value: Value, expected: list[tuple[str, str]]
) -> None:
    assert missing(cid, value) == expected


@pytest.mark.parametrize(
    ("cid", "value", "note", "photo", "expected"),
    [
        ("Y", Value(answer=False), "", True, []),
        ("P", Value(score=5), "", True, []),
        ("S", Value(status=Status.KHONG_DAT), "Chưa niêm yết", False, [("photo", BELOW)]),
        ("S", Value(status=Status.KHONG_DAT), "", True, [("note", NOTE)]),
        ("S", Value(status=Status.KHONG_DAT), "Chưa niêm yết", True, []),
    ],
)
def test_the_photo_and_the_note_are_each_satisfied_on_their_own(
    cid: str, value: Value, note: str, photo: bool, expected: list[tuple[str, str]]
) -> None:
    assert missing(cid, value, note=note, photo=photo) == expected


def test_photo_required_whatever_the_result_still_applies() -> None:
    always = TEMPLATE.criterion("Y").model_copy(
        update={"evidence": EvidenceRule(photo_required=True, photo_required_when_no=True)}
    )
    section = TEMPLATE.sections[0].model_copy(
        update={"criteria": (always, *TEMPLATE.sections[0].criteria[1:])}
    )
    template = TEMPLATE.model_copy(update={"sections": (section,)})
    header = {"unit_name": "Xã Thử", "inspection_date": date(2024, 6, 1)}
    record = editing.new_inspection(template, header, members=(LEADER,))
    record = editing.assess(
        record, author_id=LEADER["id"], criterion_id="Y", value=Value(answer=True)
    )
    report = score_inspection(template, record)
    assert [(m.criterion_id, m.message) for m in report.missing_evidence] == [
        ("Y", "Thiếu ảnh minh chứng")
    ]
