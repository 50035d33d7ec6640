"""Errors raised by the local store; each subclass tells the caller what to do.

* StoreError
  + StoreLocked        another app window holds the data folder: close it, then retry
  + StoreCorrupted     a file could not be read; it was set aside, its bytes kept
  + StoreUnreadable    the system refused to read a file (I/O error, permissions); it was left
                       in place, untouched: check the storage, then open the app again
  + RecordNotFound     no inspection with this id is stored (or can be: the id is not a UUID)
  + RecordInvalid      the record fails validation: fix the named field; nothing was written
  + PhotoTooLarge      the photo is over the size limit: take it at a lower resolution
  + PhotoNotFound      no photo with this hash is on this device: copy it or take it again
  + StoreWriteFailed   disk full or I/O error: the save was NOT acknowledged
"""

from __future__ import annotations

import errno
from pathlib import Path

__all__ = [
    "StoreError",
    "StoreLocked",
    "StoreCorrupted",
    "StoreUnreadable",
    "RecordNotFound",
    "RecordInvalid",
    "PhotoTooLarge",
    "PhotoNotFound",
    "StoreWriteFailed",
    "read_failure_reason",
    "write_failure_reason",
]

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}


# What each error tells a field user (vi, en): what happened and what to do, with no file path
# or record id; `str(error)` keeps the technical detail for a "Chi tiết" fold.
_PLAIN: dict[str, tuple[str, str]] = {
    "StoreError": (
        "Không đọc hoặc ghi được dữ liệu trên máy. Dữ liệu đã lưu không bị xóa.",
        "Could not read or write the data on this device. Nothing saved was deleted.",
    ),
    "StoreLocked": (
        "Ứng dụng đang mở ở một cửa sổ khác. Hãy đóng cửa sổ đó rồi mở lại.",
        "The app is open in another window. Close that window, then open the app again.",
    ),
    "StoreCorrupted": (
        "Một tệp dữ liệu bị hỏng và đã được để riêng (không bị xóa). Hãy báo bộ phận hỗ trợ.",
        "A data file is damaged and was set aside (not deleted). Please tell support.",
    ),
    "StoreUnreadable": (
        "Máy không cho đọc dữ liệu ({reason}). Hãy kiểm tra bộ nhớ rồi mở lại ứng dụng.",
        "The device refused to read the data ({reason}). Check the storage, then reopen the app.",
    ),
    "RecordNotFound": (
        "Không tìm thấy cuộc kiểm tra này trên máy.",
        "This inspection is not on this device.",
    ),
    "RecordInvalid": (
        "Thay đổi này làm hồ sơ không hợp lệ nên chưa được lưu; dữ liệu đã lưu không đổi.",
        "This change would make the record invalid, so it was not saved; nothing stored changed.",
    ),
    "PhotoTooLarge": (
        "Ảnh quá lớn ({size} MB, tối đa {limit} MB). Chưa lưu; hãy chụp ở độ phân giải thấp hơn.",
        "The photo is too large ({size} MB, at most {limit} MB). Not saved; take it smaller.",
    ),
    "PhotoNotFound": (
        "Ảnh này không có trên máy; hãy chép lại hoặc chụp lại.",
        "This photo is not on this device; copy it again or take it again.",
    ),
    "StoreWriteFailed": (
        "Chưa lưu được ({reason}). Dữ liệu đã lưu trước đó không đổi; hãy thử lại.",
        "Not saved ({reason}). What was saved before is unchanged; try again.",
    ),
}
_REASONS_EN = {
    "bộ nhớ đầy": "storage full",
    "không có quyền ghi / bộ nhớ chỉ đọc": "no permission to write / read-only storage",
    "thư mục dữ liệu bị thiếu": "the data folder is missing",
    "không có quyền đọc": "no permission to read",
    "lỗi ổ đĩa": "disk error",
}


class StoreError(Exception):
    """Base class of every error raised by `inspect_app.store`."""

    def message(self, lang: str = "vi") -> str:
        """What a field user can act on, in `lang`, without paths or ids (`str()` has those)."""
        for cls in type(self).__mro__:
            plain = _PLAIN.get(cls.__name__)
            if plain is not None:
                break
        else:  # pragma: no cover - StoreError itself is in the table
            plain = _PLAIN["StoreError"]
        text = plain[1] if lang == "en" else plain[0]
        return text.format(**self._params(lang))

    def _params(self, lang: str) -> dict[str, str]:
        reason = str(getattr(self, "reason", ""))
        if lang == "en":
            reason = _REASONS_EN.get(reason, reason)
        params = {"reason": reason}
        size, limit = getattr(self, "size", None), getattr(self, "limit", None)
        if isinstance(size, int) and isinstance(limit, int):
            params |= {"size": _mb(size), "limit": _mb(limit)}
        return params


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


class StoreUnreadable(StoreError):
    """The system refused to read a file (I/O error, no permission); it is left in place as it is.

    Unlike `StoreCorrupted` the bytes may be fine: nothing is moved, reset or overwritten (a save
    over it is refused too, since it could not be merged with what the file holds).
    """

    def __init__(self, message: str, path: Path | None = None, reason: str = "lỗi ổ đĩa") -> None:
        self.path = path
        self.reason = reason
        """What went wrong, in words for the person (see `read_failure_reason`)."""
        super().__init__(message)


class RecordNotFound(StoreError):
    """No inspection with this id is stored on this device."""

    def __init__(self, inspection_id: str) -> None:
        self.inspection_id = inspection_id
        super().__init__(f"Không tìm thấy cuộc kiểm tra có mã {inspection_id} trên máy này.")


class RecordInvalid(StoreError):
    """The record does not pass validation (it would not read back); nothing was written.

    Raised before touching the disk, so that a save is only acknowledged for a record the store
    can read again. `errors` lists every (field path, reason).
    """

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        where, why = errors[0]
        more = f" (và {len(errors) - 1} lỗi khác)" if len(errors) > 1 else ""
        super().__init__(
            f"Hồ sơ không hợp lệ: {where}: {why}{more}. Chưa ghi gì; dữ liệu đã lưu không đổi."
        )


class PhotoTooLarge(StoreError):
    """The photo is larger than the store accepts; nothing was written: take it smaller."""

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(
            f"Ảnh quá lớn: {_mb(size)} MB ({size} byte), giới hạn {_mb(limit)} MB ({limit} byte). "
            "Chưa lưu ảnh; hãy chụp lại ở độ phân giải thấp hơn."
        )


class PhotoNotFound(StoreError):
    """No photo with this hash is stored on this device (or can be: not a hex SHA-256)."""

    def __init__(self, sha256: str) -> None:
        self.sha256 = sha256
        super().__init__(
            f"Không có ảnh mã {sha256[:12]}… trên máy này; hãy chép lại hoặc chụp lại ảnh."
        )


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")


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


def read_failure_reason(exc: OSError) -> str:
    """Say in Vietnamese, from its errno, why a read failed."""
    if exc.errno in _READ_ONLY or isinstance(exc, PermissionError):
        return "không có quyền đọc"
    return "lỗi ổ đĩa"
