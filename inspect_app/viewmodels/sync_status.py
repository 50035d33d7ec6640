"""State of the sync status screen: what waits to be sent (read from the store), how the sync
worker stands (`inspect_app.sync_status.SyncPanel`), and where it would send."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

import flet as ft

from checklists.errors import ChecklistError
from checklists.text.format import format_date
from inspect_app.i18n import t
from inspect_app.settings import SettingsStore
from inspect_app.store import InspectionStore, StoreError
from inspect_app.sync_status import SyncPanel
from inspect_app.viewmodels.visit import error_text

__all__ = ["PendingRecord", "SyncStatusViewModel", "format_instant"]

SyncScreenStatus = Literal["loading", "ready", "error"]


def format_instant(moment: datetime, lang: str) -> str:
    """A moment in the device's local time: "24/11/2023 lúc 14:05"."""
    local = moment.astimezone() if moment.tzinfo else moment.replace(tzinfo=UTC).astimezone()
    return t("sync.at", lang, date=format_date(local.date(), lang), time=local.strftime("%H:%M"))


@dataclass(frozen=True)
class PendingRecord:
    """One inspection with changes the central endpoint has not acknowledged."""

    id: str
    unit: str
    day: str
    unsent_saves: int
    """Saves since the last acknowledged one."""
    never_sent: bool
    photos: int
    """Photos the record points at (they go with it)."""


@ft.observable
@dataclass
class SyncStatusViewModel:
    """The screen's data; store reads run in a worker thread."""

    store: InspectionStore
    settings: SettingsStore
    sync: SyncPanel
    lang: str = "vi"
    status: SyncScreenStatus = "loading"
    error: str | None = None
    pending: list[PendingRecord] = field(default_factory=list)
    missing_photos: int = 0
    """Photos the records point at that are not on this device (taken on another tablet)."""

    @property
    def endpoint(self) -> str:
        """The central endpoint's address, "" when not set up."""
        return self.settings.current.endpoint_url

    @property
    def pending_photos(self) -> int:
        return sum(p.photos for p in self.pending)

    @property
    def can_sync_now(self) -> bool:
        return bool(self.endpoint) and self.sync.can_sync_now

    @property
    def note(self) -> str | None:
        """Why "sync now" cannot be used, in words (None when it can)."""
        if not self.endpoint:
            return t("sync.note.not_set_up", self.lang)
        if self.sync.worker is None:
            return t("sync.note.no_worker", self.lang)
        return None

    def state_text(self) -> str:
        return t(f"sync.state.{self.sync.state}", self.lang)

    def last_success_text(self) -> str:
        when = self.sync.last_success
        return format_instant(when, self.lang) if when else t("sync.last_success.never", self.lang)

    async def load(self) -> None:
        """Read what waits to be sent; on failure keep the last reading and set `error`."""
        try:
            pending, missing = await asyncio.to_thread(self._read)
        except (StoreError, ChecklistError) as exc:
            self.error = t("sync.load_failed", self.lang, error=error_text(exc, self.lang))
            self.status = "error"
            return
        self.pending = pending
        self.missing_photos = missing
        self.error = None
        self.status = "ready"

    def _read(self) -> tuple[list[PendingRecord], int]:
        waiting = set(self.store.pending())
        rows = []
        for summary in self.store.list_summaries():
            if summary.id not in waiting:
                continue
            revs = self.store.sync_state(summary.id)
            record = self.store.get(summary.id)
            rows.append(
                PendingRecord(
                    id=summary.id,
                    unit=summary.unit_name,
                    day=format_date(summary.inspection_date, self.lang),
                    unsent_saves=revs.local_rev - revs.synced_rev,
                    never_sent=revs.synced_rev == 0,
                    photos=len(record.photo_hashes()),
                )
            )
        missing = sum(len(hashes) for hashes in self.store.missing_photos().values())
        return rows, missing

    async def sync_now(self) -> None:
        """Ask the worker for a round now, then read the store again (no worker: nothing)."""
        worker = self.sync.worker
        if worker is None or not self.can_sync_now:
            return
        await worker.sync_now()
        await self.load()
