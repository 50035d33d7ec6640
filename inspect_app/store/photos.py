"""Photo files named by the SHA-256 of their bytes, kept outside TinyDB and written atomically."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from checklists.record import Inspection
from inspect_app.store.atomic import atomic_write

__all__ = ["PhotoStore", "is_sha256", "referenced_photos"]

_SHA256 = re.compile(r"[0-9a-f]{64}")


def is_sha256(name: str) -> bool:
    """True for a lower-case hex SHA-256: the only names a photo file may have."""
    return _SHA256.fullmatch(name) is not None


def referenced_photos(record: Inspection) -> frozenset[str]:
    """Every photo hash the record points at (its attached photos)."""
    return record.photo_hashes()


class PhotoStore:
    """Content-addressed photo files in one folder; names cannot escape it (hex only)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, data: bytes) -> str:
        """Store the bytes (once) and return their SHA-256; returns after the durable write."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        if not target.exists():
            atomic_write(target, data)
        return sha

    def path(self, sha256: str) -> Path:
        """Where the photo with this hash lives (ValueError for anything but a hex SHA-256)."""
        if not is_sha256(sha256):
            raise ValueError(f"Mã ảnh không hợp lệ (cần SHA-256 dạng hex): {sha256!r}")
        return self.folder / sha256

    def has(self, sha256: str) -> bool:
        """True when the photo with this hash is stored."""
        return self.path(sha256).is_file()

    def hashes(self) -> set[str]:
        """The hash of every stored photo, from one listing of the folder (empty if none yet)."""
        try:
            with os.scandir(self.folder) as entries:
                return {e.name for e in entries if is_sha256(e.name) and e.is_file()}
        except FileNotFoundError:
            return set()
