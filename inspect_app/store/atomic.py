"""Crash-safe file writes (temp file, fsync, atomic replace, folder fsync) and a TinyDB storage."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from inspect_app.store.errors import (
    StoreCorrupted,
    StoreUnreadable,
    StoreWriteFailed,
    read_failure_reason,
    write_failure_reason,
)

__all__ = [
    "REPLACE_RETRIES",
    "TMP_PREFIX",
    "AtomicJSONStorage",
    "FileOps",
    "atomic_write",
    "entry_kind",
    "fsync_dir",
    "read_file",
    "read_json_file",
    "salvage_json",
]

TMP_PREFIX = ".tmp-"
"""Every temp file starts with this; the store deletes leftovers at startup and never reads them."""
REPLACE_RETRIES = 5
REPLACE_RETRY_DELAY_S = 0.05
"""Windows only: how often, and how long apart, a rename refused with access denied is retried."""
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)  # a symlink (to /dev/zero, say) is refused, not followed
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once (and is then refused), never hangs
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1 << 20


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

    def open_read(self, path: str | Path) -> int:
        """Open for reading without following a symlink or waiting for a FIFO's writer."""
        return os.open(path, _READ_FLAGS)

    def fstat(self, fd: int) -> os.stat_result:
        return os.fstat(fd)

    def read(self, fd: int, size: int) -> bytes:
        return os.read(fd, size)

    def lstat(self, path: str | Path) -> os.stat_result:
        return os.lstat(path)

    def listdir(self, folder: Path) -> list[str]:
        return os.listdir(folder)

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


def entry_kind(mode: int) -> str | None:
    """None for a regular file; else what the folder entry is, in Vietnamese."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "một thư mục"
    if stat.S_ISLNK(mode):
        return "một liên kết tượng trưng (symlink)"
    if stat.S_ISFIFO(mode):
        return "một đường ống (FIFO)"
    return "một tệp đặc biệt (thiết bị, socket)"


def _not_a_file(path: Path, kind: str) -> StoreCorrupted:
    return StoreCorrupted(f"Tệp {path.name} không dùng được: đây là {kind}, không phải tệp.", path)


def _too_large(path: Path, limit: int) -> StoreCorrupted:
    return StoreCorrupted(
        f"Tệp {path.name} không dùng được: lớn hơn giới hạn {limit} byte, không đọc vào.", path
    )


def _read_bytes(path: Path, limit: int | None) -> bytes | None:
    """A regular file's bytes, None when absent; StoreCorrupted for anything but a regular file
    or past `limit`; OSError when the system refuses. Never follows a symlink, never blocks."""
    try:
        fd = _ops.open_read(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a symlink
            raise _not_a_file(path, entry_kind(stat.S_IFLNK) or "") from exc
        raise
    try:
        st = _ops.fstat(fd)
        kind = entry_kind(st.st_mode)
        if kind is not None:
            raise _not_a_file(path, kind)
        if limit is not None and st.st_size > limit:
            raise _too_large(path, limit)
        chunks, total = [], 0
        while chunk := _ops.read(fd, _CHUNK):
            total += len(chunk)
            if limit is not None and total > limit:  # it grew while being read
                raise _too_large(path, limit)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        with contextlib.suppress(OSError):
            _ops.close(fd)


def read_file(path: Path, limit: int | None = None) -> bytes | None:
    """The bytes of the regular file at `path`, None when it does not exist.

    A symlink, folder, FIFO or device is refused (StoreCorrupted) without being followed or
    opened blocking, as is a file over `limit` bytes; StoreUnreadable when the system refuses
    the read (I/O error, permissions).
    """
    try:
        return _read_bytes(path, limit)
    except OSError as exc:
        detail = os.strerror(exc.errno) if exc.errno else str(exc)
        reason = read_failure_reason(exc)
        raise StoreUnreadable(
            f"Không đọc được tệp {path.name} ({reason}: {detail}). Tệp được giữ nguyên tại chỗ; "
            "hãy kiểm tra bộ nhớ của máy rồi mở lại ứng dụng.",
            path,
            reason,
        ) from exc


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


def _previous(path: Path) -> bytes | None:
    """What a roll-back restores: the old bytes; None when no file held any (absent, or a
    symlink or FIFO the replace swaps out; a folder there makes the replace itself fail)."""
    try:
        return _read_bytes(path, None)
    except StoreCorrupted:
        return None


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
        previous = _previous(path)
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
    if isinstance(exc, UnicodeDecodeError):
        return "không phải văn bản UTF-8"
    if isinstance(exc, json.JSONDecodeError):
        if exc.msg == "Extra data":
            return f"có dữ liệu thừa sau vị trí {exc.pos} (tệp bị ghi dở)"
        if exc.msg.startswith("Unterminated string") or exc.pos >= len(exc.doc.rstrip()) - 1:
            return "tệp bị cắt ngang, thiếu phần cuối (ghi dở)"
        return f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}"
    # json's own ValueError: an integer longer than Python's int-string limit (4,300 digits)
    return "có số quá dài, vượt giới hạn chữ số đọc được"


def read_json_file(path: Path, limit: int | None = None) -> Any | None:
    """Parse a JSON file: None only when it does not exist; unreadable content: StoreCorrupted
    (so too anything `read_file` refuses); the system refusing the read: StoreUnreadable."""
    raw = read_file(path, limit)
    if raw is None:
        return None
    if not raw.strip():
        raise StoreCorrupted(f"Tệp {path.name} bị hỏng: tệp rỗng ({len(raw)} byte).", path)
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, the int-digits limit
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
    except (ValueError, RecursionError):  # ValueError: also the int-digits limit
        return None
    return value if end > 0 else None


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file nor reads a corrupt one as empty.

    A missing file is an empty database (a new record); an existing file that does not parse, or
    is not a TinyDB document, raises `StoreCorrupted` instead of returning None.
    """

    max_bytes = 16 * 1024 * 1024
    """A record file is about 71 KB; a bigger file is set aside unread (it would fill memory)."""

    def __init__(self, path: str | Path, create_dirs: bool = False, **kwargs: Any) -> None:
        self.path = Path(path)
        self.create_dirs = create_dirs
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("separators", (",", ":"))
        self.kwargs = kwargs

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = read_json_file(self.path, self.max_bytes)
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
