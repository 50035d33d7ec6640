"""The summary index: an append-only JSONL journal, one line per save, the last line per id wins."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from checklists.record.model import Inspection
from checklists.scoring.summary import InspectionSummary, summarize, summarize_without_template
from checklists.template.model import Template
from inspect_app.store import atomic
from inspect_app.store.atomic import atomic_write, entry_kind, read_file
from inspect_app.store.errors import StoreCorrupted, StoreWriteFailed, write_failure_reason

__all__ = [
    "INDEX_NAME",
    "Fingerprint",
    "IndexEntry",
    "SummaryIndex",
    "NO_FINGERPRINT",
    "fingerprint",
    "fingerprint_or_none",
    "summary_for",
]

INDEX_NAME = "index.jsonl"

Fingerprint = tuple[int, int, int, str]
"""(inode, size, mtime_ns, hash of the last bytes) of a record file. A record file ends with its
sync envelope and local_rev grows on every save, so every save changes the tail: a stale index
line cannot match a newer file even if the file system reuses inodes and coarse timestamps."""

_TAIL = 256
_APPEND_FLAGS = (
    os.O_WRONLY
    | os.O_APPEND
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO put there fails the append (ENXIO), never hangs it
)


def fingerprint(path: Path) -> Fingerprint:
    """The record file's fingerprint; a mismatch with the index means the index line is stale.

    OSError when it cannot be read, StoreCorrupted when it is no regular file (never blocks on
    a FIFO, never follows a symlink).
    """
    fd = atomic._ops.open_read(path)
    try:
        st = atomic._ops.fstat(fd)
        kind = entry_kind(st.st_mode)
        if kind is not None:
            raise StoreCorrupted(f"Tệp {path.name} không dùng được: đây là {kind}.", path)
        os.lseek(fd, max(0, st.st_size - _TAIL), os.SEEK_SET)
        tail = hashlib.blake2b(atomic._ops.read(fd, _TAIL), digest_size=8).hexdigest()
    finally:
        with contextlib.suppress(OSError):  # closing a read-only descriptor loses nothing
            atomic._ops.close(fd)
    return (st.st_ino, st.st_size, st.st_mtime_ns, tail)


NO_FINGERPRINT: Fingerprint = (0, 0, 0, "")
"""Matches no file: an index line holding it is re-read from its record file at next open."""


def fingerprint_or_none(path: Path) -> Fingerprint:
    """The fingerprint, or NO_FINGERPRINT when it cannot be taken (the record's read at next
    open then reports what is wrong; a save already durable is never failed for it)."""
    try:
        return fingerprint(path)
    except (OSError, StoreCorrupted):
        return NO_FINGERPRINT


def summary_for(
    record: Inspection, template: Template | None, *, local_rev: int, synced_rev: int
) -> InspectionSummary:
    """The record's summary with the store's revisions; without its template, no score."""
    pending = local_rev > synced_rev
    if template is not None:
        return summarize(record, template, pending_sync=pending, updated_counter=local_rev)
    return summarize_without_template(record, pending_sync=pending, updated_counter=local_rev)


@dataclass(frozen=True)
class IndexEntry:
    """What the index knows about one record file, without reading it."""

    summary: InspectionSummary
    local_rev: int
    synced_rev: int
    fingerprint: Fingerprint
    photos: frozenset[str] | None = None
    """SHA-256 of every photo the record references; None when unknown (a line written before
    this field existed), which makes the next open re-read that record once."""

    @property
    def id(self) -> str:
        return self.summary.id

    def to_json(self) -> dict[str, Any]:
        data = {
            "id": self.id,
            "local_rev": self.local_rev,
            "synced_rev": self.synced_rev,
            "fp": list(self.fingerprint),
            "summary": self.summary.model_dump(mode="json"),
        }
        if self.photos is not None:
            data["photos"] = sorted(self.photos)
        return data

    @classmethod
    def from_json(cls, data: Any) -> IndexEntry:
        """Parse one journal line's object (ValueError, TypeError or KeyError when malformed)."""
        fp = data["fp"]
        if not isinstance(fp, list) or len(fp) != 4:
            raise ValueError("fingerprint must have 4 parts")
        photos = data.get("photos")
        if photos is not None and not isinstance(photos, list):
            raise ValueError("photos must be a list")
        return cls(
            summary=InspectionSummary.model_validate(data["summary"]),
            local_rev=int(data["local_rev"]),
            synced_rev=int(data["synced_rev"]),
            fingerprint=(int(fp[0]), int(fp[1]), int(fp[2]), str(fp[3])),
            photos=None if photos is None else frozenset(str(h) for h in photos),
        )


