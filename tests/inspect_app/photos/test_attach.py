"""attach_photo on real JPEGs made by Pillow, against a real store: kept by hash with a
thumbnail, attached through the store's edit path, refusals leave everything unchanged."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from PIL.ExifTags import IFD, Base

from checklists.errors import EditRefused
from checklists.record.authority import Actor
from checklists.record.editing import move_to
from checklists.record.lifecycle import Lifecycle
from checklists.record.sample import LEAD, MEMBER_1, SAMPLE_ID, build_sample_inspection
from inspect_app.photos.attach import attach_photo, camera_time_to_utc, thumbnail_of
from inspect_app.photos.errors import (
    NotAnImage,
    PhotoError,
    PhotoTooManyPixels,
    PhotoTruncated,
)
from inspect_app.photos.processing import THUMBNAIL_EDGE
from inspect_app.store import InspectionStore

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[InspectionStore]:
    held = InspectionStore.open(tmp_path / "data")
    held.save(build_sample_inspection())
    yield held
    held.close()


def sideways_jpeg(size: tuple[int, int] = (2400, 1800), when: str = "2023:11:24 09:15:00") -> bytes:
    """A camera JPEG stored sideways (Orientation 6) with a red block top-left, and a date."""
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 4, size[1] // 4))
    exif = Image.Exif()
    exif[Base.Orientation] = 6
    exif.get_ifd(IFD.Exif)[Base.DateTimeOriginal] = when
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def bomb_png() -> bytes:
    """A tiny PNG whose header declares 40000 x 40000 pixels (1.6 gigapixel)."""
    out = io.BytesIO()
    Image.new("1", (40000, 40000)).save(out, "PNG")
    return out.getvalue()


def folder(store: InspectionStore) -> dict[str, bytes]:
    found = {}
    for name in sorted(os.listdir(store.photos.folder)):
        found[name] = (store.photos.folder / name).read_bytes()
    return found


def test_a_camera_jpeg_is_kept_upright_capped_with_thumbnail_and_attached(
    store: InspectionStore,
) -> None:
    attached = attach_photo(
        store, SAMPLE_ID, sideways_jpeg(), author_id=MEMBER_1, criterion_id="A3",
        max_edge=1000, caption="Hội nghị", zone=HANOI,
    )  # fmt: skip
    photo = attached.photo
    assert (photo.criterion_id, photo.author_id, photo.caption) == ("A3", MEMBER_1, "Hội nghị")
    # Stored sideways 2400x1800, turned upright: portrait, long edge capped at the setting.
    assert (photo.width, photo.height) == (750, 1000)
    kept = store.photos.read(photo.sha256)
    assert len(kept) == photo.byte_size
    with Image.open(io.BytesIO(kept)) as image:
        assert image.size == (750, 1000)
        assert image.getpixel((740, 5))[0] > 200  # the red block is now top-right
        assert not image.getexif()
    thumb = store.photos.thumbnail(photo.sha256)
    assert thumb is not None
    with Image.open(io.BytesIO(thumb)) as small:
        assert max(small.size) == THUMBNAIL_EDGE and small.height > small.width
    # Camera-local 09:15 in Vietnam (UTC+7) is 02:15 UTC.
    assert photo.taken_at == datetime(2023, 11, 24, 2, 15, tzinfo=UTC)
    stored = store.get(SAMPLE_ID)
    assert [p.id for p in stored.photos_of("A3")] == [photo.id]
    assert stored.photos[photo.id].sha256 == photo.sha256


@pytest.mark.parametrize(
    ("data", "refusal"),
    [
        (b"Day la mot tep van ban, khong phai anh.\n" * 20, NotAnImage),
        (b"", NotAnImage),
        (sideways_jpeg()[:3000], PhotoTruncated),
        (bomb_png(), PhotoTooManyPixels),
    ],
    ids=["text-renamed-jpg", "empty", "truncated-jpeg", "decompression-bomb"],
)
def test_a_fake_image_is_refused_and_nothing_changes(
    store: InspectionStore, data: bytes, refusal: type[PhotoError]
) -> None:
    before, files = store.get(SAMPLE_ID).content_hash(), folder(store)
    rev = store.sync_state(SAMPLE_ID)
    with pytest.raises(refusal) as caught:
        attach_photo(store, SAMPLE_ID, data, author_id=MEMBER_1, criterion_id="A3")
    assert "Chưa lưu gì" in str(caught.value)
    assert store.get(SAMPLE_ID).content_hash() == before
    assert store.sync_state(SAMPLE_ID) == rev
    assert folder(store) == files


def test_a_refused_edit_removes_the_files_it_had_just_written(store: InspectionStore) -> None:
    store.edit(
        SAMPLE_ID, lambda r: move_to(r, author_id=LEAD, status=Lifecycle.LOCKED), actor=Actor(LEAD)
    )
    before, files = store.get(SAMPLE_ID).content_hash(), folder(store)
    with pytest.raises(EditRefused):
        attach_photo(store, SAMPLE_ID, sideways_jpeg(), author_id=MEMBER_1, criterion_id="A3")
    assert store.get(SAMPLE_ID).content_hash() == before
    assert folder(store) == files


def test_the_same_picture_twice_is_one_file_and_two_photos(store: InspectionStore) -> None:
    data = sideways_jpeg()
    first = attach_photo(store, SAMPLE_ID, data, author_id=MEMBER_1, criterion_id="A3")
    second = attach_photo(store, SAMPLE_ID, data, author_id=MEMBER_1, criterion_id="A4")
    assert first.photo.sha256 == second.photo.sha256 and first.photo.id != second.photo.id
    assert store.photos.hashes() == {first.photo.sha256}


def test_a_missing_thumbnail_is_made_from_the_photo_and_kept(store: InspectionStore) -> None:
    sha = attach_photo(store, SAMPLE_ID, sideways_jpeg(), author_id=MEMBER_1).photo.sha256
    store.photos.thumbnail_path(sha).unlink()
    assert store.photos.thumbnail(sha) is None
    made = thumbnail_of(store, sha)
    with Image.open(io.BytesIO(made)) as small:
        assert max(small.size) == THUMBNAIL_EDGE
    assert store.photos.thumbnail(sha) == made
    assert store.photos.hashes() == {sha}  # a thumbnail is not listed as a photo


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (HANOI, datetime(2023, 11, 24, 2, 15, tzinfo=UTC)),
        (timezone(timedelta(hours=-5)), datetime(2023, 11, 24, 14, 15, tzinfo=UTC)),
        (UTC, datetime(2023, 11, 24, 9, 15, tzinfo=UTC)),
    ],
)
def test_camera_time_is_read_in_the_device_zone(zone: timezone, expected: datetime) -> None:
    assert camera_time_to_utc(datetime(2023, 11, 24, 9, 15), zone) == expected
    assert camera_time_to_utc(None, zone) is None
