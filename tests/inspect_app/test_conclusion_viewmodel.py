"""Tests for the conclusion view-model against a real store in tmp_path (plain pytest)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from checklists.record.editing import write_conclusion
from checklists.record.model import ConclusionPart
from checklists.record.sample import LEAD, SAMPLE_ID, build_sample_inspection
from inspect_app.store import InspectionStore
from inspect_app.viewmodels.conclusion import ConclusionViewModel


@pytest.fixture
def store(tmp_path: Path) -> Iterator[InspectionStore]:
    opened = InspectionStore.open(tmp_path / "data")
    yield opened
    opened.close()


def test_the_samples_three_blocks_in_order(store: InspectionStore) -> None:
    sample = build_sample_inspection()
    store.save(sample)
    vm = ConclusionViewModel(store=store, inspection_id=SAMPLE_ID)
    asyncio.run(vm.load())
    assert (vm.status, vm.written) == ("ready", True)
    assert [(b.part, b.heading) for b in vm.blocks] == [
        ("acknowledgements", "Ghi nhận"),
        ("limitations", "Hạn chế"),
        ("recommendations", "Đề nghị"),
    ]
    assert [b.text for b in vm.blocks] == [sample.conclusion[p].text for p in ConclusionPart]
    en = ConclusionViewModel(store=store, inspection_id=SAMPLE_ID, lang="en")
    asyncio.run(en.load())
    assert en.blocks[2].heading == "Recommendations"


def test_a_record_without_conclusion_is_not_written(store: InspectionStore) -> None:
    sample = build_sample_inspection()
    bare = sample.model_copy(update={"conclusion": {}})
    store.save(bare)
    vm = ConclusionViewModel(store=store, inspection_id=SAMPLE_ID)
    asyncio.run(vm.load())
    assert (vm.status, vm.written, [b.text for b in vm.blocks]) == ("ready", False, ["", "", ""])
    # One block written later shows, the others stay empty.
    store.save(
        write_conclusion(bare, author_id=LEAD, part=ConclusionPart.LIMITATIONS, text="Còn chậm")
    )
    asyncio.run(vm.load())
    assert [b.text for b in vm.blocks] == ["", "Còn chậm", ""]


def test_a_missing_record_is_an_error(store: InspectionStore) -> None:
    vm = ConclusionViewModel(store=store, inspection_id=SAMPLE_ID)
    asyncio.run(vm.load())
    assert vm.status == "error" and vm.error
