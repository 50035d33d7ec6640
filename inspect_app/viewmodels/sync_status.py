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
from inspect_app.sync_service import SyncService
from inspect_app.sync_status import SyncPanel
from inspect_app.viewmodels.visit import error_text
from sync.client.errors import SyncError

__all__ = ["PendingRecord", "RefusedRow", "SyncStatusViewModel", "format_instant"]

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


@dataclass(frozen=True)
class RefusedRow:
    """A record the central endpoint refused, with the server's reason."""

    id: str
    unit: str
    message: str


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
    service: SyncService | None = None
    """The app's sync service (signs this device in); None in tests of the screen alone."""
    units: dict[str, str] = field(default_factory=dict)
    """Inspection id -> unit name, to name refused records."""
    username: str = ""
    password: str = ""
    signing_in: bool = False
    sign_in_error: str | None = None
    _reads: int = field(default=0, repr=False, compare=False)
    """Reads started: only the latest one's result is shown (a slower, older read finishing
    after a newer one would show what waited before the last pass)."""

    @property
    def endpoint(self) -> str:
        """The central endpoint's address, "" when not set up."""
        return self.settings.current.endpoint_url

    @property
    def pending_photos(self) -> int:
        return sum(p.photos for p in self.pending)

    @property
    def can_sync_now(self) -> bool:
        return bool(self.endpoint) and self.sync.can_sync_now and not self.sync.needs_sign_in

    @property
    def show_sign_in(self) -> bool:
        """The sign-in form: a worker runs and waits for someone to sign this device in."""
        return bool(self.endpoint) and self.sync.needs_sign_in

    @property
    def can_sign_in(self) -> bool:
        return (
            self.service is not None
            and not self.signing_in
            and bool(self.username.strip())
            and bool(self.password)
        )

    @property
    def refused(self) -> list[RefusedRow]:
        """The refused records, named by their unit when this device knows it."""
        return [
            RefusedRow(
                id=note.inspection_id,
                unit=self.units.get(note.inspection_id) or t("sync.refused.unknown", self.lang),
                message=note.message,
            )
            for note in self.sync.refused
        ]

    @property
    def note(self) -> str | None:
        """Why "sync now" cannot be used, in words (None when it can)."""
        if not self.endpoint:
            return t("sync.note.not_set_up", self.lang)
        if self.sync.worker is None:
            return t("sync.note.no_worker", self.lang)
        return None

    def set_username(self, text: str) -> None:
        self.username = text
        self.sign_in_error = None

    def set_password(self, text: str) -> None:
        self.password = text
        self.sign_in_error = None

    async def sign_in(self) -> bool:
        """Sign this device in with the person's account; a refusal is said in plain words
        (`sign_in_error`) and the password field is emptied either way."""
        if self.service is None or not self.can_sign_in:
            if not (self.username.strip() and self.password):
                self.sign_in_error = t("sync.sign_in.missing", self.lang)
            return False
        self.signing_in = True
        self.sign_in_error = None
        try:
            await self.service.sign_in(self.username, self.password)
        except SyncError as exc:
            self.sign_in_error = exc.message(self.lang)
            return False
        except (StoreError, OSError) as exc:  # the token could not be kept on this device
            self.sign_in_error = t(
                "sync.sign_in.not_kept", self.lang, error=error_text(exc, self.lang)
            )
            return False
        finally:
            self.signing_in = False
            self.password = ""
        # A pass now, without waiting for the panel to hear that the device is signed in.
        await self.service.sync_now()
        await self.load()
        return True

    @property
    def state_key(self) -> str:
        """The phase, or `up_to_date`: a worker is idle with everything here sent."""
        sync = self.sync
        if (
            sync.state == "idle"
            and sync.worker is not None
            and sync.last_success is not None
            and not sync.last_error
            and self.status == "ready"
            and not self.pending
        ):
            return "up_to_date"
        return sync.state

    def state_text(self) -> str:
        return t(f"sync.state.{self.state_key}", self.lang)

    def last_success_text(self) -> str:
        when = self.sync.last_success
        return format_instant(when, self.lang) if when else t("sync.last_success.never", self.lang)

    async def load(self) -> None:
        """Read what waits to be sent; on failure keep the last reading and set `error`."""
        if self.service is not None:  # the worker's words in this screen's language
            status = self.service.status
            self.sync.apply(status, self.lang, self.service if status is not None else None)
        self._reads += 1
        read = self._reads
        try:
            pending, missing, units = await asyncio.to_thread(self._read)
        except (StoreError, ChecklistError) as exc:
            if read != self._reads:
                return
            self.error = t("sync.load_failed", self.lang, error=error_text(exc, self.lang))
            self.status = "error"
            return
        if read != self._reads:
            return
        self.pending = pending
        self.missing_photos = missing
        self.units = units
        self.error = None
        self.status = "ready"

    def _read(self) -> tuple[list[PendingRecord], int, dict[str, str]]:
        waiting = set(self.store.pending())
        rows = []
        units: dict[str, str] = {}
        for summary in self.store.list_summaries():
            units[summary.id] = summary.unit_name
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
        return rows, missing, units

    async def sync_now(self) -> None:
        """Ask the worker for a round now, then read the store again (no worker: nothing)."""
        worker = self.sync.worker
        if worker is None or not self.can_sync_now:
            return
        await worker.sync_now()
        await self.load()
