"""Tests for the team review view-model against a real store in tmp_path (plain pytest)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import flet as ft
import pytest

from checklists.errors import ChangesRefused, Refusal
from checklists.record.authority import Actor
from checklists.record.editing import assess, new_inspection
from checklists.record.lifecycle import Lifecycle
from checklists.record.model import Decision, Inspection, Role, Value
from checklists.record.sample import (
    DEPUTY,
    LEAD,
    MEMBER_1,
    MEMBER_2,
    SECRETARY,
    build_sample_inspection,
)
from checklists.scoring.engine import score_inspection
from checklists.template.catalog import template_for
from checklists.template.model import Status, Template
from inspect_app.store import InspectionStore, StoreError
from inspect_app.viewmodels.team_review import NO_VALUE, TeamReviewViewModel

SAMPLE = build_sample_inspection()
A3_FIGURES = dict(SAMPLE.assessments["A3"][LEAD].figures)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[InspectionStore]:
    opened = InspectionStore.open(tmp_path / "data")
    opened.save(SAMPLE)
    yield opened
    opened.close()


def loaded(store: InspectionStore, member_id: str, lang: str = "vi") -> TeamReviewViewModel:
    vm = TeamReviewViewModel(store=store, inspection_id=SAMPLE.id, member_id=member_id, lang=lang)
    asyncio.run(vm.load())
    return vm


def rescore(store: InspectionStore, author: str, criterion: str, value: Value) -> None:
    """A member changes their own score through the store's edit path."""

    def change(record: Inspection) -> Inspection:
        return assess(record, author_id=author, criterion_id=criterion, value=value)

    store.edit(SAMPLE.id, change, actor=Actor(author))


def engine_total(store: InspectionStore) -> float:
    record = store.get(SAMPLE.id)
    return score_inspection(template_for(record), record).final_total


def test_starts_loading() -> None:
    vm = TeamReviewViewModel(store=cast(InspectionStore, None), inspection_id="x", member_id=LEAD)
    assert (vm.status, vm.rows, vm.is_leader, vm.error) == ("loading", [], False, None)


def test_sample_a3_shows_both_values_and_the_decision(store: InspectionStore) -> None:
    vm = loaded(store, LEAD)
    assert (vm.status, vm.error) == ("ready", None)
    assert [name for _id, name in vm.members] == [
        "Nguyễn Khắc Phương",
        "Lê Văn Thành (minh họa)",
        "Trần Thị Lan (minh họa)",
        "Vi Văn Hùng (minh họa)",
        "Nông Thị Hoa (minh họa)",
    ]
    row = vm.row("A3")
    assert [v.text for v in row.values] == ["5", NO_VALUE, "6", NO_VALUE, NO_VALUE]
    assert [v.points for v in row.values] == [5.0, None, 6.0, None, None]
    assert (row.result_points, row.result_text, row.decision_text) == (5.5, "5,5", "5,5")
    assert (row.decided, row.conflict, row.stale, row.ignored) == (True, False, False, ())
    assert row.decision_reason.endswith("thống nhất 5,5 điểm.")
    assert (vm.total, vm.total_text, vm.rating_label, vm.provisional) == (93.0, "93", "Tốt", False)
    assert (vm.lifecycle, vm.lifecycle_label) == (Lifecycle.COMPLETED, "Đã chấm xong")
    assert [r.kind for r in vm.rows].count("criterion") == 19
    assert [(r.criterion_id, r.kind, r.result_text) for r in vm.rows[19:]] == [
        ("thuong_sang_kien", "bonus", NO_VALUE),
        ("tru_vu_viec", "penalty", NO_VALUE),
    ]
    assert vm.visible_rows == vm.rows
    assert vm.attention_count == 0


def test_status_cells_show_the_label_and_points(store: InspectionStore) -> None:
    row = loaded(store, LEAD).row("B1")
    assert [v.text for v in row.values] == [NO_VALUE, "Đạt (5)", NO_VALUE, "Đạt (5)", NO_VALUE]
    assert (row.decided, row.result_text) == (False, "5")
    en = loaded(store, LEAD, lang="en")
    assert [v.text for v in en.row("B1").values][1] == "Met (5)"
    assert en.lifecycle_label == "Completed"


