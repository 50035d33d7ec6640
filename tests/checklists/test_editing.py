"""Editing a record: counters rise, rights and lifecycle rules hold, the input is never changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from checklists.errors import EditRefused, RecordLocked
from checklists.record import editing, photos, roster
from checklists.record.lifecycle import Lifecycle
from checklists.record.model import ConclusionPart, Inspection, Representative, Role, Value
from checklists.record.registers import clock
from checklists.template.model import (
    Criterion,
    PointsScoring,
    RatingBand,
    Section,
    Status,
    StatusScoring,
    Template,
)
from checklists.text.labels import label

TEMPLATE = Template(
    id="mau-nho",
    version=3,
    title="Phiếu chấm nhỏ",
    programme="Chính quyền thân thiện",
    total_points=8,
    sections=(
        Section(
            id="A",
            title="Lãnh đạo",
            max_points=4,
            criteria=(
                Criterion(id="A1", label="Có kế hoạch", max_points=2, scoring=PointsScoring()),
                Criterion(id="A2", label="Có quy chế", max_points=2, scoring=StatusScoring()),
            ),
        ),
        Section(
            id="B",
            title="Tiếp dân",
            max_points=4,
            criteria=(
                Criterion(id="B1", label="Có sổ tiếp dân", max_points=4, scoring=PointsScoring()),
            ),
        ),
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
    record = editing.new_inspection(
        TEMPLATE,
        {"unit_name": "UBND xã Hòa Bình", "inspection_date": date(2023, 11, 24)},
        inspection_id="ban-1",
        members=(
            {"id": LEADER, "name": "Hoàng Văn A", "role": Role.TRUONG_DOAN},
            {"id": DEPUTY, "name": "Vi Thị B", "role": Role.PHO_TRUONG_DOAN},
            {"id": MEMBER, "name": "Lý Văn C", "role": Role.THANH_VIEN},
            {"id": SECRETARY, "name": "Nông Thị D", "role": Role.THU_KY},
        ),
    )
    return roster.hand_over(record, author_id=LEADER, leader_id=LEADER, acting_deputies=[DEPUTY])


@pytest.fixture
def locked(draft: Inspection) -> Inspection:
    started = editing.assess(draft, author_id=MEMBER, criterion_id="A1", value=Value(score=2))
    return editing.move_to(started, author_id=LEADER, status=Lifecycle.LOCKED)


def codes(record: Inspection) -> list[str]:
    return [e.code for e in record.log]


def test_new_record_names_its_template_and_leader_and_starts_at_counter_one() -> None:
    record = editing.new_inspection(
        TEMPLATE,
        {"unit_name": "Xã A", "inspection_date": date(2024, 1, 5)},
        inspection_id="ban-0",
        members=[{"id": "a", "name": "A", "role": Role.TRUONG_DOAN}],
    )
    assert (record.id, record.template_id, record.template_version) == ("ban-0", "mau-nho", 3)
    assert record.template_hash == TEMPLATE.content_hash()
    assert (record.leader_id, record.leader_ids()) == ("a", {"a"})
    assert record.status() is Lifecycle.DRAFT
    assert (record.lifecycle, record.log) == ((), ())
    assert clock(record) == 1
    assert (record.header.author_id, record.members["a"].author_id) == ("a", "a")


def test_a_visit_without_a_leader_among_its_members_is_refused() -> None:
    with pytest.raises(EditRefused, match="cần có Trưởng đoàn"):
        editing.new_inspection(
            TEMPLATE,
            {"unit_name": "Xã", "inspection_date": date(2024, 1, 5)},
            members=[{"id": "a", "name": "A"}],
        )


def test_each_edit_takes_the_next_counter(draft: Inspection) -> None:
    start = clock(draft)
    one = editing.assess(draft, author_id=MEMBER, criterion_id="A1", value=Value(score=1))
    two = editing.assess(one, author_id=MEMBER, criterion_id="A1", value=Value(score=2))
    three = editing.set_self_score(two, author_id=MEMBER, criterion_id="A1", points=2)
    # The first assessment also moves the draft in progress (one more counter).
    assert [clock(r) - start for r in (draft, one, two, three)] == [0, 2, 3, 4]
    assert two.assessments["A1"][MEMBER].counter == start + 3
    assert two.assessments["A1"][MEMBER].score == 2
    assert three.self_scores["A1"].counter == start + 4


def test_clock_covers_every_register(draft: Inspection) -> None:
    record = draft.model_copy(
        update={
            "representatives": {
                "r": Representative(id="r", name="Chủ tịch xã", counter=90, author_id=MEMBER)
            },
        }
    )
    assert clock(record) == 90
    assert (
        editing.assess(record, author_id=LEADER, criterion_id="B1", value=Value(score=1))
        .assessments["B1"][LEADER]
        .counter
        == 91
    )


def test_assess_keeps_only_value_fields_and_stores_the_note(draft: Inspection) -> None:
    record = editing.assess(
        draft,
        author_id=MEMBER,
        criterion_id="A2",
        value=Value(status=Status.DAT_MOT_PHAN),
        note="Thiếu 2 tháng",
    )
    got = record.assessments["A2"][MEMBER]
    assert (got.status, got.note, got.author_id) == ("dat_mot_phan", "Thiếu 2 tháng", MEMBER)


def test_partial_edits_change_only_what_they_name(draft: Inspection) -> None:
    record = editing.assess(
        draft,
        author_id=MEMBER,
        criterion_id="B1",
        value=Value(score=3, figures={"a": 1, "b": 2}),
        note="Sổ đủ",
    )
    record = editing.assess(record, author_id=MEMBER, criterion_id="B1", value=Value(score=4))
    got = record.assessments["B1"][MEMBER]
    assert (got.score, got.note, got.figures) == (4, "Sổ đủ", {})  # a value replaces the value
    record = editing.assess(record, author_id=MEMBER, criterion_id="B1", note="Sổ thiếu trang")
    got = record.assessments["B1"][MEMBER]
    assert (got.score, got.note) == (4, "Sổ thiếu trang")  # a note keeps the value
    record = editing.assess(record, author_id=MEMBER, criterion_id="B1", figures={"a": 5})
    record = editing.assess(record, author_id=MEMBER, criterion_id="B1", figures={"b": 6})
    got = record.assessments["B1"][MEMBER]
    assert (got.score, got.note, got.figures) == (4, "Sổ thiếu trang", {"a": 5, "b": 6})


def test_a_withdrawn_assessment_is_a_tombstone_and_can_be_given_again(draft: Inspection) -> None:
    record = editing.assess(
        draft, author_id=MEMBER, criterion_id="A1", value=Value(score=2), note="Đủ"
    )
    gone = editing.withdraw_assessment(record, author_id=MEMBER, criterion_id="A1")
    tomb = gone.assessments["A1"][MEMBER]
    assert (tomb.removed, tomb.score, tomb.note) == (True, None, "")
    again = editing.assess(gone, author_id=MEMBER, criterion_id="A1", note="Xem lại")
    back = again.assessments["A1"][MEMBER]
    assert (back.removed, back.score, back.note) == (False, None, "Xem lại")


@pytest.mark.parametrize("author", ["nguoi-la"])
def test_assess_by_someone_outside_the_delegation_is_refused(
    draft: Inspection, author: str
) -> None:
    with pytest.raises(EditRefused, match="không có trong danh sách đoàn kiểm tra"):
        editing.assess(draft, author_id=author, criterion_id="A1", value=Value(score=1))


@pytest.mark.parametrize(
    "author,allowed",
    [
        (LEADER, True),
        (DEPUTY, True),
        (MEMBER, False),
        (SECRETARY, False),
    ],
)
def test_only_the_leader_and_acting_deputies_decide(
    draft: Inspection, author: str, allowed: bool
) -> None:
    def decide() -> Inspection:
        return editing.decide(
            draft,
            author_id=author,
            criterion_id="A1",
            value=Value(score=1.5),
            reason="Đối chiếu sổ sách",
        )

    if allowed:
        decided = decide()
        assert decided.decisions["A1"][author].score == decided.decision("A1").score == 1.5
        assert codes(decided)[-1] == "log.decide"
        assert decided.log[-1].params == {"criterion": "A1"}
    else:
        with pytest.raises(EditRefused) as refused:
            decide()
        assert str(refused.value) == (
            "Chỉ Trưởng đoàn (hoặc Phó Trưởng đoàn được giao) được quyết định điểm"
            " khi các thành viên chấm khác nhau."
        )
        assert refused.value.message("en") == (
            "Only the team leader (or an acting deputy) may decide a criterion where members"
            " disagree."
        )


def test_a_deputy_acts_as_leader_only_if_the_record_says_so(draft: Inspection) -> None:
    not_acting = roster.hand_over(draft, author_id=LEADER, leader_id=LEADER)
    assert not_acting.leader_ids() == {LEADER}
    with pytest.raises(EditRefused):
        editing.decide(
            not_acting, author_id=DEPUTY, criterion_id="A1", value=Value(score=1), reason="x"
        )
    with pytest.raises(EditRefused, match="giao quyền Trưởng đoàn"):
        roster.hand_over(draft, author_id=DEPUTY, leader_id=DEPUTY)  # acting is not handing over


def test_the_leader_hands_over_and_the_old_leader_loses_the_role(draft: Inspection) -> None:
    handed = roster.hand_over(draft, author_id=LEADER, leader_id=DEPUTY)
    assert handed.leader_ids() == {DEPUTY}
    with pytest.raises(EditRefused):
        editing.write_conclusion(
            handed, author_id=LEADER, part=ConclusionPart.LIMITATIONS, text="x"
        )


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_decision_needs_a_reason(draft: Inspection, reason: str) -> None:
    with pytest.raises(EditRefused, match="cần ghi rõ lý do"):
        editing.decide(
            draft, author_id=LEADER, criterion_id="A1", value=Value(score=1), reason=reason
        )


def test_a_withdrawn_decision_stays_as_a_tombstone(draft: Inspection) -> None:
    decided = editing.decide(
        draft, author_id=LEADER, criterion_id="A1", value=Value(score=1), reason="Theo hồ sơ"
    )
    gone = editing.withdraw_decision(decided, author_id=LEADER, criterion_id="A1")
    assert gone.decisions["A1"][LEADER].removed is True
    assert gone.decisions["A1"][LEADER].counter > decided.decisions["A1"][LEADER].counter
    assert (decided.decision("A1") is not None, gone.decision("A1")) == (True, None)


def test_first_assessment_moves_a_draft_in_progress_once(draft: Inspection) -> None:
    first = editing.assess(draft, author_id=MEMBER, criterion_id="A1", value=Value(score=1))
    second = editing.assess(first, author_id=LEADER, criterion_id="A2", value=Value(score=1))
    assert first.status() is Lifecycle.IN_PROGRESS
    assert [(e.status, e.author_id) for e in second.lifecycle] == [
        (Lifecycle.IN_PROGRESS, MEMBER),
    ]
    assert codes(second)[-3:] == ["log.assess", "log.lifecycle", "log.assess"]


@pytest.mark.parametrize(
    "edit",
    [
        lambda r: editing.assess(r, author_id=LEADER, criterion_id="A1", value=Value(score=0)),
        lambda r: editing.decide(
            r, author_id=LEADER, criterion_id="A1", value=Value(score=0), reason="Sửa"
        ),
        lambda r: editing.write_conclusion(
            r, author_id=LEADER, part=ConclusionPart.LIMITATIONS, text="Còn chậm"
        ),
        lambda r: editing.set_self_score(r, author_id=LEADER, criterion_id="A1", points=1),
        lambda r: roster.upsert_member(r, author_id=LEADER, member={"id": "x", "name": "Mới"}),
        lambda r: editing.withdraw_assessment(r, author_id=MEMBER, criterion_id="A1"),
        lambda r: photos.add_photo(r, author_id=MEMBER, sha256=PHOTO, criterion_id="A1"),
    ],
)
def test_a_locked_record_refuses_edits(
    locked: Inspection, edit: Callable[[Inspection], Inspection]
) -> None:
    with pytest.raises(RecordLocked) as refused:
        edit(locked)
    assert str(refused.value).startswith("Biên bản đã khóa; cần mở lại")
    assert refused.value.message("en").startswith("The record is locked; ")


def test_a_delivered_record_refuses_edits(locked: Inspection) -> None:
    with pytest.raises(EditRefused, match="đánh dấu biên bản đã gửi"):
        editing.move_to(locked, author_id=MEMBER, status=Lifecycle.DELIVERED)
    delivered = editing.move_to(locked, author_id=LEADER, status=Lifecycle.DELIVERED)
    with pytest.raises(RecordLocked, match="Biên bản đã gửi"):
        editing.assess(delivered, author_id=MEMBER, criterion_id="A1", value=Value(score=1))


@pytest.mark.parametrize(
    "author,reason,message",
    [
        (LEADER, "", "Mở lại biên bản cần ghi rõ lý do."),
        (LEADER, "  ", "Mở lại biên bản cần ghi rõ lý do."),
        (
            MEMBER,
            "Chấm lại A1",
            "Chỉ Trưởng đoàn (hoặc Phó Trưởng đoàn được giao) được mở lại biên bản.",
        ),
    ],
)
def test_reopen_needs_a_leader_and_a_reason(
    locked: Inspection, author: str, reason: str, message: str
) -> None:
    with pytest.raises(EditRefused) as refused:
        editing.move_to(locked, author_id=author, status=Lifecycle.IN_PROGRESS, reason=reason)
    assert str(refused.value) == message


def test_leader_reopens_with_a_reason_and_it_is_logged(locked: Inspection) -> None:
    at = datetime(2023, 11, 24, 16, 30)
    reopened = editing.move_to(
        locked, author_id=LEADER, status=Lifecycle.IN_PROGRESS, reason="Chấm lại A1", now=at
    )
    assert reopened.status() is Lifecycle.IN_PROGRESS
    assert (reopened.lifecycle[-1].reason, reopened.lifecycle[-1].author_id) == (
        "Chấm lại A1",
        LEADER,
    )
    last = reopened.log[-1]
    assert (last.code, last.params, last.author_id, last.at) == (
        "log.reopen",
        {"status": "lifecycle.in_progress"},
        LEADER,
        at.replace(tzinfo=UTC),
    )  # a naive device time is taken to be UTC (checklists.record.canonical)
    assert label(last.code, "vi", {"status": label(last.params["status"])}) == (
        "Mở lại biên bản: Đang kiểm tra"
    )
    edited = editing.assess(reopened, author_id=MEMBER, criterion_id="A1", value=Value(score=1))
    assert edited.assessments["A1"][MEMBER].score == 1


@pytest.mark.parametrize(
    "author,status,message",
    [
        (
            MEMBER,
            Lifecycle.LOCKED,
            "Chỉ Trưởng đoàn (hoặc Phó Trưởng đoàn được giao) được khóa biên bản.",
        ),
        (LEADER, Lifecycle.DELIVERED, "Chỉ biên bản đã khóa mới được đánh dấu đã gửi."),
        (
            "nguoi-la",
            Lifecycle.COMPLETED,
            "Người sửa “nguoi-la” không có trong danh sách đoàn kiểm tra.",
        ),
    ],
)
def test_forward_moves_follow_the_rules(
    draft: Inspection, author: str, status: Lifecycle, message: str
) -> None:
    with pytest.raises(EditRefused) as refused:
        editing.move_to(draft, author_id=author, status=status)
    assert str(refused.value) == message


def test_moving_to_the_current_status_changes_nothing(draft: Inspection) -> None:
    assert editing.move_to(draft, author_id=MEMBER, status=Lifecycle.DRAFT) is draft


def test_a_member_may_complete_but_only_leaders_change_the_delegation(draft: Inspection) -> None:
    completed = editing.move_to(draft, author_id=MEMBER, status=Lifecycle.COMPLETED)
    assert completed.status() is Lifecycle.COMPLETED
    with pytest.raises(EditRefused, match="danh sách đoàn và phân công"):
        roster.assign(draft, author_id=MEMBER, member_id=MEMBER, section_ids=["A"])
    with pytest.raises(EditRefused, match="danh sách đoàn và phân công"):
        roster.set_header(draft, author_id=MEMBER, place="Nhà văn hóa")
    assigned = roster.assign(draft, author_id=DEPUTY, member_id=MEMBER, section_ids=["A", "B"])
    assert assigned.assignments[MEMBER].section_ids == ("A", "B")
    assert (assigned.assignments[MEMBER].author_id, assigned.log[-1].params) == (
        DEPUTY,
        {"member": "Lý Văn C"},
    )


def test_a_removed_member_can_no_longer_edit_and_the_leader_cannot_be_removed(
    draft: Inspection,
) -> None:
    removed = roster.remove_member(draft, author_id=LEADER, member_id=MEMBER)
    assert removed.members[MEMBER].removed and MEMBER not in removed.active_members()
    with pytest.raises(EditRefused, match="không có trong danh sách đoàn"):
        editing.assess(removed, author_id=MEMBER, criterion_id="A1", value=Value(score=1))
    with pytest.raises(EditRefused):
        roster.remove_member(draft, author_id=LEADER, member_id=LEADER)
    back = roster.upsert_member(
        removed, author_id=LEADER, member={"id": MEMBER, "name": "Lý Văn C"}
    )
    assert MEMBER in back.active_members()


def test_representatives_are_added_and_removed_by_any_member(draft: Inspection) -> None:
    record = roster.upsert_representative(
        draft, author_id=SECRETARY, representative={"id": "r1", "name": "Chủ tịch xã"}
    )
    record = roster.remove_representative(record, author_id=MEMBER, representative_id="r1")
    assert record.representatives["r1"].removed is True
    assert record.representatives["r1"].author_id == MEMBER


def test_photos_are_registers_of_their_own_id(draft: Inspection) -> None:
    record = photos.add_photo(
        draft,
        author_id=MEMBER,
        sha256=PHOTO,
        criterion_id="A1",
        photo_id="p1",
        caption="Sổ tiếp dân",
        width=1600,
        height=1200,
        byte_size=234_000,
    )
    # The same picture backs a second criterion as a second photo.
    record = photos.add_photo(
        record, author_id=MEMBER, sha256=PHOTO, criterion_id="B1", photo_id="p2"
    )
    record = photos.add_photo(
        record, author_id=MEMBER, sha256=PHOTO, criterion_id="A1", photo_id="p3"
    )
    assert [p.id for p in record.photos_of("A1")] == ["p1", "p3"]
    assert [p.order for p in record.photos_of("A1")] == [0, 1]
    record = photos.edit_photo(
        record, author_id=MEMBER, photo_id="p3", order=0, include_in_report=False
    )
    record = photos.edit_photo(record, author_id=MEMBER, photo_id="p1", order=1)
    assert [p.id for p in record.photos_of("A1")] == ["p3", "p1"]
    p1 = record.photos["p1"]
    assert (p1.caption, p1.width, p1.byte_size) == ("Sổ tiếp dân", 1600, 234_000)
    record = photos.detach_photo(record, author_id=MEMBER, photo_id="p1")
    assert [p.id for p in record.photos_of("A1")] == ["p3"]
    assert record.photo_hashes() == {PHOTO}  # p2, p3 still use it


def test_only_the_author_or_the_leader_changes_a_photo(draft: Inspection) -> None:
    record = photos.add_photo(draft, author_id=MEMBER, sha256=PHOTO, photo_id="p1")
    with pytest.raises(EditRefused):
        photos.detach_photo(record, author_id=SECRETARY, photo_id="p1")
    detached = photos.detach_photo(record, author_id=LEADER, photo_id="p1")
    assert (detached.photos["p1"].removed, detached.photos["p1"].author_id) == (True, LEADER)
    with pytest.raises(EditRefused, match="Không tìm thấy ảnh"):
        photos.edit_photo(detached, author_id=LEADER, photo_id="p1", caption="x")


def test_history_says_who_set_what_and_coalesces_consecutive_edits(draft: Inspection) -> None:
    at = [datetime(2023, 11, 24, 9, m, tzinfo=UTC) for m in range(4)]
    record = editing.assess(
        draft, author_id=MEMBER, criterion_id="A1", value=Value(score=1), now=at[0]
    )
    record = editing.assess(
        record, author_id=MEMBER, criterion_id="B1", value=Value(score=1), now=at[1]
    )
    record = editing.assess(record, author_id=MEMBER, criterion_id="B1", note="Thiếu", now=at[2])
    record = editing.assess(
        record, author_id=MEMBER, criterion_id="B1", value=Value(score=2), now=at[3]
    )
    history = [(e.code, e.target, e.edits, e.first_at, e.at) for e in record.log[-3:]]
    assert history == [
        ("log.assess", f"assessments/A1/{MEMBER}", 1, at[0], at[0]),
        ("log.lifecycle", "lifecycle/" + str(record.lifecycle[0].counter), 1, at[0], at[0]),
        ("log.assess", f"assessments/B1/{MEMBER}", 3, at[1], at[3]),
    ]


def test_autosaving_a_conclusion_2000_times_grows_the_record_by_less_than_30_kb(
    draft: Inspection,
) -> None:
    text = "Đoàn kiểm tra ghi nhận sự nỗ lực của cấp ủy, chính quyền phường. " * 4
    record = editing.write_conclusion(
        draft, author_id=LEADER, part=ConclusionPart.ACKNOWLEDGEMENTS, text=text
    )
    before = len(record.canonical().encode())
    for i in range(2000):
        record = editing.write_conclusion(
            record, author_id=LEADER, part=ConclusionPart.ACKNOWLEDGEMENTS, text=text + str(i % 10)
        )
    grown = len(record.canonical().encode()) - before
    assert grown < 30_000, grown
    [entry] = [e for e in record.log if e.code == "log.conclusion"]
    assert entry.edits == 2001


def test_editing_never_changes_its_input(draft: Inspection) -> None:
    before = draft.content_hash()
    started = editing.assess(draft, author_id=MEMBER, criterion_id="A1", value=Value(score=1))
    started_hash = started.content_hash()
    editing.assess(started, author_id=LEADER, criterion_id="A1", value=Value(score=2))
    editing.decide(
        started, author_id=LEADER, criterion_id="A1", value=Value(score=2), reason="Có minh chứng"
    )
    photos.add_photo(started, author_id=MEMBER, sha256=PHOTO, criterion_id="A1")
    editing.move_to(started, author_id=LEADER, status=Lifecycle.LOCKED, reason="Xong")
    roster.upsert_member(started, author_id=LEADER, member={"id": "moi", "name": "Mới"})
    editing.withdraw_assessment(started, author_id=MEMBER, criterion_id="A1")
    assert draft.content_hash() == before
    assert started.content_hash() == started_hash
    assert set(started.assessments["A1"]) == {MEMBER}
    assert started.status() is Lifecycle.IN_PROGRESS
