"""Photo files: a name promises its bytes; put repairs a broken promise, read refuses one."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from inspect_app.store import PhotoNotFound, PhotoStore, PhotoTooLarge, StoreCorrupted

PHOTO = b"\xff\xd8\xff\xe0 a small jpeg-ish photo"
SHA = hashlib.sha256(PHOTO).hexdigest()


@pytest.fixture
def photos(tmp_path: Path) -> PhotoStore:
    (tmp_path / "photos").mkdir()
    return PhotoStore(tmp_path / "photos")


DAMAGES: dict[str, Callable[[Path], None]] = {
    "zero_bytes": lambda p: p.write_bytes(b""),
    "truncated": lambda p: p.write_bytes(PHOTO[:10]),
    "other_bytes": lambda p: p.write_bytes(b"x" * len(PHOTO)),
    "one_bit_flipped": lambda p: p.write_bytes(bytes([PHOTO[0] ^ 1]) + PHOTO[1:]),
    "symlink_to_dev_zero": lambda p: p.symlink_to("/dev/zero"),
    "fifo": lambda p: os.mkfifo(p),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_put_repairs_a_damaged_file_already_under_the_photos_name(
    photos: PhotoStore, damage: str
) -> None:
    DAMAGES[damage](photos.path(SHA))
    assert photos.put(PHOTO) == SHA
    assert photos.path(SHA).read_bytes() == PHOTO
    assert not photos.path(SHA).is_symlink()
    assert photos.read(SHA) == PHOTO
    assert [p.name for p in photos.folder.iterdir()] == [SHA]  # no temp file left


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_read_refuses_a_damaged_photo_and_leaves_it_in_place(
    photos: PhotoStore, damage: str
) -> None:
    DAMAGES[damage](photos.path(SHA))
    with pytest.raises(StoreCorrupted):
        photos.read(SHA)
    assert os.path.lexists(photos.path(SHA))


@pytest.mark.parametrize("damage", ["zero_bytes", "symlink_to_dev_zero", "fifo"])
def test_has_and_hashes_are_not_fooled_by_an_empty_file_a_symlink_or_a_fifo(
    photos: PhotoStore, damage: str
) -> None:
    DAMAGES[damage](photos.path(SHA))
    assert (photos.has(SHA), photos.hashes()) == (False, set())
    photos.put(PHOTO)
    assert (photos.has(SHA), photos.hashes()) == (True, {SHA})


def test_a_folder_named_like_a_photo_is_no_photo(photos: PhotoStore) -> None:
    photos.path(SHA).mkdir()
    assert (photos.has(SHA), photos.hashes()) == (False, set())
    with pytest.raises(StoreCorrupted, match="thư mục"):
        photos.read(SHA)


def test_put_of_an_intact_photo_does_not_rewrite_it(photos: PhotoStore) -> None:
    photos.put(PHOTO)
    before = photos.path(SHA).stat()
    photos.put(PHOTO)
    after = photos.path(SHA).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_the_empty_photo_is_a_photo(photos: PhotoStore) -> None:
    empty = photos.put(b"")
    assert (photos.has(empty), photos.read(empty)) == (True, b"")


class SmallPhotos(PhotoStore):
    max_bytes = 1000


def test_a_photo_over_the_limit_is_refused_naming_its_size_and_the_limit(tmp_path: Path) -> None:
    photos = SmallPhotos(tmp_path)
    assert photos.put(b"x" * 1000)  # at the limit: accepted
    with pytest.raises(PhotoTooLarge) as excinfo:
        photos.put(b"y" * 1001)
    assert "1001 byte" in str(excinfo.value) and "giới hạn" in str(excinfo.value)
    assert "1000 byte" in str(excinfo.value)
    assert (excinfo.value.size, excinfo.value.limit) == (1001, 1000)
    assert [p.name for p in tmp_path.iterdir()] == [hashlib.sha256(b"x" * 1000).hexdigest()]


def test_the_default_limit_is_20_mb() -> None:
    assert PhotoStore.max_bytes == 20 * 1024 * 1024


@pytest.mark.parametrize("name", [SHA, "../x", "abc", ""])
def test_reading_a_photo_not_stored_gives_photo_not_found(photos: PhotoStore, name: str) -> None:
    with pytest.raises(PhotoNotFound):
        photos.read(name)
    assert photos.has(name) is False
