"""Named migrations of the data folder, applied in registration order, recorded in meta.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from checklists.errors import ChecklistError
from checklists.record.upgrade import upgrade
from inspect_app.store.atomic import atomic_write, read_json_file
from inspect_app.store.errors import StoreCorrupted, StoreError
from inspect_app.store.records import RECORD_DOC_ID, RECORD_TABLE

__all__ = [
    "INITIAL_LAYOUT",
    "LAYOUT_FOLDERS",
    "META_NAME",
    "MIGRATIONS",
    "Migration",
    "MigrationFn",
    "Migrations",
    "initial_layout",
    "read_meta",
    "records_v2",
    "document_details_stamp",
    "write_meta",
]

META_NAME = "meta.json"
INITIAL_LAYOUT = "0001_initial_layout"
LAYOUT_FOLDERS = ("inspections", "photos", "corrupt")
"""The folders of the initial layout; the store re-creates them at every open."""
MigrationFn = Callable[[Path], None]


@dataclass(frozen=True)
class Migration:
    """One named step; it must be safe to run again (a crash may hit before it is recorded)."""

    name: str
    fn: MigrationFn


def read_meta(data_dir: Path) -> dict[str, Any]:
    """The folder's meta.json ({} for a new folder); unreadable content raises StoreCorrupted."""
    path = data_dir / META_NAME
    meta = read_json_file(path)
    if meta is None:
        return {}
    if isinstance(meta, dict):
        steps = meta.get("migrations", [])
        if isinstance(steps, list) and all(
            isinstance(m, dict) and isinstance(m.get("name"), str) for m in steps
        ):
            return meta
    raise StoreCorrupted(f"Tệp {META_NAME} bị hỏng: không đúng cấu trúc.", path)


class Migrations:
    """A register of migrations, sqlite-utils style: `@migrations()` on a function of the folder."""

    def __init__(self, *steps: Migration) -> None:
        self._steps: list[Migration] = list(steps)

    def __call__(self, name: str | None = None) -> Callable[[MigrationFn], MigrationFn]:
        """Decorator: register `fn` under `name` (default: its function name), after the others."""

        def register(fn: MigrationFn) -> MigrationFn:
            step = Migration(name or fn.__name__, fn)
            if any(s.name == step.name for s in self._steps):
                raise ValueError(f"migration {step.name!r} is registered twice")
            self._steps.append(step)
            return fn

        return register

    def extended(self) -> Migrations:
        """A copy that further registrations do not affect (tests add their own steps to it)."""
        return Migrations(*self._steps)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self._steps]

    @property
    def schema_version(self) -> int:
        """The layout version this code writes: the number of registered migrations."""
        return len(self._steps)

    def apply(self, data_dir: Path) -> list[str]:
        """Run the steps not yet recorded in meta.json, recording each one; return their names."""
        meta = read_meta(data_dir)
        applied = [str(m["name"]) for m in meta.get("migrations", [])]
        unknown = [n for n in applied if n not in self.names]
        if unknown:
            raise StoreError(
                "Dữ liệu trong thư mục này do một phiên bản ứng dụng mới hơn tạo ra "
                f"({', '.join(unknown)}). Hãy cập nhật ứng dụng."
            )
        done: list[str] = []
        records = list(meta.get("migrations", []))
        for step in self._steps:
            if step.name in applied:
                continue
            step.fn(data_dir)
            records.append({"name": step.name, "applied_at": datetime.now(UTC).isoformat()})
            write_meta(data_dir, records)
            done.append(step.name)
        return done


def write_meta(data_dir: Path, records: list[dict[str, Any]]) -> None:
    """Write meta.json (atomically) listing the applied migrations `records`."""
    meta = {"schema_version": len(records), "migrations": records}
    payload = json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8")
    atomic_write(data_dir / META_NAME, payload)


MIGRATIONS = Migrations()
"""The migrations of this app version, in order. Never rename or reorder a released one."""


@MIGRATIONS(INITIAL_LAYOUT)
def initial_layout(data_dir: Path) -> None:
    """Create the folders: one record file per inspection, photos by hash, files set aside."""
    for name in LAYOUT_FOLDERS:
        (data_dir / name).mkdir(exist_ok=True)


@MIGRATIONS("0002_records_v2")
def records_v2(data_dir: Path) -> None:
    """Rewrite every version-1 record file at record schema 2 (`checklists.record.upgrade`).

    Safe to run again: a file already at schema 2 is left alone. A file that cannot be read or
    upgraded is left as it is, for the store to set aside and report when it reads it.
    """
    folder = data_dir / "inspections"
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.json")):
        try:
            if path.is_symlink() or not path.is_file():
                continue  # odd entries are for the store to set aside and report
            data = read_json_file(path)
            if data is None:
                continue
            document = data[RECORD_TABLE][str(RECORD_DOC_ID)]
            record = document["record"]
            if not isinstance(record, dict) or record.get("schema_version", 1) != 1:
                continue
            document["record"] = upgrade(record)
        except (StoreCorrupted, ChecklistError, OSError, KeyError, TypeError, ValueError):
            continue
        atomic_write(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


@MIGRATIONS("0003_document_details")
def document_details_stamp(data_dir: Path) -> None:
    """The record holds what the documents need (the Documents form, conclusion versions): a
    stamp, no rewrite. Safe to run again: it reads nothing and writes nothing.

    Record schema 2 gained two optional fields, `documents` (the Documents form) and
    `conclusion_versions`; while unused they are left out of a record's JSON. The decision was
    not to fill the form into existing records, for three reasons:

    - the form is a register authored by the leader (author, counter): writing one here would
      be an edit in the leader's name that nobody made, and would sync as theirs;
    - it would change the bytes and content hash of every record, and break the lock seal
      (`Inspection.sealed_hash`) of every locked or delivered one;
    - nothing is missing without it: `checklists.record.paperwork.document_details` derives the
      form's defaults from the header, the delegation and the template whenever no form was
      saved, so an old record gets the same defaults, and they follow later header fixes.

    What the step does is stamp the folder (meta.json, schema version 3): a record that uses the
    new fields cannot be read by an app from before them (records refuse unknown fields, so it
    would set such a record aside as damaged). With the stamp, that older app refuses the whole
    folder with "Hãy cập nhật ứng dụng" instead, and nothing is set aside.
    """