@pytest.mark.parametrize(
    "member_id,expected",
    [(LEAD, True), (DEPUTY, True), (MEMBER_1, False), (MEMBER_2, False), (SECRETARY, False)],
)
def test_only_the_leader_and_acting_deputies_get_the_tools(
    store: InspectionStore, member_id: str, expected: bool
) -> None:
    vm = loaded(store, member_id)
    assert (vm.is_leader, vm.can_lock, vm.can_reopen) == (expected, expected, False)


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("vi", "Chỉ Trưởng đoàn (hoặc Phó Trưởng đoàn được giao) được quyết định điểm"),
        ("en", "Only the team leader (or an acting deputy) may decide a criterion"),
    ],
)
def test_a_member_cannot_decide(store: InspectionStore, lang: str, expected: str) -> None:
    before, rev = store.get(SAMPLE.id), store.sync_state(SAMPLE.id).local_rev
    vm = loaded(store, MEMBER_1, lang)
    rows = vm.rows
    asyncio.run(vm.decide("A3", 6, "Tôi chấm 6"))
    assert vm.error is not None and vm.error.startswith(expected)
    assert (vm.status, vm.busy, vm.rows) == ("ready", False, rows)
    assert store.get(SAMPLE.id) == before
    assert store.sync_state(SAMPLE.id).local_rev == rev
    asyncio.run(vm.load())
    assert vm.error is None


def test_a_decision_without_reason_is_refused(store: InspectionStore) -> None:
    vm = loaded(store, LEAD)
    asyncio.run(vm.decide("A3", 6, "  "))
    assert vm.error == "Quyết định điểm cần ghi rõ lý do."
    assert store.get(SAMPLE.id) == SAMPLE
    assert vm.row("A3").result_points == 5.5


def test_a_rescore_after_the_decision_flags_it_stale(store: InspectionStore) -> None:
    rescore(store, MEMBER_1, "A3", Value(score=5.5, figures=A3_FIGURES))
    vm = loaded(store, LEAD)
    row = vm.row("A3")
    assert (row.stale, row.decided, row.result_points) == (True, True, 5.5)
    assert [v.text for v in row.values][:3] == ["5", NO_VALUE, "5,5"]
    vm.set_only_disagreements(True)
    assert [r.criterion_id for r in vm.visible_rows] == ["A3"]
    # Deciding again (after the re-score) clears the flag.
    asyncio.run(vm.decide("A3", Value(score=5.5, figures=A3_FIGURES), "Xem lại, giữ 5,5"))
    assert vm.error is None
    assert (vm.row("A3").stale, vm.visible_rows) == (False, [])


def test_deciding_a_fresh_conflict(store: InspectionStore) -> None:
    rescore(store, MEMBER_1, "A1", Value(status=Status.DAT_MOT_PHAN))
    vm = loaded(store, LEAD)
    row = vm.row("A1")
    assert [v.text for v in row.values][:3] == ["Đạt (4)", NO_VALUE, "Đạt một phần (2)"]
    assert (row.conflict, row.decided, row.result_text, row.state) == (
        True,
        False,
        NO_VALUE,
        "conflict",
    )
    assert (vm.total, vm.provisional, vm.attention_count) == (89.0, True, 1)
    vm.set_only_disagreements(True)
    assert [r.criterion_id for r in vm.visible_rows] == ["A1"]

    asyncio.run(vm.decide("A1", Value(status=Status.DAT_MOT_PHAN), "Kế hoạch chưa đủ"))
    assert vm.error is None
    assert vm.visible_rows == []
    row = vm.row("A1")
    assert (row.conflict, row.decided, row.result_points, row.decision_text) == (
        False,
        True,
        2.0,
        "2",
    )
    assert (vm.total, vm.provisional) == (91.0, False)
    assert vm.total == engine_total(store)
    assert store.get(SAMPLE.id).decision("A1") is not None

    asyncio.run(vm.withdraw_decision("A1"))
    assert vm.error is None
    assert (vm.row("A1").conflict, vm.total) == (True, 89.0)
    assert store.get(SAMPLE.id).decision("A1") is None


def test_an_acting_deputy_decides(store: InspectionStore) -> None:
    rescore(store, MEMBER_2, "E1", Value(score=4))
    vm = loaded(store, DEPUTY)
    assert vm.row("E1").conflict
    asyncio.run(vm.decide("E1", 4.5, "Thống nhất 4,5"))
    assert vm.error is None
    assert (vm.row("E1").result_text, vm.total) == ("4,5", engine_total(store))


