"""Record files: one small TinyDB file per inspection, holding the record and its sync envelope."""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from tinydb import TinyDB
from tinydb.table import Document

from checklists.errors import RecordMalformed
from checklists.record.merge import normalize
from checklists.record.model import Inspection
from checklists.record.upgrade import upgrade
from inspect_app.store import atomic
from inspect_app.store.atomic import (
    TMP_PREFIX,
    AtomicJSONStorage,
    atomic_write,
    entry_kind,
    fsync_dir,
    read_file,
    salvage_json,
)
from inspect_app.store.errors import (
    RecordInvalid,
    RecordNotFound,
    StoreCorrupted,
    StoreUnreadable,
    StoreWriteFailed,
)

__all__ = [
    "RecordFiles",
    "SetAside",
    "StoredRecord",
    "SyncState",
    "held_by_server",
    "is_record_id",
    "move_aside",
    "not_saved",
    "writable_json",
]

logger = logging.getLogger(__name__)

_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TABLE = "inspection"
_DOC_ID = 1
RECORD_TABLE, RECORD_DOC_ID = _TABLE, _DOC_ID
"""Where a record file holds its one document (TinyDB table and document id)."""
Change = Callable[[dict[str, Any] | None], dict[str, Any]]


def is_record_id(name: str) -> bool:
    """True for a lower-case UUID: the only ids a record file may be named after."""
    return _ID.fullmatch(name) is not None


def writable_json(record: Inspection) -> dict[str, Any]:
    """The record as it will be written, once it is known to read back; else RecordInvalid.

    `model_copy(update=...)` and attribute assignment skip pydantic's checks, so a record in
    memory can hold what no stored record may (a 600-character unit name, say); written as it
    is, it would be acknowledged and then set aside as corrupt at its first read.
    """
    if not is_record_id(record.id):
        raise RecordInvalid([("id", f"mã {record.id[:80]!r} không phải UUID viết thường")])
    try:
        data = record.model_dump(mode="json")
        Inspection.model_validate(data)
    except ValidationError as exc:
        raise RecordInvalid(
            [(".".join(str(x) for x in e["loc"]) or "(hồ sơ)", e["msg"]) for e in exc.errors()]
        ) from exc
    except ValueError as exc:  # a value that cannot be serialised (PydanticSerializationError)
        raise RecordInvalid([("(hồ sơ)", str(exc)[:200])]) from exc
    return data


def not_saved(exc: StoreUnreadable) -> StoreWriteFailed:
    """A save refused because the stored file could not be read (never written over unmerged)."""
    return StoreWriteFailed(
        f"{exc} Hồ sơ chưa được lưu; dữ liệu đã lưu trước đó vẫn nguyên vẹn.", exc.reason
    )


def held_by_server(record: Inspection, synced_hash: str | None, *, normal: bool = False) -> bool:
    """True when the record's content is what the server acknowledged (`synced_hash`).

    Acknowledgement is by content, not by revision: a record saved with exactly the server's
    merged content (the copy a sync brings back) is not pending, so it is not pushed again.
    The hash is of the merge-normal form, which is what the server hashes; `normal` says the
    record is in that form already (a merge's output), which saves normalising it (~2 ms).
    """
    if synced_hash is None:
        return False
    return (record if normal else normalize(record)).content_hash() == synced_hash


