"""Photo files named by the SHA-256 of their bytes, kept outside TinyDB and written atomically.

Next to each photo may lie its thumbnail, `<sha256>.thumb` (a small JPEG for galleries): derived
data, so it is not hashed, not listed by `hashes`, and made again from the photo when missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from pathlib import Path

from inspect_app.store import atomic
from inspect_app.store.atomic import atomic_write, read_file
from inspect_app.store.errors import (
    PhotoNotFound,
    PhotoTooLarge,
    StoreCorrupted,
    StoreUnreadable,
)

__all__ = ["PhotoStore", "is_sha256"]

_SHA256 = re.compile(r"[0-9a-f]{64}")
_EMPTY = hashlib.sha256(b"").hexdigest()
_THUMB = ".thumb"


def is_sha256(name: str) -> bool:
    """True for a lower-case hex SHA-256: the only names a photo file may have."""
    return _SHA256.fullmatch(name) is not None


class PhotoStore:
    """Content-addressed photo files in one folder; names cannot escape it (hex only).

    A file's name promises its content, and the store checks that promise where it is cheap
    enough: `put` and `read` hash the bytes (a damaged file is rewritten by `put`, refused by
    `read`); `has` and `hashes` only look at the folder entry (a regular, non-empty file), since
    they run for every photo at open.
    """

    max_bytes = 20 * 1024 * 1024
    """The largest photo accepted: a phone's full-resolution JPEG is 3-12 MB."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, data: bytes) -> str:
        """Store the bytes (once) and return their SHA-256; returns after the durable write.

        PhotoTooLarge over `max_bytes` (nothing written). A file already there under this name
        is trusted only if its bytes hash to it; otherwise it is replaced, atomically.
        """
        if len(data) > self.max_bytes:
            raise PhotoTooLarge(len(data), self.max_bytes)
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        if not self._intact(target, sha):
            atomic_write(target, data)
        return sha

    def read(self, sha256: str) -> bytes:
        """The photo's bytes, checked against their hash.

        PhotoNotFound when no photo with this hash is stored here; StoreCorrupted when the file
        is damaged (left in place: `put` with the original bytes repairs it).
        """
        if not is_sha256(sha256):
            raise PhotoNotFound(sha256[:80])
        path = self.path(sha256)
        data = read_file(path, self.max_bytes)  # StoreCorrupted: no regular file; StoreUnreadable
        if data is None:
            raise PhotoNotFound(sha256)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise StoreCorrupted(
                f"Tệp ảnh {sha256[:12]}… bị hỏng: nội dung không khớp mã băm "
                f"({len(data)} byte). Hãy chép lại ảnh gốc.",
                path,
            )
        return data

    def _intact(self, path: Path, sha256: str) -> bool:
        try:
            data = read_file(path, self.max_bytes)
        except (StoreCorrupted, StoreUnreadable):  # no regular file, too big, unreadable
            return False
        return data is not None and hashlib.sha256(data).hexdigest() == sha256

    def put_thumbnail(self, sha256: str, data: bytes) -> None:
        """Keep the thumbnail of the photo with this hash (replacing any), written atomically.

        ValueError for a name that is no hex SHA-256; PhotoTooLarge over `max_bytes`.
        """
        if len(data) > self.max_bytes:
            raise PhotoTooLarge(len(data), self.max_bytes)
        atomic_write(self.thumbnail_path(sha256), data)

    def thumbnail(self, sha256: str) -> bytes | None:
        """The thumbnail kept for this photo, None when there is none (make it from the photo).

        A damaged thumbnail is not detected here (it has no hash): it only shows badly.
        """
        if not is_sha256(sha256):
            return None
        try:
            return read_file(self.thumbnail_path(sha256), self.max_bytes)
        except (StoreCorrupted, StoreUnreadable):
            return None

    def discard(self, sha256: str) -> None:
        """Remove a photo and its thumbnail just written for an attach that was then refused.

        Only for bytes this device wrote a moment ago and no record points at; a missing file is
        no error.
        """
        for target in (self.path(sha256), self.thumbnail_path(sha256)):
            with contextlib.suppress(FileNotFoundError):
                atomic._ops.unlink(target)

    def thumbnail_path(self, sha256: str) -> Path:
        """Where the thumbnail of the photo with this hash lives (ValueError as `path`)."""
        return self.path(sha256).with_name(sha256 + _THUMB)

    def path(self, sha256: str) -> Path:
        """Where the photo with this hash lives (ValueError for anything but a hex SHA-256)."""
        if not is_sha256(sha256):
            raise ValueError(f"Mã ảnh không hợp lệ (cần SHA-256 dạng hex): {sha256!r}")
        return self.folder / sha256

    def has(self, sha256: str) -> bool:
        """True when a photo with this hash is stored: a regular file, not empty (the cheap
        check; `read` verifies the bytes)."""
        if not is_sha256(sha256):
            return False
        try:
            st = atomic._ops.lstat(self.path(sha256))
        except OSError:
            return False
        return _plausible(sha256, st.st_mode, st.st_size)

    def hashes(self) -> set[str]:
        """The hash of every stored photo, from one listing of the folder (empty if none yet).

        Same cheap check as `has`: a zero-byte file, a folder or a symlink is not a photo.
        """
        found = set()
        try:
            with os.scandir(self.folder) as entries:
                for e in entries:
                    if not is_sha256(e.name):
                        continue
                    with contextlib.suppress(OSError):
                        st = e.stat(follow_symlinks=False)
                        if _plausible(e.name, st.st_mode, st.st_size):
                            found.add(e.name)
        except FileNotFoundError:
            return set()
        return found


def _plausible(sha256: str, mode: int, size: int) -> bool:
    """A regular file with some bytes (only the empty photo's hash names an empty file)."""
    return stat.S_ISREG(mode) and (size > 0 or sha256 == _EMPTY)