def _line(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


class SummaryIndex:
    """Summaries of every record, held in memory and journalled to `index.jsonl`.

    A save appends one line (O(1), whatever the number of inspections). A torn last line (a kill
    mid-append) is ignored; `rewrite` compacts the journal atomically. The journal is derived
    data: at open every line is checked against its record file's fingerprint, so a line lost
    in a crash costs one re-read, never a wrong summary. That is why appends are not fsynced by
    default (`sync_appends`): it saves one fsync per save; `close` fsyncs the journal.
    """

    sync_appends = False

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, IndexEntry] = {}
        self.line_count = 0
        self.torn = False
        self._needs_rewrite = False

    def load(self) -> bool:
        """Read the journal into `entries`; False if there is none; a bad line: StoreCorrupted;
        StoreUnreadable when the system refuses the read."""
        self.entries, self.line_count, self.torn = {}, 0, False
        raw = read_file(self.path)  # StoreCorrupted (not a file), StoreUnreadable
        if raw is None:
            return False
        lines = raw.split(b"\n")
        # The last piece is b"" after a complete journal, else a torn (unacknowledged) append.
        self.torn = lines.pop() != b""
        latest: dict[str, Any] = {}
        for number, line in enumerate(lines, start=1):
            try:
                data = json.loads(line)
                latest[str(data["id"])] = data
            except (ValueError, TypeError, KeyError, RecursionError) as exc:
                raise self._corrupted(f"dòng {number} không đọc được") from exc
        self.line_count = len(lines)
        for entry_id, data in latest.items():
            if data.get("removed"):
                continue
            try:
                self.entries[entry_id] = IndexEntry.from_json(data)
            except (ValidationError, ValueError, TypeError, KeyError) as exc:
                raise self._corrupted(f"mục {entry_id} không hợp lệ") from exc
        return True

    def _corrupted(self, what: str) -> StoreCorrupted:
        return StoreCorrupted(f"Tệp chỉ mục {INDEX_NAME} bị hỏng: {what}.", self.path)

    @property
    def needs_compaction(self) -> bool:
        """True when stale lines dominate, a torn line ends the file, or an append failed."""
        stale = self.line_count - len(self.entries)
        return self.torn or self._needs_rewrite or stale > len(self.entries) + 64

    def put(self, entry: IndexEntry) -> None:
        """Record `entry` in memory, then journal it (StoreWriteFailed: memory is ahead of disk)."""
        self.entries[entry.id] = entry
        self._persist(entry.to_json())

    def remove(self, entry_id: str) -> None:
        """Forget a record (its file was set aside)."""
        if self.entries.pop(entry_id, None) is not None:
            self._persist({"id": entry_id, "removed": True})

    def _persist(self, data: dict[str, Any]) -> None:
        if self._needs_rewrite:
            try:
                self.rewrite()
            except StoreWriteFailed:
                # Stale lines must not outlive this: without a journal, next open rebuilds it.
                with contextlib.suppress(OSError):
                    self.path.unlink()
                raise
            return
        try:
            self._append(_line(data))
        except OSError as exc:
            # A partial line may now end the journal: rewrite it whole before the next append.
            self._needs_rewrite = True
            reason = write_failure_reason(exc)
            raise StoreWriteFailed(
                f"Không ghi được chỉ mục {INDEX_NAME} ({reason}: {exc}).", reason
            ) from exc
        self.line_count += 1

    def _append(self, line: bytes) -> None:
        fd = os.open(self.path, _APPEND_FLAGS)
        try:
            view = memoryview(line)
            while view:
                view = view[os.write(fd, view) :]
            if self.sync_appends:
                os.fsync(fd)
        finally:
            with contextlib.suppress(OSError):
                os.close(fd)

    def sync(self) -> None:
        """fsync the journal (at close), so the next open re-reads as few records as possible."""
        try:
            fd = atomic._ops.open_read(self.path)
        except FileNotFoundError:
            return
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def rewrite(self) -> None:
        """Replace the journal with one line per entry (atomic; StoreWriteFailed on I/O error)."""
        payload = b"".join(_line(e.to_json()) for e in self.entries.values())
        self._needs_rewrite = True
        atomic_write(self.path, payload)
        self._needs_rewrite = False
        self.line_count = len(self.entries)
        self.torn = False

    def summaries(self) -> list[InspectionSummary]:
        """Every summary, newest inspection date first, then by unit name."""
        items = [e.summary for e in self.entries.values()]
        items.sort(key=lambda s: (s.unit_name.casefold(), s.id))
        items.sort(key=lambda s: s.inspection_date, reverse=True)
        return items