def test_lock_then_reopen_with_a_reason(store: InspectionStore) -> None:
    vm = loaded(store, LEAD)
    asyncio.run(vm.lock())
    assert vm.error is None
    assert (vm.lifecycle, vm.lifecycle_label, vm.can_lock, vm.can_reopen) == (
        Lifecycle.LOCKED,
        "Đã khóa",
        False,
        True,
    )
    assert store.get(SAMPLE.id).status() is Lifecycle.LOCKED

    asyncio.run(vm.reopen(""))
    assert vm.error == "Mở lại biên bản cần ghi rõ lý do."
    assert store.get(SAMPLE.id).status() is Lifecycle.LOCKED

    asyncio.run(vm.reopen("Bổ sung số liệu tiêu chí E2"))
    assert vm.error is None
    assert (vm.lifecycle, vm.can_lock, vm.can_reopen) == (Lifecycle.COMPLETED, True, False)
    record = store.get(SAMPLE.id)
    assert record.status() is Lifecycle.COMPLETED
    assert record.current_event() is not None
    assert record.current_event().reason == "Bổ sung số liệu tiêu chí E2"  # type: ignore[union-attr]


def test_a_locked_record_refuses_a_decision(store: InspectionStore) -> None:
    vm = loaded(store, LEAD)
    asyncio.run(vm.lock())
    locked = store.get(SAMPLE.id)
    asyncio.run(vm.decide("A3", 6, "Đổi ý"))
    assert vm.error is not None
    assert store.get(SAMPLE.id) == locked
    assert vm.row("A3").result_points == 5.5


def test_a_member_cannot_lock(store: InspectionStore) -> None:
    vm = loaded(store, MEMBER_2)
    asyncio.run(vm.lock())
    assert vm.error is not None and "khóa" in vm.error
    assert store.get(SAMPLE.id).status() is Lifecycle.COMPLETED


def test_a_forged_decision_is_flagged_ignored(tmp_path: Path) -> None:
    forged = Decision(
        score=6,
        criterion_id="A3",
        author_id=MEMBER_1,
        counter=10_000,
        reason="Tự quyết",
    )
    decisions = {**SAMPLE.decisions, "A3": {**SAMPLE.decisions["A3"], MEMBER_1: forged}}
    record = SAMPLE.model_copy(update={"decisions": decisions})
    with InspectionStore.open(tmp_path / "data") as store:
        store.save(record)
        vm = loaded(store, LEAD)
    row = vm.row("A3")
    assert row.ignored == (
        "decisions/A3/Trần Thị Lan (minh họa): Quyết định ở A3 bị bỏ qua: không phải Trưởng đoàn",
    )
    assert vm.ignored == list(row.ignored)
    assert (row.result_points, row.decided) == (5.5, True)
    assert vm.row("A1").ignored == ()


def test_unknown_record_is_an_error(tmp_path: Path) -> None:
    with InspectionStore.open(tmp_path / "data") as store:
        vm = TeamReviewViewModel(
            store=store, inspection_id="00000000-0000-4000-8000-000000000000", member_id=LEAD
        )
        asyncio.run(vm.load())
    assert vm.status == "error"
    assert vm.error


class BrokenStore:
    """A store whose reads and edits fail."""

    def get(self, inspection_id: str) -> Inspection:
        raise StoreError("Không đọc được dữ liệu")

    def edit(self, *args: object, **kwargs: object) -> object:
        raise StoreError("Ổ đĩa đầy")


def test_store_errors_become_error_not_exceptions() -> None:
    vm = TeamReviewViewModel(
        store=cast(InspectionStore, BrokenStore()), inspection_id=SAMPLE.id, member_id=LEAD
    )
    asyncio.run(vm.load())
    assert (vm.status, vm.error) == ("error", StoreError("").message("vi"))
    asyncio.run(vm.lock())
    assert (vm.error, vm.busy) == (StoreError("").message("vi"), False)


class RefusingStore(BrokenStore):
    """A store that reads the sample and refuses every edit as the authority check would."""

    def get(self, inspection_id: str) -> Inspection:
        return SAMPLE

    def template_of(self, record: Inspection) -> Template:
        return template_for(record)

    def edit(self, *args: object, **kwargs: object) -> object:
        path = f"decisions/A3/{MEMBER_1}"
        raise ChangesRefused([Refusal(path, "auth.leaders_only", {"actor": MEMBER_1})])


