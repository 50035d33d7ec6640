"""Crash-safe file writes (temp file, fsync, atomic replace, folder fsync) and a TinyDB storage."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from inspect_app.store.errors import StoreCorrupted, StoreWriteFailed, write_failure_reason

__all__ = [
    "REPLACE_RETRIES",
    "TMP_PREFIX",
    "AtomicJSONStorage",
    "FileOps",
    "atomic_write",
    "fsync_dir",
    "read_json_file",
    "salvage_json",
]

TMP_PREFIX = ".tmp-"
"""Every temp file starts with this; the store deletes leftovers at startup and never reads them."""
REPLACE_RETRIES = 5
REPLACE_RETRY_DELAY_S = 0.05
"""Windows only: how often, and how long apart, a rename refused with access denied is retried."""


class FileOps:
    """Every file-system call the atomic write makes, one method each (the `_ops` seam).

    Each method calls `os` / `tempfile` when called, nothing more. A test swaps the module's
    `_ops` for a subclass to log, drop or fail calls (power-loss simulation, mutants).
    """

    def mkstemp(self, folder: Path) -> tuple[int, str]:
        return tempfile.mkstemp(prefix=TMP_PREFIX, dir=folder)

    def write(self, fd: int, data: memoryview | bytes) -> int:
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        os.fsync(fd)

    def close(self, fd: int) -> None:
        os.close(fd)

    def replace(self, src: str | Path, dst: str | Path) -> None:
        """os.replace; on Windows, retried briefly while another program (antivirus, the search
        indexer) still has the new file open, which makes the rename fail with access denied."""
        for retry in range(REPLACE_RETRIES + 1):
            try:
                os.replace(src, dst)
                return
            except PermissionError:
                if os.name != "nt" or retry == REPLACE_RETRIES:
                    raise
                time.sleep(REPLACE_RETRY_DELAY_S)

    def unlink(self, path: str | Path) -> None:
        os.unlink(path)

    def open_dir(self, folder: Path) -> int | None:
        """A descriptor for fsyncing `folder`, or None where folders cannot be fsynced (Windows)."""
        if not hasattr(os, "O_DIRECTORY"):
            return None
        return os.open(folder, os.O_RDONLY | os.O_DIRECTORY)


_ops = FileOps()


def _open_dir(folder: Path) -> int | None:
    return _ops.open_dir(folder)


def _fsync_and_close(dir_fd: int | None) -> None:
    if dir_fd is None:
        return
    try:
        _ops.fsync(dir_fd)
    finally:
        with contextlib.suppress(OSError):  # closing a read-only folder handle loses nothing
            _ops.close(dir_fd)


def fsync_dir(folder: Path) -> None:
    """Make renames and new names in `folder` durable."""
    _fsync_and_close(_open_dir(folder))


def _write_all(fd: int, data: bytes) -> None:
    """os.write until every byte is written (os.write may write fewer)."""
    view = memoryview(data)
    while view:
        written = _ops.write(fd, view)
        view = view[written:]


def _write_temp(folder: Path, data: bytes, *, sync: bool) -> str:
    """Write `data` to a new temp file in `folder` and return its path; remove it on failure."""
    fd, tmp = _ops.mkstemp(folder)
    try:
        try:
            _write_all(fd, data)
            if sync:
                _ops.fsync(fd)
        finally:
            _ops.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            _ops.unlink(tmp)
        raise
    return tmp


def _read_if_exists(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _roll_back(path: Path, previous: bytes | None) -> None:
    """Put the previous content back after a replace whose durability could not be confirmed."""
    if previous is None:
        _ops.unlink(path)
        return
    tmp = _write_temp(path.parent, previous, sync=False)
    try:
        _ops.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            _ops.unlink(tmp)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new bytes, whole.

    Returns only once the new content and its name are on disk. On an I/O error it raises
    `StoreWriteFailed`, removes its temp file and leaves the previous content in place.
    """
    folder = path.parent
    try:
        tmp = _write_temp(folder, data, sync=True)
    except OSError as exc:
        raise _failed(path, exc) from exc
    try:
        previous = _read_if_exists(path)
        dir_fd = _open_dir(folder)  # opened first, so that after the swap only the fsync is left
    except OSError as exc:
        with contextlib.suppress(OSError):
            _ops.unlink(tmp)
        raise _failed(path, exc) from exc
    try:
        _ops.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            _ops.unlink(tmp)
        with contextlib.suppress(OSError):
            _fsync_and_close(dir_fd)
        raise _failed(path, exc) from exc
    try:
        _fsync_and_close(dir_fd)
    except OSError as exc:
        # The new name may not survive a power cut, so this save is not acknowledged; put the
        # old content back (no fsync needed) so that "not acknowledged" means "nothing changed".
        try:
            _roll_back(path, previous)
        except OSError:
            raise _failed(path, exc, " Không khôi phục được nội dung cũ.") from exc
        raise _failed(path, exc) from exc


