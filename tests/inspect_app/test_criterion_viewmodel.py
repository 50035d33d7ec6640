"""Tests for the criterion view-model against a real store in tmp_path (plain pytest)."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

import flet as ft
import pytest
from PIL import Image

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
from inspect_app.viewmodels.drafts import parse_number

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


# -- typing: debounced saves -------------------------------------------------------------


@pytest.fixture
def quick_debounce(monkeypatch: pytest.MonkeyPatch) -> float:
    """A short pause before typed text is saved, so the tests wait little."""
    delay = 0.05
    monkeypatch.setattr("inspect_app.viewmodels.criterion.NOTE_DEBOUNCE_S", delay)
    return delay


def _note(store: InspectionStore, criterion_id: str = "A3") -> str:
    return store.get(SAMPLE_ID).assessments[criterion_id][MEMBER_1].note


def test_typing_saves_once_after_the_pause_and_the_last_text_wins(
    store: InspectionStore, quick_debounce: float
) -> None:
    vm = _vm(store, "A3")
    rev = store.sync_state(SAMPLE_ID).local_rev
    seen: list[tuple[str, str]] = []

    async def type_then_wait() -> None:
        for typed in ("Đ", "Đã", "Đã xem", "Đã xem sổ"):
            vm.type_note(typed)
            await asyncio.sleep(quick_debounce / 10)
        seen.append((vm.note, vm.save_state))
        assert store.sync_state(SAMPLE_ID).local_rev == rev  # nothing written while typing
        await asyncio.sleep(quick_debounce * 4)
        await vm.flush()

    asyncio.run(type_then_wait())
    assert seen == [("Đã xem sổ", "saving")]
    assert _note(store) == "Đã xem sổ"
    assert store.sync_state(SAMPLE_ID).local_rev == rev + 1  # one save for the burst
    assert (vm.note, vm.save_state, vm.unsaved) == ("Đã xem sổ", "saved", False)


def test_flush_saves_at_once_and_keeps_the_order_of_slow_saves(
    store: InspectionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("inspect_app.viewmodels.criterion.NOTE_DEBOUNCE_S", 60.0)
    vm = _vm(store, "A3")
    real_edit = store.edit
    order: list[str] = []

    def slow_edit(*args: object, **kwargs: object) -> tuple[Inspection, int]:
        time.sleep(0.05)  # a slow disk: later text must still win
        saved = real_edit(*args, **kwargs)  # type: ignore[arg-type]
        order.append(saved[0].assessments["A3"][MEMBER_1].note)
        return saved

    monkeypatch.setattr(store, "edit", slow_edit)

    async def run() -> None:
        vm.type_note("một")
        vm.flush_soon()  # a blur: saving starts now, not in 60 s
        vm.type_note("một hai")
        vm.flush_soon()
        vm.type_note("một hai ba")
        await vm.flush()

    asyncio.run(run())
    assert order == ["một", "một hai", "một hai ba"]
    assert _note(store) == "một hai ba" and vm.note == "một hai ba"


def test_leaving_the_screen_loses_nothing_and_reopening_shows_it(
    store: InspectionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("inspect_app.viewmodels.criterion.NOTE_DEBOUNCE_S", 60.0)

    async def run() -> str:
        first = CriterionViewModel(
            store=store, inspection_id=SAMPLE_ID, criterion_id="A3", member_id=MEMBER_1
        )
        await first.load()
        first.type_note("Ghi chú gõ rồi rời màn hình")
        first.flush_soon()  # what the screen's cleanup does when it unmounts
        again = CriterionViewModel(
            store=store, inspection_id=SAMPLE_ID, criterion_id="A3", member_id=MEMBER_1
        )
        await again.load()  # waits for the save the first screen started
        return again.note

    assert asyncio.run(run()) == "Ghi chú gõ rồi rời màn hình"
    assert _note(store) == "Ghi chú gõ rồi rời màn hình"


def test_a_save_landing_does_not_overwrite_newer_typing(
    store: InspectionStore, quick_debounce: float
) -> None:
    vm = _vm(store, "A3")

    async def run() -> list[str]:
        shown = []
        vm.type_note("cũ")
        vm.flush_soon()
        vm.type_note("cũ và mới")  # typed while the first save is on its way
        await asyncio.sleep(0)
        for _ in range(50):
            shown.append(vm.note)
            await asyncio.sleep(0.005)
        await vm.flush()
        return shown

    shown = asyncio.run(run())
    assert set(shown) == {"cũ và mới"}
    assert _note(store) == "cũ và mới"


def test_a_refused_typed_note_shows_why_and_keeps_the_text(
    store: InspectionStore, quick_debounce: float
) -> None:
    vm = _vm(store, "A3")
    store.edit(
        SAMPLE_ID,
        lambda r: move_to(r, author_id=LEAD, status=Lifecycle.LOCKED),
        actor=Actor(LEAD),
    )
    before = store.get(SAMPLE_ID).content_hash()

    async def run() -> None:
        vm.type_note("sau khi khóa")
        await vm.flush()

    asyncio.run(run())
    assert vm.error is not None and "khóa" in vm.error
    assert (vm.note, vm.save_state) == ("sau khi khóa", "error")
    assert store.get(SAMPLE_ID).content_hash() == before


def test_typed_figures_preview_rates_then_save_and_bad_text_saves_nothing(
    store: InspectionStore, quick_debounce: float
) -> None:
    vm = _vm(store, "D2")
    before = store.get(SAMPLE_ID).content_hash()

    async def run() -> dict[str, str]:
        vm.type_figure("received", "1.000")
        rates = {f.id: f.value_text for f in vm.figures}
        assert store.get(SAMPLE_ID).content_hash() == before  # not yet
        vm.type_figure("resolved", "8,5")  # an integer figure: refused, nothing saved
        assert "resolved" in vm.figure_errors
        vm.type_figure("resolved", "abc")
        assert "resolved" in vm.figure_errors
        await vm.flush()
        return rates

    rates = asyncio.run(run())
    assert (rates["received"], rates["resolution_rate"]) == ("1.000", "80,5%")
    assert store.get(SAMPLE_ID).assessments["D2"][MEMBER_1].figures == {
        "received": 1000,
        "resolved": 805,
    }


@pytest.mark.parametrize(
    ("text", "lang", "number"),
    [
        ("1.454", "vi", 1454.0),
        ("98,77", "vi", 98.77),
        ("98,77%", "vi", 98.77),
        ("46 804", "vi", 46804.0),
        ("1,454", "en", 1454.0),
        ("98.77", "en", 98.77),
        ("", "vi", None),
        ("  ", "en", None),
    ],
)
def test_parse_number_reads_the_vietnamese_and_english_forms(
    text: str, lang: str, number: float | None
) -> None:
    assert parse_number(text, lang) == number


@pytest.mark.parametrize("text", ["abc", "1,2,3", "nan", "inf", "--1"])
def test_parse_number_refuses_words(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text, "vi")


# -- photos ------------------------------------------------------------------------------


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (10, 120, 60)).save(out, "JPEG")
    return out.getvalue()


def test_adding_a_photo_shows_its_thumbnail(store: InspectionStore) -> None:
    vm = _vm(store, "A3")
    vm.max_edge = 800
    assert asyncio.run(vm.add_photo(_jpeg())) is True
    assert (vm.photo_error, vm.attaching) == (None, False)
    [item] = vm.photos
    assert item.thumbnail is not None and item.thumbnail[:3] == b"\xff\xd8\xff"
    held = store.get(SAMPLE_ID).photos[item.id]
    assert (held.criterion_id, held.author_id, held.width, held.height) == (
        "A3",
        MEMBER_1,
        800,
        600,
    )


@pytest.mark.parametrize(
    "data",
    [b"GIF? no: plain text saved as anh.jpg\n", b"", b"\xff\xd8\xff\xe0" + b"\x00" * 40],
    ids=["text", "empty", "truncated"],
)
def test_a_fake_photo_is_refused_with_words_and_nothing_changes(
    store: InspectionStore, data: bytes
) -> None:
    vm = _vm(store, "A3", lang="en")
    before = store.get(SAMPLE_ID).content_hash()
    assert asyncio.run(vm.add_photo(data)) is False
    assert vm.photo_error is not None and "Nothing was saved" in vm.photo_error
    assert vm.photos == []
    assert store.get(SAMPLE_ID).content_hash() == before
    assert store.photos.hashes() == set()
    assert list(store.photos.folder.iterdir()) == []


def test_neighbours_carry_their_section(store: InspectionStore) -> None:
    vm = _vm(store, "A5")
    assert (vm.previous_id, vm.previous_section_id) == ("A4", "A")
    assert (vm.next_id, vm.next_section_id) == ("B1", "B")
    last = _vm(store, "E2")
    assert (last.next_id, last.next_section_id) == (None, None)


def test_text_typed_after_leaving_is_saved_before_the_screen_reopens(
    store: InspectionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last keystrokes can reach the server after the tap that left the screen: the screen
    opened again saves them first instead of showing the older note."""
    monkeypatch.setattr("inspect_app.viewmodels.criterion.NOTE_DEBOUNCE_S", 60.0)

    async def run() -> str:
        left = CriterionViewModel(
            store=store, inspection_id=SAMPLE_ID, criterion_id="A3", member_id=MEMBER_1
        )
        await left.load()
        left.type_note("Gõ dở")
        left.flush_soon()  # leaving the screen
        left.type_note("Gõ dở rồi gõ nốt")  # late keystrokes: only the 60 s timer would save
        again = CriterionViewModel(
            store=store, inspection_id=SAMPLE_ID, criterion_id="A3", member_id=MEMBER_1
        )
        await again.load()
        return again.note

    assert asyncio.run(run()) == "Gõ dở rồi gõ nốt"
    assert _note(store) == "Gõ dở rồi gõ nốt"