@pytest.mark.parametrize(
    "lang,first,detail",
    [
        (
            "vi",
            "Không nhận bản này: 1 thay đổi người gửi không được làm",
            "decisions/A3/Trần Thị Lan (minh họa): chỉ Trưởng đoàn",
        ),
        (
            "en",
            "This copy is refused: 1 change the sender may not make",
            "decisions/A3/Trần Thị Lan (minh họa): only the team leader",
        ),
    ],
)
def test_changes_refused_name_members_not_ids(lang: str, first: str, detail: str) -> None:
    store = cast(InspectionStore, RefusingStore())
    vm = TeamReviewViewModel(store=store, inspection_id=SAMPLE.id, member_id=LEAD, lang=lang)
    asyncio.run(vm.load())
    asyncio.run(vm.decide("A3", 6, "Đổi ý"))
    assert vm.error and vm.error_details
    assert vm.error == first
    assert detail in vm.error_details
    assert MEMBER_1 not in vm.error + vm.error_details
    assert vm.row("A3").result_points == 5.5
    vm.dismiss_error()
    assert vm.error is None
    assert vm.error_details is None


def test_changes_are_observable(store: InspectionStore) -> None:
    vm = TeamReviewViewModel(store=store, inspection_id=SAMPLE.id, member_id=LEAD)
    changed: list[str | None] = []

    def listener(_sender: object, name: str | None) -> None:
        changed.append(name)

    cast(ft.Observable, vm).subscribe(listener)
    asyncio.run(vm.load())
    asyncio.run(vm.lock())
    assert {"rows", "status", "is_leader", "lifecycle", "busy"} <= set(changed)


def test_a_score_merged_after_the_lock_is_shown_then_relocked(store: InspectionStore) -> None:
    vm = loaded(store, LEAD)
    asyncio.run(vm.lock())
    assert (vm.lifecycle, vm.changed_since_lock) == (Lifecycle.LOCKED, False)
    # A tablet that never saw the lock re-scores A1; its copy merges in all the same.
    offline = assess(
        SAMPLE, author_id=MEMBER_1, criterion_id="A1", value=Value(status=Status.KHONG_DAT)
    )
    store.save(offline, actor=Actor(MEMBER_1))
    asyncio.run(vm.load())
    assert (vm.lifecycle, vm.changed_since_lock, vm.can_reopen) == (Lifecycle.LOCKED, True, True)
    assert vm.row("A1").conflict
    asyncio.run(vm.reopen("Thành viên chấm lại A1 sau khi khóa"))
    asyncio.run(vm.decide("A1", Value(status=Status.DAT), "Giữ kết quả Đạt"))
    asyncio.run(vm.lock())
    assert vm.error is None
    assert (vm.lifecycle, vm.changed_since_lock, vm.row("A1").result_text) == (
        Lifecycle.LOCKED,
        False,
        "4",
    )
    assert (vm.total, vm.provisional) == (93.0, False)


# -- the screen's additions: lock refused while disagreements are open, relock, choices ------


def test_lock_is_refused_while_a_disagreement_is_open(store: InspectionStore) -> None:
    rescore(store, MEMBER_1, "A1", Value(status=Status.DAT_MOT_PHAN))
    before = store.get(SAMPLE.id)
    vm = loaded(store, LEAD)
    asyncio.run(vm.lock())
    assert vm.error == (
        "Chưa khóa được: còn 1 tiêu chí chưa thống nhất hoặc có quyết định cần xem lại. "
        "Hãy quyết định trước khi khóa."
    )
    assert vm.error_details is not None and vm.error_details.endswith("\nA1")
    assert store.get(SAMPLE.id) == before
    assert (vm.lifecycle, vm.can_lock) == (Lifecycle.COMPLETED, True)
    # Once decided, the lock goes through.
    asyncio.run(vm.decide("A1", vm.choice("A1", "dat"), "Kế hoạch đủ"))
    asyncio.run(vm.lock())
    assert vm.error is None
    assert store.get(SAMPLE.id).status() is Lifecycle.LOCKED


def test_lock_is_refused_while_a_decision_is_stale_in_english(store: InspectionStore) -> None:
    rescore(store, MEMBER_1, "A3", Value(score=5.5, figures=A3_FIGURES))
    vm = loaded(store, LEAD, lang="en")
    asyncio.run(vm.lock())
    assert vm.error is not None and vm.error.startswith("Not locked: 1 criteria")
    assert store.get(SAMPLE.id).status() is Lifecycle.COMPLETED


