"""How syncing with the central endpoint stands: the observable panel the sync screen shows.

The app's one `SyncService` (`inspect_app.sync_service`) runs the client's worker while an
endpoint is set; each session watches it and copies every snapshot into its `SyncPanel` with
`apply` (on the session's event loop only, like every observable here), so the screens that
show it re-render. With no endpoint there is no worker: the panel stays `idle`, `worker` None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

import flet as ft

from sync.client.status import Phase, SyncStatus

__all__ = ["SYNC_PHASES", "RefusedNote", "SyncPhase", "SyncPanel", "SyncRunner"]

SyncPhase = Literal["idle", "syncing", "offline", "paused_sign_in", "refused"]
"""idle: nothing running (all sent, or waiting for the next round); syncing: sending now;
offline: the endpoint cannot be reached, retried later; paused_sign_in: the endpoint refused
this device until someone signs in again; refused: the endpoint refused some records (kept
here, shown, the rest synced)."""
SYNC_PHASES: tuple[SyncPhase, ...] = ("idle", "syncing", "offline", "paused_sign_in", "refused")

_PHASES: dict[Phase, SyncPhase] = {
    Phase.IDLE: "idle",
    Phase.SYNCING: "syncing",
    Phase.OFFLINE: "offline",
    Phase.PAUSED_NEED_SIGN_IN: "paused_sign_in",
    Phase.REFUSED: "refused",
}


@dataclass(frozen=True)
class RefusedNote:
    """A record the endpoint refused, as the screen shows it."""

    inspection_id: str
    message: str
    """The server's reason in the session's language."""


class SyncRunner(Protocol):
    """What the sync screen needs from a worker: start and stop it, and ask for a round now."""

    def start(self) -> None:
        """Begin syncing in the background (returns at once)."""

    def stop(self) -> None:
        """Stop after the request in flight; nothing half-sent is marked as sent."""

    async def sync_now(self) -> None:
        """Run one round now (pending records, then their photos), updating the status."""


@ft.observable
@dataclass
class SyncPanel:
    """The sync worker's progress as people see it; changed on the event loop only."""

    state: SyncPhase = "idle"
    pending_records: int = 0
    """Records saved here since the endpoint last acknowledged them (the worker's count)."""
    pending_photos: int = 0
    bytes_sent: int = 0
    """Of the round in progress (0 between rounds)."""
    bytes_total: int = 0
    last_success: datetime | None = None
    """When a round last finished with everything acknowledged (UTC)."""
    last_error: str | None = None
    """The last failure in plain words a field user can act on (Vietnamese or English as the
    worker was told); None once a later round succeeded."""
    refused: tuple[RefusedNote, ...] = ()
    """Records the endpoint refused (kept on this device, not sent again until changed)."""
    signed_in_as: str = ""
    """The name of the person this device is signed in with ("" when not signed in)."""
    worker: SyncRunner | None = None
    """The app's sync service while a worker runs (an endpoint is set); None otherwise."""

    @property
    def needs_sign_in(self) -> bool:
        """A worker runs but waits for someone to sign this device in."""
        return self.worker is not None and self.state == "paused_sign_in"

    def apply(self, status: SyncStatus | None, lang: str, runner: SyncRunner | None = None) -> None:
        """Show the worker's snapshot (`None`: no worker) in `lang`; `runner` is what "sync
        now" calls. Call it on the session's event loop."""
        if status is None:
            self.state = "idle"
            self.pending_records = self.pending_photos = 0
            self.bytes_sent = self.bytes_total = 0
            self.last_success = None
            self.last_error = None
            self.refused = ()
            self.signed_in_as = ""
            self.worker = None
            return
        self.state = _PHASES.get(status.phase, "idle")
        self.pending_records = status.records_pending
        self.pending_photos = status.photos_pending
        self.bytes_sent = status.bytes_sent
        self.bytes_total = status.bytes_total
        self.last_success = status.last_success
        self.last_error = status.last_error.text(lang) if status.last_error else None
        self.refused = tuple(
            RefusedNote(record.inspection_id, record.words.text(lang)) for record in status.refused
        )
        self.signed_in_as = status.signed_in_as
        self.worker = runner

    @property
    def can_sync_now(self) -> bool:
        """A round may be asked for: a worker exists and is not already sending."""
        return self.worker is not None and self.state != "syncing"

    @property
    def progress(self) -> float | None:
        """Share of the round's bytes sent (None when nothing is being sent)."""
        if self.state != "syncing" or self.bytes_total <= 0:
            return None
        return min(self.bytes_sent / self.bytes_total, 1.0)
