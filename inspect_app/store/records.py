"""Record files: one small TinyDB file per inspection, holding the record and its sync envelope."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from tinydb import TinyDB
from tinydb.table import Document

from checklists.errors import RecordInvalid
from checklists.record import Inspection
from checklists.upgrade import upgrade
from inspect_app.store.atomic import AtomicJSONStorage, atomic_write, fsync_dir, salvage_json
from inspect_app.store.errors import RecordNotFound, StoreCorrupted

__all__ = ["RecordFiles", "SetAside", "StoredRecord", "SyncState", "move_aside"]

_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TABLE = "inspection"
_DOC_ID = 1
RECORD_TABLE, RECORD_DOC_ID = _TABLE, _DOC_ID
"""Where a record file holds its one document (TinyDB table and document id)."""
Change = Callable[[dict[str, Any] | None], dict[str, Any]]


class SyncState(BaseModel):
    """The sync envelope, kept in the record's own document so that one write updates both."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    local_rev: int = Field(ge=1)
    """Incremented on every save."""
    synced_rev: int = Field(default=0, ge=0)
    """The last local_rev the server acknowledged; pending means local_rev > synced_rev."""
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
    os.replace(path, target)
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
    except RecordInvalid as exc:
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
        """The record's file; ValueError for an id that is not a lower-case UUID."""
        if not _ID.fullmatch(inspection_id):
            raise ValueError(f"Mã cuộc kiểm tra không hợp lệ (cần UUID): {inspection_id!r}")
        return self.folder / f"{inspection_id}.json"

    def ids(self) -> dict[str, Path]:
        """Every record file present, by inspection id."""
        return {p.stem: p for p in self.folder.glob("*.json") if _ID.fullmatch(p.stem)}

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
        raw = path.read_bytes()
        rescued = salvage_json(raw)
        if rescued is not None and not _restorable(rescued, path):
            rescued = None
        if rescued is None:
            copy = move_aside(path, self.corrupt_dir)
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