def test_the_lock_check_reads_the_stored_copy_not_the_screen(store: InspectionStore) -> None:
    vm = loaded(store, LEAD)
    assert vm.attention_count == 0
    rescore(store, MEMBER_1, "A1", Value(status=Status.KHONG_DAT))  # another tablet, meanwhile
    asyncio.run(vm.lock())
    assert vm.error is not None and vm.error.startswith("Chưa khóa được")
    assert store.get(SAMPLE.id).status() is Lifecycle.COMPLETED


def test_relock_accepts_changes_merged_after_the_lock(store: InspectionStore) -> None:
    vm = loaded(store, LEAD)
    asyncio.run(vm.lock())
    # A score on a criterion nobody else scored: no disagreement, only a change after the lock.
    offline = assess(SAMPLE, author_id=MEMBER_1, criterion_id="E1", value=Value(score=5))
    store.save(offline, actor=Actor(MEMBER_1))
    asyncio.run(vm.load())
    assert (vm.changed_since_lock, vm.attention_count) == (True, 0)
    asyncio.run(vm.relock(""))
    assert vm.error == "Mở lại biên bản cần ghi rõ lý do."
    asyncio.run(vm.relock("Chấp nhận điểm E1 chấm bổ sung"))
    assert vm.error is None
    assert (vm.lifecycle, vm.changed_since_lock) == (Lifecycle.LOCKED, False)
    record = store.get(SAMPLE.id)
    assert (record.status(), record.changed_since_lock()) == (Lifecycle.LOCKED, False)


def test_relock_is_refused_when_the_late_change_is_a_disagreement(store: InspectionStore) -> None:
    vm = loaded(store, LEAD)
    asyncio.run(vm.lock())
    offline = assess(
        SAMPLE, author_id=MEMBER_1, criterion_id="A1", value=Value(status=Status.KHONG_DAT)
    )
    store.save(offline, actor=Actor(MEMBER_1))
    asyncio.run(vm.load())
    locked = store.get(SAMPLE.id)
    asyncio.run(vm.relock("Chấp nhận"))
    assert vm.error is not None and vm.error.startswith("Chưa khóa được")
    assert store.get(SAMPLE.id) == locked


def test_decision_choices_follow_the_scoring(store: InspectionStore) -> None:
    vm = loaded(store, LEAD)
    a1 = vm.row("A1")  # status-scored, 4 points
    assert [(c.key, c.label) for c in a1.choices][:3] == [
        ("dat", "Đạt (4)"),
        ("dat_mot_phan", "Đạt một phần (2)"),
        ("khong_dat", "Không đạt (0)"),
    ]
    assert not a1.free_points and a1.can_decide
    a3 = vm.row("A3")  # points: the members' two values, and free points
    assert [c.label for c in a3.choices if c.key.startswith("member-")] == ["5 điểm", "6 điểm"]
    assert a3.free_points and a3.disagree and not a3.needs_attention
    assert vm.choice("A3", "member-2").figures == A3_FIGURES
    assert not vm.row("B1").disagree
    en = loaded(store, LEAD, lang="en")
    assert en.row("A1").choices[0].label == "Met (4)"


def test_deciding_on_a_members_value_keeps_its_figures(store: InspectionStore) -> None:
    vm = loaded(store, LEAD)
    asyncio.run(vm.decide("A3", vm.choice("A3", "member-2"), "Theo số liệu của phường"))
    assert vm.error is None
    decision = store.get(SAMPLE.id).decision("A3")
    assert decision is not None and (decision.score, decision.figures) == (6.0, A3_FIGURES)
    assert vm.row("A3").result_text == "6"


def test_the_unscored_criteria_are_counted_for_the_lock_warning(tmp_path: Path) -> None:
    template = template_for(SAMPLE)
    fresh = new_inspection(
        template,
        {"unit_name": "Xã Mai Pha", "inspection_date": SAMPLE.header.inspection_date},
        members=[{"id": "lead", "name": "Nguyễn Văn A", "role": Role.TRUONG_DOAN}],
    )
    fresh = assess(fresh, author_id="lead", criterion_id="A1", value=Value(status=Status.DAT))
    with InspectionStore.open(tmp_path / "fresh") as store:
        store.save(fresh)
        vm = TeamReviewViewModel(store=store, inspection_id=fresh.id, member_id="lead")
        asyncio.run(vm.load())
        report = score_inspection(template, store.get(fresh.id))
    unscored = [r for r in report.criteria if r.state == "unscored"]
    assert vm.unscored_count == len(unscored) == len(template.criteria()) - 1


def test_a_fully_scored_record_has_nothing_unscored(store: InspectionStore) -> None:
    assert loaded(store, LEAD).unscored_count == 0
