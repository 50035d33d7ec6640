"""Tests for the criterion view-model against a real store in tmp_path (plain pytest)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

import flet as ft
import pytest

from checklists.record.authority import Actor
from checklists.record.editing import move_to
from checklists.record.lifecycle import Lifecycle
from checklists.record.model import Inspection, Value
from checklists.record.photos import add_photo
from checklists.record.sample import (
    DEPUTY,
    LEAD,
    MEMBER_1,
    MEMBER_2,
    SAMPLE_ID,
    build_sample_inspection,
)
from checklists.template.model import Status, Template
from inspect_app.store import InspectionStore, StoreError
from inspect_app.viewmodels.criterion import CriterionViewModel, Option

OUTSIDER = "khong-phai-thanh-vien"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[InspectionStore]:
    held = InspectionStore.open(tmp_path / "data")
    held.save(build_sample_inspection())
    yield held
    held.close()


def _vm(
    store: InspectionStore, criterion_id: str, member: str = MEMBER_1, lang: str = "vi"
) -> CriterionViewModel:
    vm = CriterionViewModel(
        store=store,
        inspection_id=SAMPLE_ID,
        criterion_id=criterion_id,
        member_id=member,
        lang=lang,
    )
    asyncio.run(vm.load())
    return vm


def test_a3_shows_points_stepper_my_value_self_score_and_the_decision(
    store: InspectionStore,
) -> None:
    vm = _vm(store, "A3")
    assert (vm.status, vm.error, vm.pending) == ("ready", None, False)
    assert vm.label.startswith("Tổ chức tuyên truyền về mô hình")
    assert vm.guidance.startswith("Chấm từ 0 đến 6 điểm")
    assert (vm.kind, vm.step, vm.max_points, vm.max_points_text) == ("points", 0.5, 6.0, "6")
    assert vm.points_values == [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6]
    assert vm.options == []
    assert vm.value is not None and vm.value.score == 6.0
    assert vm.note.startswith("722 cuộc tuyên truyền")
    assert (vm.self_points, vm.self_points_text) == (6.0, "6")
    assert (vm.result_state, vm.result_points, vm.result_points_text) == ("scored", 5.5, "5,5")
    assert vm.decided_by == "decision"
    assert vm.decision_reason.endswith("thống nhất 5,5 điểm.")
    assert [(f.id, f.value_text, f.unit) for f in vm.figures] == [
        ("meetings", "722", "cuộc"),
        ("listeners", "46.804", "lượt người"),
        ("broadcasts", "584", "lượt"),
        ("articles", "13", "tin bài"),
    ]
    assert (vm.section_id, vm.previous_id, vm.next_id) == ("A", "A2", "A4")


def test_the_leader_sees_his_own_value_not_the_members(store: InspectionStore) -> None:
    vm = _vm(store, "A3", member=LEAD)
    assert vm.value is not None and vm.value.score == 5.0
    assert vm.result_points_text == "5,5"


def test_status_options_are_in_vietnamese_and_my_choice_is_selected(
    store: InspectionStore,
) -> None:
    vm = _vm(store, "A1")
    assert vm.kind == "status"
    assert vm.options == [
        Option("dat", "Đạt"),
        Option("dat_mot_phan", "Đạt một phần"),
        Option("khong_dat", "Không đạt"),
    ]
    assert vm.selected == "dat"
    assert (vm.previous_id, vm.next_id) == (None, "A2")


def test_status_options_include_na_where_the_template_allows_it(store: InspectionStore) -> None:
    vm = _vm(store, "C3", member=MEMBER_2)
    assert [o.label for o in vm.options] == ["Đạt", "Đạt một phần", "Không đạt", "Không áp dụng"]
    assert vm.selected == "dat_mot_phan"
    assert (vm.self_points, vm.result_points) == (5.0, 3.0)


def test_english_labels(store: InspectionStore) -> None:
    vm = _vm(store, "C3", member=MEMBER_2, lang="en")
    assert [o.label for o in vm.options] == ["Met", "Partly met", "Not met", "Not applicable"]
    assert vm.result_points_text == "3"


def test_yes_no_options_and_no_value_of_mine(store: InspectionStore) -> None:
    vm = _vm(store, "B3")  # MEMBER_1 scores A, D, E: not B
    assert vm.kind == "yes_no"
    assert vm.options == [Option("yes", "Có"), Option("no", "Không")]
    assert (vm.value, vm.selected, vm.note) == (None, None, "")
    assert vm.result_points == 5.0


def test_d2_shows_the_derived_rate(store: InspectionStore) -> None:
    vm = _vm(store, "D2")
    assert (vm.kind, vm.options) == ("bands", [Option("na", "Không áp dụng")])
    assert [(f.id, f.derived, f.value_text) for f in vm.figures] == [
        ("received", False, "815"),
        ("resolved", False, "805"),
        ("resolution_rate", True, "98,77%"),
    ]
    assert vm.reference == "Tiếp nhận 815 đơn, tỷ lệ giải quyết đạt 98,77%"
    assert vm.result_points == 6.0


def test_c2_rate_of_the_other_authors(store: InspectionStore) -> None:
    vm = _vm(store, "C2", member=MEMBER_2)
    assert {f.id: f.value_text for f in vm.figures}["on_time_rate"] == "97,21%"
    assert vm.result_points == 4.0


@pytest.mark.parametrize(
    "criterion,previous,following",
    [("A5", "A4", "B1"), ("B1", "A5", "B2"), ("C5", "C4", "D1"), ("E2", "E1", None)],
)
def test_previous_and_next_cross_sections(
    store: InspectionStore, criterion: str, previous: str, following: str | None
) -> None:
    vm = _vm(store, criterion)
    assert (vm.previous_id, vm.next_id) == (previous, following)


def test_evidence_warnings_are_this_criterions(store: InspectionStore) -> None:
    assert _vm(store, "B2", member=DEPUTY).evidence_warnings == ["Thiếu ảnh minh chứng"]
    assert _vm(store, "B2", member=DEPUTY, lang="en").evidence_warnings == ["A photo is missing"]
    assert _vm(store, "A3").evidence_warnings == []


def test_setting_a_note_keeps_the_value_and_figures(store: InspectionStore) -> None:
    vm = _vm(store, "A3")
    asyncio.run(vm.set_note("Đã xem sổ hội nghị."))
    assert (vm.error, vm.pending, vm.note) == (None, False, "Đã xem sổ hội nghị.")
    assert vm.value is not None and vm.value.score == 6.0
    held = store.get(SAMPLE_ID).assessments["A3"][MEMBER_1]
    assert (held.note, held.score, held.figures["listeners"]) == ("Đã xem sổ hội nghị.", 6, 46804)


def test_setting_points_keeps_the_note_and_figures(store: InspectionStore) -> None:
    vm = _vm(store, "A3")
    note = vm.note
    asyncio.run(vm.set_value(score=4.5))
    held = store.get(SAMPLE_ID).assessments["A3"][MEMBER_1]
    assert (held.score, held.note, held.figures["meetings"]) == (4.5, note, 722)
    assert vm.value is not None and vm.value.score == 4.5
    assert vm.result_points_text == "5,5"  # the decision still stands


def test_a_partial_status_against_the_leaders_full_one_is_a_conflict(
    store: InspectionStore,
) -> None:
    vm = _vm(store, "A1")
    asyncio.run(vm.set_value(status=Status.DAT_MOT_PHAN))
    asyncio.run(vm.set_note(""))
    assert vm.result_state == "conflict"  # the leader said "Đạt"
    assert vm.selected == "dat_mot_phan"


def test_choosing_a_status_then_na_then_withdrawing(store: InspectionStore) -> None:
    vm = _vm(store, "C3", member=MEMBER_2)
    asyncio.run(vm.choose("khong_dat"))
    assert (vm.selected, vm.result_state) == ("khong_dat", "conflict")
    asyncio.run(vm.choose("na"))
    assert vm.selected == "na"
    assert vm.value == Value(not_applicable=True)
    asyncio.run(vm.withdraw())
    assert (vm.value, vm.selected, vm.note, vm.error) == (None, None, "", None)
    assert store.get(SAMPLE_ID).assessments["C3"][MEMBER_2].removed
    assert (vm.result_state, vm.result_points) == ("scored", 3.0)  # the deputy's alone


def test_yes_no_choice(store: InspectionStore) -> None:
    vm = _vm(store, "B3", member=MEMBER_2)
    asyncio.run(vm.choose("no"))
    assert vm.selected == "no"
    assert store.get(SAMPLE_ID).assessments["B3"][MEMBER_2].answer is False
    assert vm.result_state == "conflict"


def test_figures_save_and_the_rate_follows(store: InspectionStore) -> None:
    vm = _vm(store, "D2")
    asyncio.run(vm.set_figure("received", 1000))
    rates = {f.id: f.value_text for f in vm.figures}
    assert (rates["received"], rates["resolution_rate"]) == ("1.000", "80,5%")
    assert vm.note.startswith("Tiếp nhận 815 đơn")  # the note stays
    assert store.get(SAMPLE_ID).assessments["D2"][MEMBER_1].figures == {
        "received": 1000,
        "resolved": 805,
    }
    asyncio.run(vm.set_figure("resolved", None))
    assert store.get(SAMPLE_ID).assessments["D2"][MEMBER_1].figures == {"received": 1000}
    assert {f.id: f.value_text for f in vm.figures}["resolution_rate"] == ""


def test_an_impossible_figure_is_warned(store: InspectionStore) -> None:
    vm = _vm(store, "D2")
    asyncio.run(vm.set_figure("resolved", 900))
    assert vm.error is None
    assert len(vm.figure_warnings) == 1
    assert "900" in vm.figure_warnings[0]
    assert vm.result_state == "invalid"
    assert vm.invalid_messages


def test_preview_shows_the_rate_without_saving(store: InspectionStore) -> None:
    vm = _vm(store, "D2")
    before = store.get(SAMPLE_ID).content_hash()
    vm.preview_figure("resolved", 815)
    assert {f.id: f.value_text for f in vm.figures}["resolution_rate"] == "100%"
    assert store.get(SAMPLE_ID).content_hash() == before


def test_photos_attached_to_the_criterion(store: InspectionStore) -> None:
    store.edit(
        SAMPLE_ID,
        lambda r: add_photo(
            r,
            author_id=DEPUTY,
            sha256="a" * 64,
            criterion_id="B2",
            photo_id="p1",
            caption="Bộ phận một cửa",
        ),
        actor=Actor(DEPUTY),
    )
    vm = _vm(store, "B2", member=DEPUTY)
    assert [(p.id, p.caption, p.author_id) for p in vm.photos] == [
        ("p1", "Bộ phận một cửa", DEPUTY)
    ]
    assert vm.evidence_warnings == []


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("vi", f"Người sửa “{OUTSIDER}” không có trong danh sách đoàn kiểm tra."),
        ("en", f"“{OUTSIDER}” is not a member of the delegation."),
    ],
)
def test_a_non_member_edit_is_an_error_and_changes_nothing(
    store: InspectionStore, lang: str, expected: str
) -> None:
    vm = _vm(store, "A3", member=OUTSIDER, lang=lang)
    before = store.get(SAMPLE_ID).content_hash()
    shown = (vm.value, vm.note, vm.result_points)
    asyncio.run(vm.set_note("ghi trộm"))
    assert vm.error == expected
    assert (vm.status, vm.pending) == ("ready", False)
    assert (vm.value, vm.note, vm.result_points) == shown
    assert store.get(SAMPLE_ID).content_hash() == before


def test_an_edit_of_a_locked_record_is_refused(store: InspectionStore) -> None:
    store.edit(
        SAMPLE_ID,
        lambda r: move_to(r, author_id=LEAD, status=Lifecycle.LOCKED),
        actor=Actor(LEAD),
    )
    vm = _vm(store, "A3")
    before = store.get(SAMPLE_ID).content_hash()
    asyncio.run(vm.set_value(score=1))
    assert vm.error is not None and "khóa" in vm.error
    assert vm.value is not None and vm.value.score == 6.0
    assert store.get(SAMPLE_ID).content_hash() == before


def test_a_new_success_clears_the_error(store: InspectionStore) -> None:
    vm = _vm(store, "A3")
    asyncio.run(vm.set_figure("nonexistent", -1))
    asyncio.run(vm.set_note("ổn"))
    assert vm.error is None


class RealReads:
    """A fake store that reads through the real one; subclasses inject faults into `edit`."""

    def __init__(self, real: InspectionStore) -> None:
        self.real = real

    def get(self, inspection_id: str) -> Inspection:
        return self.real.get(inspection_id)

    def template_of(self, record: Inspection) -> Template:
        return self.real.template_of(record)


class FailingWrites(RealReads):
    """Every edit fails like a full disk."""

    def edit(
        self,
        inspection_id: str,
        change: Callable[[Inspection], Inspection],
        *,
        actor: Actor | None = None,
    ) -> tuple[Inspection, int]:
        raise StoreError("Ổ đĩa đầy")


def test_store_errors_become_error(store: InspectionStore) -> None:
    vm = _vm(store, "A3")
    vm.store = cast(InspectionStore, FailingWrites(store))
    asyncio.run(vm.set_note("mới"))
    assert (vm.error, vm.pending, vm.status) == (StoreError("").message("vi"), False, "ready")
    assert vm.note.startswith("722")


def test_an_unknown_criterion_is_an_error(store: InspectionStore) -> None:
    vm = _vm(store, "Z9")
    assert vm.status == "error"
    assert vm.error


def test_pending_is_set_while_saving(store: InspectionStore) -> None:
    vm = _vm(store, "A3")
    seen: list[bool] = []

    def listener(_sender: object, name: str | None) -> None:
        if name == "pending":
            seen.append(vm.pending)

    cast(ft.Observable, vm).subscribe(listener)
    asyncio.run(vm.set_note("x"))
    assert seen == [True, False]


def test_edits_run_off_the_event_loop(
    store: InspectionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    vm = _vm(store, "A3")
    calls: list[object] = []
    real = asyncio.to_thread

    async def spy(func: object, /, *args: object) -> object:
        calls.append(func)
        return await real(func, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(asyncio, "to_thread", spy)
    asyncio.run(vm.set_note("x"))
    asyncio.run(vm.withdraw())
    assert len(calls) == 2


class SlowFirstEdit(RealReads):
    """The real store, but its first edit takes 0.3 s (a slow disk): a later edit run beside it
    would finish first and be overwritten."""

    def __init__(self, real: InspectionStore) -> None:
        super().__init__(real)
        self.calls = 0

    def edit(
        self,
        inspection_id: str,
        change: Callable[[Inspection], Inspection],
        *,
        actor: Actor | None = None,
    ) -> tuple[Inspection, int]:
        self.calls += 1
        if self.calls == 1:
            time.sleep(0.3)
        return self.real.edit(inspection_id, change, actor=actor)


def test_quick_notes_are_saved_in_order_and_pending_lasts_until_the_last(
    store: InspectionStore,
) -> None:
    vm = _vm(store, "A3")
    vm.store = cast(InspectionStore, SlowFirstEdit(store))
    seen: list[bool] = []

    def listener(_sender: object, name: str | None) -> None:
        if name == "pending":
            seen.append(vm.pending)

    cast(ft.Observable, vm).subscribe(listener)

    async def typing() -> None:
        await asyncio.gather(*(vm.set_note(text) for text in ("Đ", "Đã", "Đã xem", "Đã xem sổ")))

    asyncio.run(typing())
    assert store.get(SAMPLE_ID).assessments["A3"][MEMBER_1].note == "Đã xem sổ"
    assert (vm.note, vm.pending, vm.error) == ("Đã xem sổ", False, None)
    assert seen[-1] is False and all(seen[:-1])
    # the view-model still works on another event loop (a fresh asyncio.run)
    asyncio.run(vm.set_note("ổn"))
    assert vm.note == "ổn"
