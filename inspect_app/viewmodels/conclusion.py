"""State of the leader's conclusion screen: the three blocks, drafted and edited (saved as the
leader types, debounced), deliberate versions with their diffs, the lock, and the export of the
three DOCX documents. Everyone else reads the conclusion as it stands.

Every edit goes through the store's one path (`store.edit(..., actor=Actor(member))`) in a
worker thread; the domain refuses what is not allowed (not the leader, locked) and the refusal
becomes `error` in plain words. Fields change only on the caller's event loop.
"""

from __future__ import annotations

import asyncio
import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

import flet as ft

from checklists.conclusion.draft import draft
from checklists.conclusion.versions import (
    lock_conclusion,
    save_version,
    unlock_conclusion,
    versions,
)
from checklists.documents.writer import write_documents
from checklists.errors import ChecklistError
from checklists.record.authority import Actor
from checklists.record.editing import write_conclusion
from checklists.record.model import (
    ConclusionPart,
    ConclusionVersion,
    DocumentKind,
    Inspection,
    Photo,
)
from checklists.text.format import format_date
from checklists.text.labels import label
from inspect_app.i18n import t
from inspect_app.store import InspectionStore, StoreError
from inspect_app.viewmodels.visit import error_text

__all__ = [
    "DEBOUNCE_S",
    "ConclusionBlockView",
    "ConclusionViewModel",
    "ExportedFile",
    "ConclusionSaveState",
    "VersionRow",
    "conclusion_blocks",
    "export_folder",
]

DEBOUNCE_S = 0.8
"""Typing pauses this long (seconds) before the text is saved; leaving the screen saves at once."""

ConclusionSaveState = Literal["saved", "pending", "saving", "failed"]
_ERRORS = (StoreError, ChecklistError, LookupError)


@dataclass(frozen=True)
class ConclusionBlockView:
    """One block (acknowledgements, limitations, recommendations): its heading and text."""

    part: str
    heading: str
    text: str


def _stored_text(record: Inspection, part: ConclusionPart) -> str:
    block = record.conclusion.get(part)
    return "" if block is None or block.removed else block.text


def conclusion_blocks(record: Inspection, lang: str) -> list[ConclusionBlockView]:
    """The three blocks in their order, each with its text ("" when not written or removed)."""
    return [
        ConclusionBlockView(p.value, label(f"conclusion.{p.value}", lang), _stored_text(record, p))
        for p in ConclusionPart
    ]


@dataclass(frozen=True)
class VersionRow:
    """One version as the list shows it: number, what it was, who, when, and the diff."""

    number: int
    kind: str
    """save, lock or unlock."""
    title: str
    """"Phiên bản 2 · Khóa"."""
    who: str
    when: str
    reason: str
    changes: tuple[tuple[str, tuple[str, ...]], ...]
    """Per block that changed since the version before: its heading and the lines removed
    ("-...") and added ("+..."); the first version is compared with an empty conclusion."""


@dataclass(frozen=True)
class ExportedFile:
    """One written document: its kind, its name in words, the file name and the path."""

    kind: str
    label: str
    name: str
    path: Path


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_only = plain.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:60].strip("-")


def export_folder(data_dir: Path, unit_name: str, day: date) -> Path:
    """Where a record's documents go: `<data_dir>/exports/<unit>-<date>/`, the unit's name
    without tone marks, spaces or anything a file system could refuse ("phuong-vinh-trai")."""
    return data_dir / "exports" / f"{_slug(unit_name) or 'ho-so'}-{day.isoformat()}"


@dataclass(frozen=True)
class _Snapshot:
    texts: dict[str, str]
    is_leader: bool
    locked: bool
    lock_text: str
    versions: list[VersionRow]


