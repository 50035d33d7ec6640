"""Editing a record: counters rise, rights and lifecycle rules hold, the input is never changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from checklists import editing
from checklists.errors import EditRefused, RecordLocked
from checklists.record import (
    ConclusionPart,
    Header,
    Inspection,
    Lifecycle,
    Member,
    PhotoMeta,
    Representative,
    Role,
    Value,
)
from checklists.template import (
    Criterion,
    PointsScoring,
    RatingBand,
    Section,
    Status,
    StatusScoring,
    Template,
)

TEMPLATE = Template(
    id="mau-nho",
    version=3,
    title="Phiếu chấm nhỏ",
    programme="Chính quyền thân thiện",
    total_points=8,
    sections=(
        Section(id="A", title="Lãnh đạo", max_points=4, criteria=(
            Criterion(id="A1", label="Có kế hoạch", max_points=2, scoring=PointsScoring()),
            Criterion(id="A2", label="Có quy chế", max_points=2, scoring=StatusScoring()),
        )),
        Section(id="B", title="Tiếp dân", max_points=4, criteria=(
            Criterion(id="B1", label="Có sổ tiếp dân", max_points=4, scoring=PointsScoring()),
        )),
    ),
    rating_bands=(
        RatingBand(code="tot", label="Tốt", min=6),
        RatingBand(code="chua_tot", label="Chưa tốt", min=0, max=6),
    ),
)
LEADER, DEPUTY, MEMBER, SECRETARY = "truong", "pho", "tv", "thuky"
PHOTO = "ab" * 32


@pytest.fixture
def draft() -> Inspection:
    return editing.new_inspection(
        TEMPLATE,
        Header(unit_name="UBND xã Hòa Bình", inspection_date=date(2023, 11, 24)),
        inspection_id="ban-1",
        members=(
            Member(id=LEADER, name="Hoàng Văn A", role=Role.TRUONG_DOAN, counter=7),
            Member(id=DEPUTY, name="Vi Thị B", role=Role.PHO_TRUONG_DOAN),
            Member(id=MEMBER, name="Lý Văn C", role=Role.THANH_VIEN),
            Member(id=SECRETARY, name="Nông Thị D", role=Role.THU_KY),
        ),
    )


@pytest.fixture
def locked(draft: Inspection) -> Inspection:
    started = editing.assess(draft, author_id=MEMBER, criterion_id="A1", value=Value(score=2))
    return editing.move_to(started, author_id=LEADER, status=Lifecycle.LOCKED)


def test_new_record_names_its_template_and_starts_at_counter_one(draft: Inspection) -> None:
    assert (draft.id, draft.template_id, draft.template_version) == ("ban-1", "mau-nho", 3)
    assert draft.template_hash == TEMPLATE.content_hash()
    assert draft.status() is Lifecycle.DRAFT
    assert (draft.lifecycle, draft.log) == ((), ())
    assert editing.clock(draft) == 1


def test_each_edit_takes_the_next_counter(draft: Inspection) -> None:
    one = editing.assess(draft, author_id=MEMBER, criterion_id="A1", value=Value(score=1))
    two = editing.assess(one, author_id=MEMBER, criterion_id="A1", value=Value(score=2))
    three = editing.set_self_score(two, author_id=MEMBER, criterion_id="A1", points=2)
    assert [editing.clock(r) for r in (draft, one, two, three)] == [1, 2, 3, 4]
    assert two.assessments["A1"][MEMBER].counter == 3
    assert two.assessments["A1"][MEMBER].score == 2
    assert three.self_scores["A1"].counter == 4


def test_clock_covers_every_register(draft: Inspection) -> None:
    record = draft.model_copy(update={
        "representatives": {"r": Representative(id="r", name="Chủ tịch xã", counter=9)},
    })
    assert editing.clock(record) == 9
    assert editing.assess(record, author_id=LEADER, criterion_id="B1",
                          value=Value(score=1)).assessments["B1"][LEADER].counter == 10


def test_assess_keeps_only_value_fields_and_stores_note_and_photos(draft: Inspection) -> None:
    record = editing.assess(draft, author_id=MEMBER, criterion_id="A2",
                            value=Value(status=Status.DAT_MOT_PHAN), note="Thiếu 2 tháng",
                            photos=[PHOTO])
    got = record.assessments["A2"][MEMBER]
    assert (got.status, got.note, got.photos, got.author_id) == ("dat_mot_phan", "Thiếu 2 tháng",
                                                                 (PHOTO,), MEMBER)


@pytest.mark.parametrize("author", ["nguoi-la", ""])
def test_assess_by_someone_outside_the_delegation_is_refused(draft: Inspection, author: str
                                                             ) -> None:
    with pytest.raises(EditRefused, match="không có trong danh sách đoàn kiểm tra"):
        editing.assess(draft, author_id=author, criterion_id="A1", value=Value(score=1))


@pytest.mark.parametrize("author,allowed", [
    (LEADER, True), (DEPUTY, True), (MEMBER, False), (SECRETARY, False),
])
def test_only_leaders_decide(draft: Inspection, author: str, allowed: bool) -> None:
    def decide() -> Inspection:
        return editing.decide(draft, author_id=author, criterion_id="A1", value=Value(score=1.5),
                              reason="Đối chiếu sổ sách")

    if allowed:
        decided = decide()
        assert decided.decisions["A1"].score == 1.5
        assert [(e.action, e.detail) for e in decided.log] == [
            ("Quyết định điểm", "A1: Đối chiếu sổ sách"),
        ]
    else:
        with pytest.raises(EditRefused) as refused:
            decide()
        assert str(refused.value) == (
            "Chỉ Trưởng đoàn hoặc Phó Trưởng đoàn được quyết định điểm"
            " khi các thành viên chấm khác nhau."
        )


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_decision_needs_a_reason(draft: Inspection, reason: str) -> None:
    with pytest.raises(EditRefused, match="cần ghi rõ lý do"):
        editing.decide(draft, author_id=LEADER, criterion_id="A1", value=Value(score=1),
                       reason=reason)


def test_first_assessment_moves_a_draft_in_progress_once(draft: Inspection) -> None:
    first = editing.assess(draft, author_id=MEMBER, criterion_id="A1", value=Value(score=1))
    second = editing.assess(first, author_id=LEADER, criterion_id="A2", value=Value(score=1))
    assert first.status() is Lifecycle.IN_PROGRESS
    assert [(e.status, e.author_id, e.counter) for e in second.lifecycle] == [
        (Lifecycle.IN_PROGRESS, MEMBER, 2),
    ]
    assert [(e.action, e.detail) for e in second.log] == [("Chuyển trạng thái", "Đang kiểm tra")]


@pytest.mark.parametrize("edit", [
    lambda r: editing.assess(r, author_id=LEADER, criterion_id="A1", value=Value(score=0)),
    lambda r: editing.decide(r, author_id=LEADER, criterion_id="A1", value=Value(score=0),
                             reason="Sửa"),
    lambda r: editing.write_conclusion(r, author_id=LEADER, part=ConclusionPart.LIMITATIONS,
                                       text="Còn chậm"),
    lambda r: editing.set_self_score(r, author_id=LEADER, criterion_id="A1", points=1),
    lambda r: editing.upsert_member(r, author_id=LEADER, member=Member(id="x", name="Mới")),
])
def test_a_locked_record_refuses_edits(locked: Inspection,
                                       edit: Callable[[Inspection], Inspection]) -> None:
    with pytest.raises(RecordLocked) as refused:
        edit(locked)
    assert str(refused.value).startswith("Biên bản đã khóa; cần mở lại")


def test_a_delivered_record_refuses_edits(locked: Inspection) -> None:
    delivered = editing.move_to(locked, author_id=MEMBER, status=Lifecycle.DELIVERED)
    with pytest.raises(RecordLocked, match="Biên bản đã gửi"):
        editing.assess(delivered, author_id=MEMBER, criterion_id="A1", value=Value(score=1))


@pytest.mark.parametrize("author,reason,message", [
    (LEADER, "", "Mở lại biên bản cần ghi rõ lý do."),
    (LEADER, "  ", "Mở lại biên bản cần ghi rõ lý do."),
    (MEMBER, "Chấm lại A1", "Chỉ Trưởng đoàn hoặc Phó Trưởng đoàn được mở lại biên bản."),
])
def test_reopen_needs_a_leader_and_a_reason(locked: Inspection, author: str, reason: str,
                                            message: str) -> None:
    with pytest.raises(EditRefused) as refused:
        editing.move_to(locked, author_id=author, status=Lifecycle.IN_PROGRESS, reason=reason)
    assert str(refused.value) == message


def test_leader_reopens_with_a_reason_and_it_is_logged(locked: Inspection) -> None:
    at = datetime(2023, 11, 24, 16, 30)
    reopened = editing.move_to(locked, author_id=LEADER, status=Lifecycle.IN_PROGRESS,
                               reason="Chấm lại A1", now=at)
    assert reopened.status() is Lifecycle.IN_PROGRESS
    assert (reopened.lifecycle[-1].reason, reopened.lifecycle[-1].author_id) == ("Chấm lại A1",
                                                                                 LEADER)
    last = reopened.log[-1]
    assert (last.action, last.detail, last.author_id, last.at) == (
        "Mở lại", "Đang kiểm tra: Chấm lại A1", LEADER, at.replace(tzinfo=UTC),
    )  # a naive device time is taken to be UTC (checklists.canonical)
    edited = editing.assess(reopened, author_id=MEMBER, criterion_id="A1", value=Value(score=1))
    assert edited.assessments["A1"][MEMBER].score == 1


@pytest.mark.parametrize("author,status,message", [
    (MEMBER, Lifecycle.LOCKED, "Chỉ Trưởng đoàn hoặc Phó Trưởng đoàn được khóa biên bản."),
    (LEADER, Lifecycle.DELIVERED, "Chỉ biên bản đã khóa mới được đánh dấu đã gửi."),
    ("nguoi-la", Lifecycle.COMPLETED,
     "Người sửa “nguoi-la” không có trong danh sách đoàn kiểm tra."),
])
def test_forward_moves_follow_the_rules(draft: Inspection, author: str, status: Lifecycle,
                                        message: str) -> None:
    with pytest.raises(EditRefused) as refused:
        editing.move_to(draft, author_id=author, status=status)
    assert str(refused.value) == message


def test_moving_to_the_current_status_changes_nothing(draft: Inspection) -> None:
    assert editing.move_to(draft, author_id=MEMBER, status=Lifecycle.DRAFT) is draft


def test_a_member_may_complete_but_only_leaders_change_the_delegation(draft: Inspection) -> None:
    completed = editing.move_to(draft, author_id=MEMBER, status=Lifecycle.COMPLETED)
    assert completed.status() is Lifecycle.COMPLETED
    with pytest.raises(EditRefused, match="sửa danh sách đoàn và phân công"):
        editing.assign(draft, author_id=MEMBER, member_id=MEMBER, section_ids=["A"])
    assigned = editing.assign(draft, author_id=DEPUTY, member_id=MEMBER, section_ids=["A", "B"])
    assert assigned.assignments[MEMBER].section_ids == ("A", "B")
    assert assigned.log[-1].detail == "Lý Văn C: A, B"


def test_log_records_people_changes_but_not_score_edits(draft: Inspection) -> None:
    record = editing.assess(draft, author_id=MEMBER, criterion_id="A1", value=Value(score=1))
    record = editing.assess(record, author_id=MEMBER, criterion_id="A1", value=Value(score=2))
    record = editing.set_self_score(record, author_id=MEMBER, criterion_id="A1", points=2)
    record = editing.add_photo(record, PhotoMeta(sha256=PHOTO, criterion_id="A1",
                                                 author_id=MEMBER, counter=99))
    record = editing.set_caption(record, author_id=MEMBER, sha256=PHOTO, caption="Sổ tiếp dân")
    record = editing.write_conclusion(record, author_id=LEADER, part=ConclusionPart.LIMITATIONS,
                                      text="Chưa niêm yết thủ tục")
    record = editing.upsert_representative(
        record, author_id=SECRETARY, representative=Representative(id="r1", name="Chủ tịch xã"))
    record = editing.set_header(record, author_id=SECRETARY, header=record.header.model_copy(
        update={"place": "Hội trường xã"}))
    assert [e.action for e in record.log] == [
        "Chuyển trạng thái", "Thêm ảnh", "Sửa kết luận", "Cập nhật đại diện đơn vị",
        "Sửa thông tin chung",
    ]
    assert [e.counter for e in record.log] == [2, 5, 7, 8, 9]
    assert (record.photos[PHOTO].counter, record.photos[PHOTO].caption) == (6, "Sổ tiếp dân")
    assert (record.header.place, record.header.counter) == ("Hội trường xã", 9)


def test_caption_of_a_missing_photo_is_refused(draft: Inspection) -> None:
    with pytest.raises(EditRefused, match="Không tìm thấy ảnh"):
        editing.set_caption(draft, author_id=MEMBER, sha256=PHOTO, caption="x")


def test_the_first_leader_may_be_added_by_whoever_sets_up_the_delegation() -> None:
    empty = editing.new_inspection(
        TEMPLATE, Header(unit_name="UBND xã Mới", inspection_date=date(2024, 1, 5))
    )
    led = editing.upsert_member(empty, author_id=LEADER,
                                member=Member(id=LEADER, name="A", role=Role.TRUONG_DOAN))
    assert led.leader_ids() == {LEADER}
    with pytest.raises(EditRefused):
        editing.upsert_member(led, author_id="nguoi-la", member=Member(id="y", name="B"))


def test_editing_never_changes_its_input(draft: Inspection) -> None:
    before = draft.content_hash()
    started = editing.assess(draft, author_id=MEMBER, criterion_id="A1", value=Value(score=1))
    started_hash = started.content_hash()
    editing.assess(started, author_id=LEADER, criterion_id="A1", value=Value(score=2))
    editing.decide(started, author_id=LEADER, criterion_id="A1", value=Value(score=2),
                   reason="Có minh chứng")
    editing.add_photo(started, PhotoMeta(sha256=PHOTO, criterion_id="A1", author_id=MEMBER))
    editing.move_to(started, author_id=LEADER, status=Lifecycle.LOCKED, reason="Xong")
    editing.upsert_member(started, author_id=LEADER, member=Member(id="moi", name="Mới"))
    assert draft.content_hash() == before
    assert started.content_hash() == started_hash
    assert set(started.assessments["A1"]) == {MEMBER}
    assert started.status() is Lifecycle.IN_PROGRESS
