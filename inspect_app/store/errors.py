"""Errors raised by the local store; each subclass tells the caller what to do.

* StoreError
  + StoreLocked        another app window holds the data folder: close it, then retry
  + StoreCorrupted     a file could not be read; it was set aside, its bytes kept
  + RecordNotFound     no inspection with this id is stored
  + StoreWriteFailed   disk full or I/O error: the save was NOT acknowledged
"""

from __future__ import annotations

import errno
from pathlib import Path

__all__ = [
    "StoreError",
    "StoreLocked",
    "StoreCorrupted",
    "RecordNotFound",
    "StoreWriteFailed",
    "write_failure_reason",
]

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}


class StoreError(Exception):
    """Base class of every error raised by `inspect_app.store`."""


class StoreLocked(StoreError):
    """Another app process holds the data folder; ask the person to close the other window."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        super().__init__(
            "Ứng dụng đang mở ở một cửa sổ khác và đang dùng thư mục dữ liệu "
            f"{data_dir}. Hãy đóng cửa sổ đó rồi mở lại ứng dụng."
        )


class StoreCorrupted(StoreError):
    """A stored file could not be read; it is never reset, only set aside and reported."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        self.path = path
        super().__init__(message)


class RecordNotFound(StoreError):
    """No inspection with this id is stored on this device."""

    def __init__(self, inspection_id: str) -> None:
        self.inspection_id = inspection_id
        super().__init__(f"Không tìm thấy cuộc kiểm tra có mã {inspection_id} trên máy này.")


class StoreWriteFailed(StoreError):
    """The write did not reach the disk (disk full, I/O error); nothing stored changed."""

    def __init__(self, message: str, reason: str = "lỗi ổ đĩa") -> None:
        self.reason = reason
        """What went wrong, in words for the person (see `write_failure_reason`)."""
        super().__init__(message)


def write_failure_reason(exc: OSError) -> str:
    """Say in Vietnamese, from its errno, why a write failed (what the person can do about it)."""
    if exc.errno in _FULL:
        return "bộ nhớ đầy"
    if exc.errno in _READ_ONLY or isinstance(exc, PermissionError):
        return "không có quyền ghi / bộ nhớ chỉ đọc"
    if exc.errno == errno.ENOENT:
        return "thư mục dữ liệu bị thiếu"
    return "lỗi ổ đĩa"
