"""What the sync client needs of the tablet's store, as protocols: the app hands its store in.

`sync` never imports the app (`tests/test_layering.py`); `inspect_app.store.InspectionStore`
and its `TemplateFolder` fit these shapes as they are.
"""

from __future__ import annotations

from typing import Protocol

from checklists.record.model import Inspection
from checklists.scoring.summary import InspectionSummary
from checklists.template.model import Template

__all__ = ["LocalStore", "LocalPhotos", "Revisions", "TemplateCache"]


class Revisions(Protocol):
    """A record's sync envelope."""

    @property
    def local_rev(self) -> int: ...

    @property
    def synced_rev(self) -> int: ...

    @property
    def synced_hash(self) -> str | None: ...


class LocalPhotos(Protocol):
    """Photos by SHA-256 on the tablet."""

    def has(self, sha256: str) -> bool: ...

    def read(self, sha256: str) -> bytes: ...

    def put(self, data: bytes) -> str: ...


class LocalStore(Protocol):
    """The record store: thread-safe, every save merges, acknowledgement by content hash."""

    @property
    def photos(self) -> LocalPhotos: ...

    def get(self, inspection_id: str) -> Inspection: ...

    def save(self, inspection: Inspection) -> int: ...

    def pending(self) -> list[str]: ...

    def sync_state(self, inspection_id: str) -> Revisions: ...

    def mark_synced(self, inspection_id: str, rev: int, content_hash: str) -> None: ...

    def list_summaries(self) -> list[InspectionSummary]: ...

    def missing_photos(self) -> dict[str, list[str]]: ...


class TemplateCache(Protocol):
    """Where published templates are kept for offline use."""

    def has(self, template_id: str, version: int, content_hash: str) -> bool: ...

    def put(self, template: Template) -> bool: ...
