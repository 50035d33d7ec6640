"""The inspection store: crash-safe record files, a summary index and photos, behind one lock."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from checklists.errors import ChangesRefused, ChecklistError, StaleEdit
from checklists.record.authority import Actor, authorize
from checklists.record.merge import clashes, merge
from checklists.record.model import Inspection
from checklists.scoring.summary import InspectionSummary
from checklists.template.catalog import get_template, template_for
from checklists.template.model import Template
from checklists.text.format import format_date
from inspect_app.store.errors import (
    RecordNotFound,
    StoreCorrupted,
    StoreError,
    StoreUnreadable,
    StoreWriteFailed,
)
from inspect_app.store.index import (
    INDEX_NAME,
    IndexEntry,
    SummaryIndex,
    fingerprint_or_none,
    summary_for,
)
from inspect_app.store.lock import StoreLock
from inspect_app.store.migrations import MIGRATIONS, Migrations
from inspect_app.store.photos import PhotoStore
from inspect_app.store.records import (
    RecordFiles,
    SetAside,
    StoredRecord,
    SyncState,
    held_by_server,
    not_saved,
    writable_json,
)
from inspect_app.store.startup import check_index, check_photos, missing_photos, prepare_folder

__all__ = ["InspectionStore", "TemplateResolver"]

logger = logging.getLogger(__name__)

TemplateResolver = Callable[[str, int], Template]


class InspectionStore:
    """The tablet's local store. Open it with `InspectionStore.open(data_dir)`; thread-safe."""

    migrations: Migrations = MIGRATIONS
    record_files_class: type[RecordFiles] = RecordFiles

    def __init__(self, data_dir: Path, lock: StoreLock, templates: TemplateResolver) -> None:
        self.data_dir = data_dir
        self.photos = PhotoStore(data_dir / "photos")
        self.problems: list[str] = []
        """User-readable reports (Vietnamese) of files set aside or rebuilt since open."""
        self._files = self.record_files_class(data_dir / "inspections", data_dir / "corrupt")
        self._index = SummaryIndex(data_dir / INDEX_NAME)
        self._lock = lock
        self._mutex = threading.RLock()
        self._resolve = templates
        self._templates: dict[tuple[str, int], Template] = {}
        self._set_aside: dict[str, SetAside] = {}
        self._floors: dict[str, tuple[int, int]] = {}
        """(local_rev, synced_rev) last known for records set aside: revisions never go back."""
        self._closed = False

    @classmethod
    def open(cls, data_dir: Path, *, templates: TemplateResolver = get_template) -> InspectionStore:
        """Lock the folder (StoreLocked if another process has it), clean up, migrate, check."""
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Không tạo được thư mục dữ liệu {data_dir}: {exc}") from exc
        lock = StoreLock(data_dir)
        lock.acquire()
        try:
            store = cls(data_dir, lock, templates)
            with store._mutex:
                store._start()
        except BaseException:
            lock.release()
            raise
        return store

    def _start(self) -> None:
        try:
            self.problems.extend(prepare_folder(self.data_dir, self.migrations))
            self.problems.extend(self._files.sweep(self.data_dir))
            check_index(
                self.data_dir, self._index, self._files.ids(), self._fresh_entry, self.problems
            )
            check_photos(self._index, self.photos, self._named, self.problems)
        except OSError as exc:
            raise StoreError(f"Không mở được thư mục dữ liệu {self.data_dir}: {exc}") from exc

    def _fresh_entry(self, inspection_id: str) -> IndexEntry | None:
        """The record's index entry read from its file; None when the file was set aside."""
        try:
            stored = self._read(inspection_id)
        except StoreCorrupted:
            return None  # set aside and reported by _read
        except RecordNotFound:
            return None  # removed since the folder was listed
        except StoreUnreadable as exc:  # left in place: listed again once it can be read
            self.problems.append(self._named(inspection_id, str(exc)))
            return None
        return self._entry(stored.record, stored.local_rev, stored.synced_rev)

    def _read(self, inspection_id: str) -> StoredRecord:
        """Read a record; a bad file is set aside and reported (and restored when salvageable)."""
        try:
            return self._files.read(inspection_id)
        except RecordNotFound:
            aside = self._set_aside.get(inspection_id)
            if aside is None:
                raise
            raise StoreCorrupted(
                f"Tệp hồ sơ của cuộc kiểm tra {inspection_id} bị hỏng và đã được để riêng tại "
                f"{aside.copy.relative_to(self.data_dir)}.",
                aside.copy,
            ) from None
        except StoreCorrupted as exc:
            self._remember_revs(inspection_id)
            aside = self._files.set_aside(inspection_id, exc, self.data_dir)
            self._set_aside[inspection_id] = aside
            self.problems.append(self._named(inspection_id, aside.message))
            if not aside.salvaged:
                raise
        return self._files.read(inspection_id)

    def _named(self, inspection_id: str, message: str) -> str:
        """Prefix a report with the inspection it concerns, when the index knows it."""
        entry = self._index.entries.get(inspection_id)
        if entry is None:
            return message
        s = entry.summary
        return f"Cuộc kiểm tra {s.unit_name} ngày {format_date(s.inspection_date)}: {message}"

    def _remember_revs(self, inspection_id: str) -> None:
        entry = self._index.entries.get(inspection_id)
        if entry is not None:
            self._floors[inspection_id] = (entry.local_rev, entry.synced_rev)

    def template_of(self, record: Inspection) -> Template:
        """The exact template the record was scored against, through this store's resolver:
        UnknownTemplate when none is known here, TemplateChanged when its content differs."""
        return template_for(record, self._resolve_once)

    def _template(self, record: Inspection) -> Template | None:
        """The template the record was scored against, or None (then the summary has no score).

        Never refuse field data because its template is unknown here, or because the template
        known here under the same id and version has other content (`template_for`).
        """
        try:
            return self.template_of(record)
        except (ChecklistError, LookupError, ValueError) as exc:
            key = (record.template_id, record.template_version)
            logger.warning("no template %s v%s for the summary: %s", *key, exc)
            return None

    def _resolve_once(self, template_id: str, version: int) -> Template:
        """The resolver's answer, remembered (a failed lookup is tried again next time)."""
        key = (template_id, version)
        if key not in self._templates:
            self._templates[key] = self._resolve(template_id, version)
        return self._templates[key]

    def _entry(self, record: Inspection, local_rev: int, synced_rev: int) -> IndexEntry:
        template = self._template(record)
        summary = summary_for(record, template, local_rev=local_rev, synced_rev=synced_rev)
        return IndexEntry(
            summary,
            local_rev,
            synced_rev,
            fingerprint_or_none(self._files.path(record.id)),
            record.photo_hashes(),
        )

    def _reindex(self, entry: IndexEntry) -> None:
        try:
            self._index.put(entry)
        except StoreWriteFailed as exc:
            # The record itself is durable; the index is derived and is repaired at next open.
            logger.warning("index append failed, repaired at next open: %s", exc)

    # -- public API ------------------------------------------------------------------------

    def edit(
        self,
        inspection_id: str,
        change: Callable[[Inspection], Inspection],
        *,
        actor: Actor | None = None,
    ) -> tuple[Inspection, int]:
        """The one path for an edit: load the stored copy, apply `change`, save, all under the
        store's lock, so two edits never start from the same stale copy. Returns the saved record
        and its local_rev; errors from `change` (EditRefused...) leave the store unchanged. With
        `actor`, the change is checked like any incoming copy (`save`)."""
        with self._mutex:
            self._check_open()
            stored = self._get(inspection_id)
            changed = change(stored.record)
            if changed == stored.record:
                return stored.record, stored.local_rev
            # Under the lock nothing can change the file in between: merge with what was read.
            return changed, self._save(changed, stored, actor)

    def list_summaries(self) -> list[InspectionSummary]:
        """Every stored inspection's summary, newest date first, then by unit (reads no record)."""
        with self._mutex:
            self._check_open()
            return self._index.summaries()

    def get(self, inspection_id: str) -> Inspection:
        """The stored record (RecordNotFound; StoreCorrupted if its file was set aside)."""
        with self._mutex:
            self._check_open()
            return self._get(inspection_id).record

    def sync_state(self, inspection_id: str) -> SyncState:
        """The record's revisions: local_rev, synced_rev and the hash the server acknowledged."""
        with self._mutex:
            self._check_open()
            return SyncState.model_validate(self._get(inspection_id).model_dump(exclude={"record"}))

    def _get(self, inspection_id: str) -> StoredRecord:
        try:
            return self._read(inspection_id)
        except StoreCorrupted:
            if self._index.entries.get(inspection_id) is not None:
                self._drop(inspection_id)
            raise

    def _drop(self, inspection_id: str) -> None:
        try:
            self._index.remove(inspection_id)
        except StoreWriteFailed as exc:
            logger.warning("index append failed, repaired at next open: %s", exc)

    def save(self, inspection: Inspection, *, actor: Actor | None = None) -> int:
        """Merge the record into the stored copy durably; return local_rev after the disk write.

        Saving merges (`checklists.record.merge`) rather than overwrites, so a stale copy held by
        another screen or session never drops an edit already stored; saving what is already stored
        writes nothing and returns the current local_rev. StoreWriteFailed (disk full, I/O error)
        means not saved: the stored state is unchanged. RecordMismatch: a different record (other
        template) under the same id; RecordInvalid: the record (or the merge) would not read back.
        StaleEdit: the copy holds an edit made from an out-of-date copy (same author and counter as
        a stored one, other content); use `edit`, which always starts from the stored copy.
        ChangesRefused: with `actor` (who sent or made the copy), a change that person may not
        make (`checklists.record.authority`), each listed. In each case nothing is written.
        """
        with self._mutex:
            self._check_open()
            return self._save(inspection, self._stored_or_none(inspection.id), actor)

    def _save(
        self, inspection: Inspection, stored: StoredRecord | None, actor: Actor | None
    ) -> int:
        """`save`, merging with `stored` (the copy on disk, read under the same lock)."""
        with self._mutex:
            record = writable_json(inspection)  # before merging or touching the disk
            if actor is not None:
                held = stored.record if stored is not None else None
                refusals = authorize(held, inspection, self._template(inspection), actor)
                if refusals:
                    raise ChangesRefused(refusals)
            if stored is not None:
                stale = clashes(stored.record, inspection)
                if stale:
                    raise StaleEdit(
                        "Bản đang sửa đã cũ: đã có một thay đổi khác của cùng người sửa được lưu "
                        f"({', '.join(stale[:5])}). Hãy tải lại bản đã lưu rồi sửa lại."
                    )
                merged = merge(stored.record, inspection)
                if merged == stored.record:
                    return stored.local_rev
                if merged != inspection:  # (an edit made from the stored copy merges to itself)
                    record = writable_json(merged)  # what is written must read back too
                inspection = merged
            floor_rev, floor_synced = self._floors.get(inspection.id, (0, 0))
            known = self._index.entries.get(inspection.id)
            if known is not None:
                floor_rev, floor_synced = known.local_rev, known.synced_rev

            def bump(doc: dict[str, Any] | None) -> dict[str, Any]:
                # A record whose file was set aside goes on from the revisions last known.
                if doc is None:
                    doc = {"local_rev": 0, "synced_rev": floor_synced}
                local_rev = max(int(doc["local_rev"]), floor_rev) + 1
                synced_hash = doc.get("synced_hash")
                # The server's own merged copy saved back: acknowledged by its content hash.
                held = held_by_server(inspection, synced_hash, normal=stored is not None)
                return {
                    "record": record,
                    "local_rev": local_rev,
                    "synced_rev": local_rev if held else int(doc.get("synced_rev", 0)),
                    "synced_hash": synced_hash,
                }

            try:
                new = self._files.write(inspection.id, bump)
            except StoreCorrupted as exc:  # damaged since open: keep its bytes, save the new data
                aside = self._files.set_aside(inspection.id, exc, self.data_dir)
                self.problems.append(self._named(inspection.id, aside.message))
                new = self._files.write(inspection.id, bump)
            self._set_aside.pop(inspection.id, None)
            self._reindex(self._entry(inspection, new["local_rev"], new["synced_rev"]))
            return int(new["local_rev"])

    def _stored_or_none(self, inspection_id: str) -> StoredRecord | None:
        try:
            return self._read(inspection_id)
        except (RecordNotFound, StoreCorrupted):
            return None  # nothing readable to merge with; a damaged file is already set aside
        except StoreUnreadable as exc:  # its content may be fine: never write over it unmerged
            raise not_saved(exc) from exc

    def mark_synced(self, inspection_id: str, rev: int, content_hash: str) -> None:
        """Record that the server acknowledged `rev` with `content_hash` (stale acks ignored).

        When the record stored now has exactly that content (the server's merged copy was
        saved, or nothing changed since), every revision up to the current one is acknowledged:
        the record is no longer pending, whatever `rev` says.
        """

        def ack(doc: dict[str, Any] | None) -> dict[str, Any]:
            if doc is None:
                raise RecordNotFound(inspection_id)
            if rev > doc["local_rev"]:
                raise ValueError(f"rev {rev} was never saved here (local_rev {doc['local_rev']})")
            if held:
                return doc | {"synced_rev": doc["local_rev"], "synced_hash": content_hash}
            if rev < doc.get("synced_rev", 0):
                return doc
            return doc | {"synced_rev": rev, "synced_hash": content_hash}

        with self._mutex:
            self._check_open()
            record = self._get(inspection_id).record  # a damaged file is set aside, not written
            held = held_by_server(record, content_hash)
            new = self._files.write(inspection_id, ack)
            self._reindex(self._entry(record, new["local_rev"], new["synced_rev"]))

    def missing_photos(self) -> dict[str, list[str]]:
        """Inspection id -> hashes of the photos it references that are not stored here now."""
        with self._mutex:
            self._check_open()
            return missing_photos(self._index, self.photos.hashes())

    def pending(self) -> list[str]:
        """Ids of records saved since the server last acknowledged them (the outbox); a record
        whose content is the one the server acknowledged is not among them."""
        with self._mutex:
            self._check_open()
            entries = self._index.entries
            return [
                s.id
                for s in self._index.summaries()
                if entries[s.id].local_rev > entries[s.id].synced_rev
            ]

    def close(self) -> None:
        """Release the folder lock; the store cannot be used afterwards."""
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            try:
                self._index.sync()
            except OSError as exc:  # derived data: next open re-checks it anyway
                logger.warning("could not fsync the index: %s", exc)
            finally:
                self._lock.release()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("Kho dữ liệu đã đóng.")

    def __enter__(self) -> InspectionStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
