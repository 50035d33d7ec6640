"""The photos screen's view-model against a real store: grouping, caption, report flag, detach,
general photos, refusals (plain pytest)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from checklists.record.sample import LEAD, MEMBER_1, MEMBER_2, SAMPLE_ID, build_sample_inspection
from inspect_app.photos.attach import attach_photo
from inspect_app.store import InspectionStore
from inspect_app.viewmodels.photos import PhotosViewModel


@pytest.fixture
def store(tmp_path: Path) -> Iterator[InspectionStore]:
    held = InspectionStore.open(tmp_path / "data")
    held.save(build_sample_inspection())
    yield held
    held.close()


def jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(out, "JPEG")
    return out.getvalue()


def attach(
    store: InspectionStore, criterion: str, author: str, colour: tuple[int, int, int]
) -> str:
    return attach_photo(
        store, SAMPLE_ID, jpeg(colour), author_id=author, criterion_id=criterion
    ).photo.id


def _vm(store: InspectionStore, member: str = MEMBER_1, lang: str = "vi") -> PhotosViewModel:
    vm = PhotosViewModel(store=store, inspection_id=SAMPLE_ID, member_id=member, lang=lang)
    asyncio.run(vm.load())
    return vm


def test_photos_are_grouped_by_criterion_in_template_order_then_general(
    store: InspectionStore,
) -> None:
    c4 = attach(store, "C4", MEMBER_2, (200, 0, 0))
    a3 = attach(store, "A3", MEMBER_1, (0, 200, 0))
    general = attach(store, "", MEMBER_1, (0, 0, 200))
    vm = _vm(store, lang="en")
    assert vm.status == "ready" and vm.count == 3
    assert [(g.criterion_id, [p.id for p in g.photos]) for g in vm.groups] == [
        ("A3", [a3]),
        ("C4", [c4]),
        ("", [general]),
    ]
    assert vm.groups[-1].title == "General photos of the inspection"
    assert vm.groups[0].title.startswith("A3. ")
    mine, theirs = vm.groups[0].photos[0], vm.groups[1].photos[0]
    assert (mine.can_edit, theirs.can_edit) == (True, False)
    assert mine.thumbnail is not None and mine.author_name.startswith("Trần Thị Lan")
    assert _vm(store, member=LEAD).groups[1].photos[0].can_edit  # the leader may edit any


def test_caption_and_report_flag_are_saved(store: InspectionStore) -> None:
    photo = attach(store, "A3", MEMBER_1, (0, 200, 0))
    vm = _vm(store)
    asyncio.run(vm.set_caption(photo, "  Sổ hội nghị tuyên truyền  "))
    asyncio.run(vm.set_include(photo, False))
    held = store.get(SAMPLE_ID).photos[photo]
    assert (held.caption, held.include_in_report) == ("Sổ hội nghị tuyên truyền", False)
    card = vm.groups[0].photos[0]
    assert (card.caption, card.include_in_report, vm.error) == (
        "Sổ hội nghị tuyên truyền",
        False,
        None,
    )


def test_detach_removes_the_photo_from_the_record_but_keeps_the_file(
    store: InspectionStore,
) -> None:
    photo = attach(store, "A3", MEMBER_1, (0, 200, 0))
    sha = store.get(SAMPLE_ID).photos[photo].sha256
    vm = _vm(store)
    asyncio.run(vm.detach(photo))
    assert (vm.groups, vm.count) == ([], 0)
    assert store.get(SAMPLE_ID).photos_of("A3") == []
    assert store.photos.has(sha)


def test_another_members_photo_cannot_be_changed(store: InspectionStore) -> None:
    photo = attach(store, "C4", MEMBER_2, (200, 0, 0))
    before = store.get(SAMPLE_ID).content_hash()
    vm = _vm(store)
    asyncio.run(vm.detach(photo))
    assert vm.error is not None and vm.status == "ready"
    asyncio.run(vm.set_caption(photo, "không phải ảnh của tôi"))
    assert vm.error is not None
    assert store.get(SAMPLE_ID).content_hash() == before
    assert vm.count == 1


def test_a_general_photo_is_attached_and_a_fake_one_refused(store: InspectionStore) -> None:
    vm = _vm(store)
    assert asyncio.run(vm.attach_general(jpeg((9, 9, 9)))) is True
    assert [g.criterion_id for g in vm.groups] == [""]
    before, files = store.get(SAMPLE_ID).content_hash(), sorted(store.photos.folder.iterdir())
    assert asyncio.run(vm.attach_general(b"not a photo at all")) is False
    assert vm.error is not None and "Chưa lưu gì" in vm.error
    assert store.get(SAMPLE_ID).content_hash() == before
    assert sorted(store.photos.folder.iterdir()) == files


def test_full_size_reads_the_kept_photo(store: InspectionStore) -> None:
    photo = attach(store, "A3", MEMBER_1, (0, 200, 0))
    vm = _vm(store)
    data = asyncio.run(vm.full_size(photo))
    assert data is not None and data == store.photos.read(store.get(SAMPLE_ID).photos[photo].sha256)
    assert asyncio.run(vm.full_size("no-such-photo")) is None
