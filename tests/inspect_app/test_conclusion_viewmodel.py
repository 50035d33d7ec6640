"""Tests for the conclusion view-model against a real store in tmp_path (plain pytest): drafting
that never overwrites the leader's words unasked, debounced saves, versions and their diffs,
the lock, refusals for non-leaders, and the export of the three DOCX documents."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from checklists.conclusion.draft import draft
from checklists.record.editing import write_conclusion
from checklists.record.model import ConclusionPart, Inspection
from checklists.record.sample import LEAD, MEMBER_1, SAMPLE_ID, build_sample_inspection
from checklists.scoring.engine import score_inspection
from checklists.template.catalog import template_for
from checklists.text.format import format_number
from inspect_app.store import InspectionStore
from inspect_app.viewmodels.conclusion import ConclusionViewModel, export_folder

SAMPLE = build_sample_inspection()
ACK, LIM, REC = (p.value for p in ConclusionPart)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[InspectionStore]:
    opened = InspectionStore.open(tmp_path / "data")
    yield opened
    opened.close()


def bare(store: InspectionStore) -> None:
    """The sample without any conclusion text."""
    store.save(SAMPLE.model_copy(update={"conclusion": {}}))


def vm_for(store: InspectionStore, member: str = LEAD, lang: str = "vi") -> ConclusionViewModel:
    vm = ConclusionViewModel(
        store=store, inspection_id=SAMPLE_ID, member_id=member, lang=lang, debounce_s=0.05
    )
    asyncio.run(vm.load())
    return vm


def stored(store: InspectionStore, part: str) -> str:
    block = store.get(SAMPLE_ID).conclusion.get(ConclusionPart(part))
    return "" if block is None else block.text


def drafted(store: InspectionStore) -> dict[str, str]:
    record = store.get(SAMPLE_ID)
    blocks = draft(record, store.template_of(record)).blocks()
    return {p.value: text for p, text in blocks.items()}


def test_the_samples_three_blocks_in_order(store: InspectionStore) -> None:
    store.save(SAMPLE)
    vm = vm_for(store)
    assert (vm.status, vm.written, vm.is_leader, vm.can_edit) == ("ready", True, True, True)
    assert [(b.part, b.heading) for b in vm.blocks] == [
        (ACK, "Ghi nhận"),
        (LIM, "Hạn chế"),
        (REC, "Đề nghị"),
    ]
    assert [b.text for b in vm.blocks] == [SAMPLE.conclusion[p].text for p in ConclusionPart]
    assert vm_for(store, lang="en").blocks[2].heading == "Recommendations"


def test_a_missing_record_is_an_error(store: InspectionStore) -> None:
    vm = vm_for(store)
    assert vm.status == "error" and vm.error


def test_the_draft_fills_empty_blocks_at_once(store: InspectionStore) -> None:
    bare(store)
    vm = vm_for(store)
    assert not vm.written
    assert asyncio.run(vm.make_draft()) is True
    expected = drafted(store)
    assert {p: stored(store, p) for p in (ACK, LIM, REC)} == expected
    assert {p: vm.text_of(p) for p in (ACK, LIM, REC)} == expected
    assert "93" in expected[ACK] and vm.draft_kept == []


def test_the_draft_never_replaces_the_leaders_words_without_a_confirm(
    store: InspectionStore,
) -> None:
    bare(store)
    mine = "Đoàn ghi nhận tinh thần cầu thị của đơn vị."
    store.edit(
        SAMPLE_ID,
        lambda r: write_conclusion(
            r, author_id=LEAD, part=ConclusionPart.ACKNOWLEDGEMENTS, text=mine
        ),
    )
    vm = vm_for(store)
    expected = drafted(store)
    # The empty blocks are filled; the written one is kept and named for the confirm.
    assert asyncio.run(vm.make_draft()) is False
    assert vm.draft_kept == ["Ghi nhận"]
    assert (stored(store, ACK), stored(store, LIM), stored(store, REC)) == (
        mine,
        expected[LIM],
        expected[REC],
    )
    assert vm.text_of(ACK) == mine
    # Confirmed: replaced.
    assert asyncio.run(vm.make_draft(replace=True)) is True
    assert stored(store, ACK) == expected[ACK] == vm.text_of(ACK)


async def _type_then_wait(vm: ConclusionViewModel, texts: list[str]) -> None:
    for text in texts:
        vm.type_text(ConclusionPart.LIMITATIONS, text)
        await asyncio.sleep(0)
    assert vm.save_state == "pending"
    await asyncio.sleep(vm.debounce_s * 6)


def test_typing_is_saved_once_it_pauses_and_the_last_text_wins(store: InspectionStore) -> None:
    store.save(SAMPLE)
    vm = vm_for(store)
    before = store.sync_state(SAMPLE_ID).local_rev
    asyncio.run(_type_then_wait(vm, ["Còn", "Còn chậm", "Còn chậm cập nhật"]))
    assert stored(store, LIM) == "Còn chậm cập nhật" == vm.text_of(LIM)
    assert vm.save_state == "saved"
    # Debounced: one save for three keystrokes.
    assert store.sync_state(SAMPLE_ID).local_rev == before + 1


def test_leaving_the_screen_flushes_what_was_typed(store: InspectionStore) -> None:
    store.save(SAMPLE)
    vm = ConclusionViewModel(store=store, inspection_id=SAMPLE_ID, member_id=LEAD, debounce_s=60.0)

    async def go() -> None:
        await vm.load()
        vm.type_text(REC, "Đề nghị mới")
        assert stored(store, REC) != "Đề nghị mới"
        await vm.flush()  # what the screen does when it is left

    asyncio.run(go())
    assert stored(store, REC) == "Đề nghị mới"


def test_versions_keep_who_and_when_and_diff_to_the_previous(store: InspectionStore) -> None:
    store.save(SAMPLE)
    vm = vm_for(store)
    asyncio.run(vm.save_version())

    async def edit_and_save() -> None:
        vm.type_text(LIM, "Hạn chế đã sửa")
        await vm.save_version()  # saves what was typed first

    asyncio.run(edit_and_save())
    assert [v.number for v in vm.versions] == [2, 1]  # newest first
    newest = vm.versions[0]
    assert newest.title == "Phiên bản 2 · Lưu" and newest.who == "Nguyễn Khắc Phương"
    assert newest.when != "—"
    # Only the block that changed, under its heading: the old line out, the new line in.
    old = SAMPLE.conclusion[ConclusionPart.LIMITATIONS].text.splitlines()
    assert newest.changes == (("Hạn chế", (*(f"-{line}" for line in old), "+Hạn chế đã sửa")),)
    first = vm.versions[1]  # against an empty conclusion: every block, all added
    assert [heading for heading, _ in first.changes] == ["Ghi nhận", "Hạn chế", "Đề nghị"]
    ack = SAMPLE.conclusion[ConclusionPart.ACKNOWLEDGEMENTS].text.splitlines()
    assert first.changes[0][1] == tuple(f"+{line}" for line in ack)


def test_a_locked_conclusion_refuses_edits_until_unlocked_with_a_reason(
    store: InspectionStore,
) -> None:
    store.save(SAMPLE)
    vm = vm_for(store)
    asyncio.run(vm.lock())
    assert (vm.locked, vm.can_edit) == (True, False)
    assert vm.lock_text.startswith("Đã khóa bởi Nguyễn Khắc Phương lúc ")

    async def type_while_locked() -> None:
        vm.type_text(ACK, "Sửa sau khi khóa")
        await vm.flush()

    asyncio.run(type_while_locked())
    assert vm.save_state == "failed" and vm.error and "khóa" in vm.error.lower()
    assert stored(store, ACK) == SAMPLE.conclusion[ConclusionPart.ACKNOWLEDGEMENTS].text
    assert asyncio.run(vm.make_draft(replace=True)) is True  # refused: nothing to confirm
    assert vm.error
    asyncio.run(vm.unlock(""))
    assert vm.locked and vm.error  # a reason is required
    asyncio.run(vm.unlock("Bổ sung số liệu"))
    assert not vm.locked and vm.error is None
    assert [v.kind for v in vm.versions] == ["unlock", "lock"]
    assert vm.versions[0].reason == "Bổ sung số liệu"


def test_a_non_leader_is_refused_in_plain_words(store: InspectionStore) -> None:
    store.save(SAMPLE)
    vm = vm_for(store, MEMBER_1)
    assert (vm.is_leader, vm.can_edit) == (False, False)
    asyncio.run(vm.save_version())
    assert vm.error and "Trưởng đoàn" in vm.error
    assert vm.versions == []
    en = vm_for(store, MEMBER_1, lang="en")
    asyncio.run(en.lock())
    assert en.error and "leader" in en.error and not en.locked


def test_the_export_folder_name_is_safe() -> None:
    folder = export_folder(Path("/d"), 'Phường Vĩnh Trại / Đảng ủy: "A"', date(2023, 11, 24))
    assert folder == Path("/d/exports/phuong-vinh-trai-dang-uy-a-2023-11-24")
    assert export_folder(Path("/d"), "???", date(2023, 1, 2)).name == "ho-so-2023-01-02"


def _appendix_total(path: Path) -> str:
    doc = Document(str(path))
    [table] = [t for t in doc.tables if t.rows[0].cells[0].text == "TT" and len(t.columns) == 6]
    row = next(
        r for r in table.rows if r.cells[1].text == "Tổng cộng" or r.cells[0].text == "Tổng cộng"
    )
    return row.cells[4].text


def test_the_export_writes_three_docx_files_whose_appendix_total_is_the_engines(
    store: InspectionStore,
) -> None:
    store.save(SAMPLE)
    vm = vm_for(store)
    asyncio.run(vm.export())
    assert vm.export_error is None and vm.error is None
    folder = store.data_dir / "exports" / "phuong-vinh-trai-2023-11-24"
    assert Path(vm.export_dir) == folder
    assert [f.kind for f in vm.exported] == ["minutes", "report", "notice"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(f.name for f in vm.exported)
    for exported in vm.exported:
        assert exported.path.stat().st_size > 5000
        Document(str(exported.path))  # python-docx opens it
    report = next(f.path for f in vm.exported if f.kind == "report")
    engine = score_inspection(template_for(SAMPLE), SAMPLE)
    assert _appendix_total(report) == format_number(engine.final_total, 2) == "93"


def test_an_export_that_cannot_write_says_so(store: InspectionStore) -> None:
    store.save(SAMPLE)
    (store.data_dir / "exports").write_text("not a folder")
    vm = vm_for(store)
    asyncio.run(vm.export())
    assert vm.export_error and vm.exported == []
    assert vm.error and vm.error.startswith("Không xuất được văn bản")


def _record(store: InspectionStore) -> Inspection:
    return store.get(SAMPLE_ID)