class SyncState(BaseModel):
    """The sync envelope, kept in the record's own document so that one write updates both."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    local_rev: int = Field(ge=1)
    """Incremented on every save."""
    synced_rev: int = Field(default=0, ge=0)
    """The last local_rev the server acknowledged; pending means local_rev > synced_rev. A save
    whose content hashes to `synced_hash` moves it along (the server holds that content)."""
    synced_hash: str | None = None
    """The content hash the server acknowledged with synced_rev."""


class StoredRecord(SyncState):
    """The whole document of a record file."""

    record: Inspection


@dataclass(frozen=True)
class SetAside:
    """A bad file moved to `copy` (bytes kept); `salvaged` when a readable record was restored."""

    copy: Path
    salvaged: bool
    message: str


def move_aside(path: Path, corrupt_dir: Path) -> Path:
    """Move a bad file into `corrupt_dir` as `<name>.<UTC time>` (never overwritten); return it."""
    corrupt_dir.mkdir(exist_ok=True)
    target = corrupt_dir / f"{path.name}.{_utc_stamp()}"
    atomic._ops.replace(path, target)
    fsync_dir(corrupt_dir)
    fsync_dir(path.parent)
    return target


def _utc_stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")


def _validated(data: Any, path: Path) -> StoredRecord:
    try:
        if isinstance(data, dict) and isinstance(data.get("record"), dict):
            # A record written by an older app is read at the current schema (and rewritten
            # so by the `records_v2` migration); one from a newer app is refused, not guessed.
            data = {**data, "record": upgrade(data["record"])}
        stored = StoredRecord.model_validate(data)
    except RecordMalformed as exc:
        raise StoreCorrupted(f"Tệp {path.name}: {exc}", path) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise StoreCorrupted(
            f"Tệp {path.name} bị hỏng: không phải hồ sơ cuộc kiểm tra hợp lệ "
            f"({where}: {first['msg']}).",
            path,
        ) from exc
    if stored.record.id != path.stem:
        raise StoreCorrupted(f"Tệp {path.name} chứa hồ sơ của một cuộc kiểm tra khác.", path)
    return stored


def _restorable(data: Any, path: Path) -> bool:
    """True when salvaged JSON is a whole, valid record file for this path's inspection."""
    try:
        _validated(data[_TABLE][str(_DOC_ID)], path)
    except (StoreCorrupted, TypeError, KeyError):
        return False
    return True


