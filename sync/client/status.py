"""What the sync screen shows: a frozen snapshot of the worker's state, in plain words.

The worker replaces the snapshot as it goes (`SyncWorker.status`, and `on_change` for a screen
that wants to be told); the screen reads fields, it never calls the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sync.protocol import RefusalPublic

__all__ = ["Phase", "Words", "RefusedRecord", "SyncStatus"]


class Phase(StrEnum):
    """Where sync stands."""

    IDLE = "idle"
    """Nothing to do, or the last pass ended well."""
    SYNCING = "syncing"
    OFFLINE = "offline"
    """Our server does not answer (no network, a captive portal, the server down): retrying."""
    PAUSED_NEED_SIGN_IN = "paused_need_sign_in"
    """401/403: nothing is sent until the person signs in again; nothing is dropped."""
    REFUSED = "refused"
    """The server refused some records; they are kept and shown, the rest synced."""


@dataclass(frozen=True)
class Words:
    """One message in Vietnamese and English."""

    vi: str
    en: str

    def text(self, lang: str = "vi") -> str:
        """The message in the person's language (Vietnamese by default)."""
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True)
class RefusedRecord:
    """A record the server refused: kept, shown, not sent again until it changes."""

    inspection_id: str
    local_rev: int
    """The revision refused; a later save makes the record eligible again."""
    words: Words
    refusals: tuple[RefusalPublic, ...] = ()


@dataclass(frozen=True)
class SyncStatus:
    """A snapshot of the sync worker, for the sync screen."""

    phase: Phase = Phase.IDLE
    records_pending: int = 0
    photos_pending: int = 0
    """Photos the server lacks that this tablet holds, still to upload in this pass."""
    bytes_sent: int = 0
    bytes_total: int = 0
    """Bytes this pass means to send (gzip record bodies, photo bytes the server lacks)."""
    last_success: datetime | None = None
    last_error: Words | None = None
    refused: tuple[RefusedRecord, ...] = field(default_factory=tuple)
    retry_in: float | None = None
    """Seconds until the next try after a failure (full jitter), None when not backing off."""
    passes: int = 0
    """Sync passes finished (well or not) since start."""
    signed_in_as: str = ""