def _failed_message(path: Path, exc: OSError) -> str:
    detail = os.strerror(exc.errno) if exc.errno else str(exc)
    return (
        f"Không lưu được tệp {path.name} ({write_failure_reason(exc)}: {detail}). "
        "Dữ liệu chưa được lưu; dữ liệu đã lưu trước đó vẫn nguyên vẹn."
    )


def _failed(path: Path, exc: OSError, extra: str = "") -> StoreWriteFailed:
    return StoreWriteFailed(_failed_message(path, exc) + extra, write_failure_reason(exc))


def _describe(raw: bytes, exc: ValueError) -> str:
    """Say in Vietnamese what is wrong with bytes that do not parse as JSON."""
    if not raw.strip(b"\x00"):
        return "tệp chỉ chứa byte NUL (thường do mất điện khi đang ghi)"
    if isinstance(exc, json.JSONDecodeError):
        if exc.msg == "Extra data":
            return f"có dữ liệu thừa sau vị trí {exc.pos} (tệp bị ghi dở)"
        if exc.msg.startswith("Unterminated string") or exc.pos >= len(exc.doc.rstrip()) - 1:
            return "tệp bị cắt ngang, thiếu phần cuối (ghi dở)"
        return f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}"
    return "không phải văn bản UTF-8"


def read_json_file(path: Path) -> Any | None:
    """Parse a JSON file: None only when it does not exist; unreadable content: StoreCorrupted."""
    raw = _read_if_exists(path)
    if raw is None:
        return None
    if not raw.strip():
        raise StoreCorrupted(f"Tệp {path.name} bị hỏng: tệp rỗng ({len(raw)} byte).", path)
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        raise StoreCorrupted(f"Tệp {path.name} bị hỏng: {_describe(raw, exc)}.", path) from exc
    except RecursionError as exc:  # nesting deeper than the parser's stack
        raise StoreCorrupted(
            f"Tệp {path.name} bị hỏng: dữ liệu lồng nhau quá sâu, không đọc được.", path
        ) from exc


def salvage_json(raw: bytes) -> Any | None:
    """The leading JSON value when the only fault is trailing garbage ("Extra data"), else None."""
    try:
        text = raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        text = raw[: exc.start].decode("utf-8")
    try:
        value, end = json.JSONDecoder().raw_decode(text.lstrip())
    except (json.JSONDecodeError, RecursionError):
        return None
    return value if end > 0 else None


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file nor reads a corrupt one as empty.

    A missing file is an empty database (a new record); an existing file that does not parse, or
    is not a TinyDB document, raises `StoreCorrupted` instead of returning None.
    """

    def __init__(self, path: str | Path, create_dirs: bool = False, **kwargs: Any) -> None:
        self.path = Path(path)
        self.create_dirs = create_dirs
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("separators", (",", ":"))
        self.kwargs = kwargs

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = read_json_file(self.path)
        if data is None:
            return None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise StoreCorrupted(
                f"Tệp {self.path.name} bị hỏng: không phải cơ sở dữ liệu TinyDB.", self.path
            )
        for table in data.values():
            for doc_id, doc in table.items():
                # TinyDB turns each document into a dict and each id into an int: anything
                # else would crash it (TypeError, ValueError) instead of being reported.
                if not (doc_id.isdigit() and doc_id.isascii()) or not isinstance(doc, dict):
                    raise StoreCorrupted(
                        f"Tệp {self.path.name} bị hỏng: mục {doc_id[:20]!r} không phải "
                        "tài liệu TinyDB (cần một đối tượng JSON).",
                        self.path,
                    )
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        # Serialise before touching the disk: a value that cannot be written changes nothing.
        payload = json.dumps(data, **self.kwargs).encode("utf-8")
        if self.create_dirs:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _failed(self.path, exc) from exc
        atomic_write(self.path, payload)