class RecordFiles:
    """The folder of record files, `<uuid>.json`, each written through `storage_class`."""

    storage_class: type[AtomicJSONStorage] = AtomicJSONStorage

    def __init__(self, folder: Path, corrupt_dir: Path) -> None:
        self.folder = folder
        self.corrupt_dir = corrupt_dir

    def path(self, inspection_id: str) -> Path:
        """The record's file; RecordNotFound for an id that is not a lower-case UUID (no record
        can have it, and it never becomes a path: "../x" stays out of the folder)."""
        if not is_record_id(inspection_id):
            raise RecordNotFound(inspection_id[:80])
        return self.folder / f"{inspection_id}.json"

    def ids(self) -> dict[str, Path]:
        """Every record file present (regular files named `<uuid>.json`), by inspection id."""
        found: dict[str, Path] = {}
        for name in self._names():
            path = self.folder / name
            if name.endswith(".json") and is_record_id(name[:-5]) and self._kind(path) is None:
                found[name[:-5]] = path
        return found

    def _names(self) -> list[str]:
        try:
            return sorted(atomic._ops.listdir(self.folder))
        except FileNotFoundError:
            return []

    def _kind(self, path: Path) -> str | None:
        """None for a regular file, else what it is (lstat: a symlink is not followed)."""
        try:
            return entry_kind(atomic._ops.lstat(path).st_mode)
        except FileNotFoundError:
            return "một mục đã biến mất"

    def sweep(self, data_dir: Path) -> list[str]:
        """Set aside every `*.json` entry that cannot be a record file: a name that is not a UUID,
        a folder, FIFO, symlink or device under a record's name. Returns the reports.

        Moving them (never deleting, never opening) keeps one odd entry from stopping the store,
        and reports each once. Other names are left alone: the store never reads them.
        """
        problems: list[str] = []
        for name in self._names():
            if not name.endswith(".json") or name.startswith(TMP_PREFIX):
                continue
            path = self.folder / name
            if not is_record_id(name[:-5]):
                why = "tên không phải mã cuộc kiểm tra (UUID)"
            elif (kind := self._kind(path)) is not None:
                why = f"đây là {kind}, không phải tệp"
            else:
                continue
            problems.append(self._move_odd(path, why, data_dir))
        return problems

    def _move_odd(self, path: Path, why: str, data_dir: Path) -> str:
        try:
            copy = move_aside(path, self.corrupt_dir)
        except OSError as exc:
            logger.warning("could not set %s aside: %s", path, exc)
            return f"Mục {path.name} trong thư mục hồ sơ bị bỏ qua ({why}); không di chuyển được."
        return (
            f"Mục {path.name} trong thư mục hồ sơ không phải hồ sơ ({why}); đã để riêng tại "
            f"{copy.relative_to(data_dir)} (không xóa); các cuộc kiểm tra khác không bị ảnh hưởng."
        )

    def read(self, inspection_id: str) -> StoredRecord:
        """The stored document: RecordNotFound, or StoreCorrupted when it cannot be trusted."""
        path = self.path(inspection_id)
        with TinyDB(path, storage=self.storage_class) as db:
            doc = db.table(_TABLE).get(doc_id=_DOC_ID)
        if doc is None:
            if path.exists():
                raise StoreCorrupted(f"Tệp {path.name} bị hỏng: không chứa hồ sơ.", path)
            raise RecordNotFound(inspection_id)
        return _validated(dict(doc), path)

    def write(self, inspection_id: str, change: Change) -> dict[str, Any]:
        """One durable TinyDB write: `change` maps the stored document (None when there is no
        file yet) to the new one, which is returned. Raises StoreWriteFailed, StoreCorrupted."""
        try:
            return self._write(inspection_id, change)
        except StoreUnreadable as exc:  # the read before the write: nothing was written
            raise not_saved(exc) from exc

    def _write(self, inspection_id: str, change: Change) -> dict[str, Any]:
        path = self.path(inspection_id)
        with TinyDB(path, storage=self.storage_class) as db:
            table = db.table(_TABLE)
            if not path.exists():
                new = change(None)
                table.insert(Document(new, doc_id=_DOC_ID))
                return new
            out: list[dict[str, Any]] = []

            def apply(doc: dict[str, Any]) -> None:
                out.append(change(dict(doc)))
                doc.clear()
                doc.update(out[0])

            if not table.update(apply, doc_ids=[_DOC_ID]):
                raise StoreCorrupted(f"Tệp {path.name} bị hỏng: không chứa hồ sơ.", path)
            return out[0]

    def set_aside(self, inspection_id: str, exc: StoreCorrupted, data_dir: Path) -> SetAside:
        """Move a bad record file aside; restore it in place when only trailing garbage is wrong."""
        path = self.path(inspection_id)
        raw = None
        with contextlib.suppress(StoreCorrupted, StoreUnreadable):  # not a file, too big: move it
            raw = read_file(path, self.storage_class.max_bytes)
        rescued = salvage_json(raw) if raw else None
        if rescued is not None and not _restorable(rescued, path):
            rescued = None
        if rescued is None or raw is None:
            try:
                copy = move_aside(path, self.corrupt_dir)
            except OSError as err:
                raise StoreUnreadable(
                    f"{exc} Không để riêng được tệp ({err}); tệp được giữ nguyên tại chỗ.", path
                ) from err
            where = copy.relative_to(data_dir)
            message = (
                f"{exc} Tệp đã được để riêng tại {where} (không xóa, không ghi đè); "
                "các cuộc kiểm tra khác không bị ảnh hưởng."
            )
            return SetAside(copy, False, message)
        # Copy first, then restore in place: a crash in between only repeats this on next open.
        self.corrupt_dir.mkdir(exist_ok=True)
        copy = self.corrupt_dir / f"{path.name}.{_utc_stamp()}"
        atomic_write(copy, raw)
        self.storage_class(path).write(rescued)
        where = copy.relative_to(data_dir)
        message = f"{exc} Đã khôi phục hồ sơ từ phần còn đọc được; bản gốc được giữ tại {where}."
        return SetAside(copy, True, message)
