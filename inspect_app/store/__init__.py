"""The tablet's local store: crash-safe record files, a summary index, photos and migrations."""

from __future__ import annotations

from inspect_app.store.atomic import AtomicJSONStorage
from inspect_app.store.errors import (
    PhotoNotFound,
    PhotoTooLarge,
    RecordInvalid,
    RecordNotFound,
    StoreCorrupted,
    StoreError,
    StoreLocked,
    StoreUnreadable,
    StoreWriteFailed,
)
from inspect_app.store.migrations import MIGRATIONS, Migrations
from inspect_app.store.photos import PhotoStore
from inspect_app.store.records import SyncState
from inspect_app.store.repository import InspectionStore, TemplateResolver
from inspect_app.store.templates import TemplateFolder

__all__ = [
    "MIGRATIONS",
    "AtomicJSONStorage",
    "InspectionStore",
    "Migrations",
    "PhotoNotFound",
    "PhotoStore",
    "PhotoTooLarge",
    "RecordInvalid",
    "RecordNotFound",
    "StoreCorrupted",
    "StoreError",
    "StoreLocked",
    "StoreUnreadable",
    "StoreWriteFailed",
    "SyncState",
    "TemplateFolder",
    "TemplateResolver",
]
