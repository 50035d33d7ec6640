"""The tablet's side of sync: a transport, the central endpoint's calls, and the outbox worker."""

from __future__ import annotations

from sync.client.backoff import Backoff
from sync.client.credentials import Credentials, TokenFile, enroll_tablet
from sync.client.errors import (
    NotOurServer,
    OutOfStep,
    ReceiptMismatch,
    RefusedByServer,
    SignInRequired,
    SyncError,
    Unavailable,
)
from sync.client.local import LocalPhotos, LocalStore, Revisions, TemplateCache
from sync.client.status import Phase, RefusedRecord, SyncStatus, Words
from sync.client.worker import SyncWorker

__all__ = [
    "Backoff",
    "Credentials",
    "LocalPhotos",
    "LocalStore",
    "NotOurServer",
    "OutOfStep",
    "Phase",
    "ReceiptMismatch",
    "RefusedByServer",
    "RefusedRecord",
    "Revisions",
    "SignInRequired",
    "SyncError",
    "SyncStatus",
    "SyncWorker",
    "TemplateCache",
    "TokenFile",
    "Unavailable",
    "Words",
    "enroll_tablet",
]