@ft.observable
@dataclass
class ConclusionViewModel:
    """The conclusion screen's data and actions (see the module docstring)."""

    store: InspectionStore
    inspection_id: str
    member_id: str = ""
    lang: str = "vi"
    debounce_s: float = DEBOUNCE_S
    status: Literal["loading", "ready", "error"] = "loading"
    error: str | None = None
    busy: bool = False
    is_leader: bool = False
    locked: bool = False
    lock_text: str = ""
    """Who locked the conclusion and when ("" while editable)."""
    texts: dict[str, str] = field(default_factory=dict)
    """The blocks as last read or drafted, by part; what is being typed is in `text_of`."""
    save_state: ConclusionSaveState = "saved"
    versions: list[VersionRow] = field(default_factory=list)
    draft_kept: list[str] = field(default_factory=list)
    """Headings of blocks a draft left alone because they held the leader's text (ask first)."""
    exporting: bool = False
    exported: list[ExportedFile] = field(default_factory=list)
    export_dir: str = ""
    export_error: str | None = None
    _typed: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _dirty: set[str] = field(default_factory=set, init=False, repr=False)
    _timer: asyncio.TimerHandle | None = field(default=None, init=False, repr=False)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set, init=False, repr=False)
    _edits: tuple[asyncio.AbstractEventLoop, asyncio.Lock] | None = field(
        default=None, init=False, repr=False
    )

    @property
    def blocks(self) -> list[ConclusionBlockView]:
        """The three blocks with their headings and current texts."""
        return [
            ConclusionBlockView(p.value, label(f"conclusion.{p.value}", self.lang), self.text_of(p))
            for p in ConclusionPart
        ]

    @property
    def written(self) -> bool:
        """Any block holds text."""
        return any(b.text.strip() for b in self.blocks)

    @property
    def can_edit(self) -> bool:
        """The leader may type in the blocks (not while the conclusion is locked)."""
        return self.is_leader and not self.locked

    def text_of(self, part: ConclusionPart | str) -> str:
        """A block's text as the editor holds it (the last typed, else the stored)."""
        key = ConclusionPart(part).value
        return self._typed.get(key, self.texts.get(key, ""))

    def dismiss_error(self) -> None:
        self.error = None

    # -- reading ---------------------------------------------------------------------------

    async def load(self) -> None:
        """Read the record; the editors take the stored texts."""
        try:
            snapshot = await asyncio.to_thread(
                lambda: self._snapshot(self.store.get(self.inspection_id))
            )
        except _ERRORS as exc:
            self.error = error_text(exc, self.lang)
            self.status = "error"
            return
        self._typed.clear()
        self._dirty.clear()
        self._show(snapshot, texts=True)
        self.save_state = "saved"
        self.error = None
        self.status = "ready"

    # -- typing (debounced) ----------------------------------------------------------------

    def type_text(self, part: ConclusionPart | str, text: str) -> None:
        """The leader typed in a block: keep it, and save once typing pauses (`debounce_s`)."""
        key = ConclusionPart(part).value
        self._typed[key] = text
        self._dirty.add(key)
        self.save_state = "pending"
        if self._timer is not None:
            self._timer.cancel()
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(self.debounce_s, self._flush_soon)

    def _flush_soon(self) -> None:
        self._timer = None
        task = asyncio.get_running_loop().create_task(self.flush())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def flush(self) -> None:
        """Save what was typed and not saved yet, now (leaving the screen, before a version)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        async with self._edit_lock():  # saves run in the order typed: the last text wins
            if not self._dirty:
                return
            typed = {key: self._typed[key] for key in sorted(self._dirty)}
            self._dirty.clear()
            self.save_state = "saving"
            author = self.member_id

            def change(record: Inspection) -> Inspection:
                for key, text in typed.items():
                    part = ConclusionPart(key)
                    if _stored_text(record, part) != text:
                        record = write_conclusion(
                            record, author_id=author, part=part, text=text, now=_now()
                        )
                return record

            try:
                snapshot = await asyncio.to_thread(self._apply, change)
            except _ERRORS as exc:
                self.error = error_text(exc, self.lang)
                self.save_state = "failed"
                return
            self._show(snapshot, texts=False)
            self.error = None
            self.save_state = "pending" if self._dirty else "saved"

    # -- drafting, versions, lock ----------------------------------------------------------

    async def make_draft(self, *, replace: bool = False) -> bool:
        """Fill the blocks from the scores (`checklists.conclusion.draft`). Empty blocks are
        filled; a block holding the leader's text is replaced only with `replace`. Returns False
        when blocks were left alone (their headings in `draft_kept`: ask, then replace)."""
        await self.flush()
        author = self.member_id
        kept: list[str] = []

        def change(record: Inspection) -> Inspection:
            kept.clear()
            template = self.store.template_of(record)
            for part, text in draft(record, template).blocks().items():
                current = _stored_text(record, part)
                if current == text:
                    continue
                if current.strip() and not replace:
                    kept.append(label(f"conclusion.{part.value}", self.lang))
                    continue
                record = write_conclusion(
                    record, author_id=author, part=part, text=text, now=_now()
                )
            return record

        if not await self._edit(change, texts=True):
            return True  # refused: the error says why; nothing to confirm
        self.draft_kept = list(kept)
        return not kept

    async def save_version(self) -> None:
        """Keep the blocks as they stand as a new version (who, when)."""
        await self.flush()
        await self._edit(lambda r: save_version(r, author_id=self.member_id, now=_now()))

    async def lock(self) -> None:
        """Keep the blocks as a version and lock them against edits."""
        await self.flush()
        await self._edit(lambda r: lock_conclusion(r, author_id=self.member_id, now=_now()))

    async def unlock(self, reason: str) -> None:
        """Allow edits again, saying why."""
        await self._edit(
            lambda r: unlock_conclusion(r, author_id=self.member_id, reason=reason, now=_now())
        )

    # -- export ----------------------------------------------------------------------------

    async def export(self) -> None:
        """Write the minutes, the report and the conclusion notice (DOCX) into the record's
        export folder, off the event loop; `exported` lists them, `export_error` says why not."""
        await self.flush()
        if self.exporting:
            return
        self.exporting = True
        self.export_error = None
        try:
            files = await asyncio.to_thread(self._write_documents)
        except (*_ERRORS, OSError) as exc:
            self.export_error = t("conclusion.export_failed", self.lang)
            self.error = f"{self.export_error}\n{error_text(exc, self.lang)}"
            return
        finally:
            self.exporting = False
        self.exported = files
        self.export_dir = str(files[0].path.parent) if files else ""

    def _write_documents(self) -> list[ExportedFile]:
        record = self.store.get(self.inspection_id)
        template = self.store.template_of(record)
        folder = export_folder(
            self.store.data_dir, record.header.unit_name, record.header.inspection_date
        )
        paths = write_documents(record, template, None, self._photo_bytes, folder)
        return [
            ExportedFile(kind.value, t(f"conclusion.doc.{kind.value}", self.lang), p.name, p)
            for kind, p in paths.items()
            if isinstance(kind, DocumentKind)
        ]

    def _photo_bytes(self, photo: Photo) -> bytes | None:
        """A photo's bytes for the appendix; None (a caption without picture) when missing."""
        try:
            return self.store.photos.read(photo.sha256)
        except StoreError:
            return None

    # -- internals -------------------------------------------------------------------------

    async def _edit(
        self, change: Callable[[Inspection], Inspection], *, texts: bool = False
    ) -> bool:
        if self.busy:
            return False
        self.busy = True
        try:
            async with self._edit_lock():
                snapshot = await asyncio.to_thread(self._apply, change)
        except _ERRORS as exc:
            self.error = error_text(exc, self.lang)
            return False
        finally:
            self.busy = False
        if texts:
            self._typed.clear()
        self._show(snapshot, texts=texts)
        self.error = None
        return True

    def _edit_lock(self) -> asyncio.Lock:
        """One lock per event loop: edits run one at a time, in the order they were made."""
        loop = asyncio.get_running_loop()
        if self._edits is None or self._edits[0] is not loop:
            self._edits = (loop, asyncio.Lock())
        return self._edits[1]

    def _apply(self, change: Callable[[Inspection], Inspection]) -> _Snapshot:
        """Run the change through the store's one edit path (worker thread)."""
        record, _rev = self.store.edit(self.inspection_id, change, actor=Actor(self.member_id))
        return self._snapshot(record)

    def _show(self, snapshot: _Snapshot, *, texts: bool) -> None:
        if texts:
            self.texts = snapshot.texts
        self.is_leader = snapshot.is_leader
        self.locked = snapshot.locked
        self.lock_text = snapshot.lock_text
        self.versions = snapshot.versions

    def _snapshot(self, record: Inspection) -> _Snapshot:
        names = {m.id: m.name for m in record.members.values()}
        rows = []
        numbered_versions = versions(record)
        for numbered in numbered_versions:
            v = numbered.version
            before = numbered_versions[numbered.number - 2].version if numbered.number > 1 else None
            kind = t(f"conclusion.kind.{v.kind.value}", self.lang)
            rows.append(
                VersionRow(
                    number=numbered.number,
                    kind=v.kind.value,
                    title=t(
                        "conclusion.version_title", self.lang, number=numbered.number, kind=kind
                    ),
                    who=names.get(v.author_id, v.author_id),
                    when=_when(v.at),
                    reason=v.reason,
                    changes=_changes(before, v, self.lang),
                )
            )
        lock = record.conclusion_lock()
        lock_text = ""
        if lock is not None:
            who = names.get(lock.author_id, lock.author_id)
            lock_text = t("conclusion.locked_by", self.lang, who=who, when=_when(lock.at))
        return _Snapshot(
            texts={p.value: _stored_text(record, p) for p in ConclusionPart},
            is_leader=self.member_id in record.leader_ids(),
            locked=lock is not None,
            lock_text=lock_text,
            versions=list(reversed(rows)),
        )


def _changes(
    before: ConclusionVersion | None, after: ConclusionVersion, lang: str
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What changed in each block from `before` (None: nothing) to `after`, as -/+ lines
    (difflib, as `checklists.conclusion.versions.version_diff`, block by block so each change
    shows under its heading)."""
    out = []
    for part in ConclusionPart:
        old = before.texts.get(part, "") if before is not None else ""
        new = after.texts.get(part, "")
        lines = [
            line
            for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
            if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
        ]
        if lines:
            out.append((label(f"conclusion.{part.value}", lang), tuple(lines)))
    return tuple(out)


def _now() -> datetime:
    """The device's clock, in UTC: shown to people (who, when), never used to order versions."""
    return datetime.now(UTC)


def _when(at: object) -> str:
    """A version's moment in the device's time zone: "30/11/2026 10:41" ("—" when unknown)."""
    if not isinstance(at, datetime):
        return "—"
    local = at.astimezone()
    return f"{format_date(local.date())} {local:%H:%M}"
