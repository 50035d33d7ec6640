"""State of the inspection list screen: summaries, load status and store problems."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Literal

import flet as ft

from checklists.errors import ChecklistError
from checklists.record.sample import build_sample_inspection
from checklists.scoring.summary import InspectionSummary
from inspect_app.store import InspectionStore, StoreError

__all__ = ["InspectionListViewModel", "ListStatus"]

ListStatus = Literal["loading", "ready", "error"]


@ft.observable
@dataclass
class InspectionListViewModel:
    """The list screen's data; its async methods run store I/O in a worker thread.

    Store and checklist errors become `status == "error"` with the message in `error`.

    Fields are only changed on the caller's event loop (never from the worker thread),
    so a Flet component observing this object re-renders safely.
    """

    store: InspectionStore
    summaries: list[InspectionSummary] = field(default_factory=list)
    status: ListStatus = "loading"
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    sample_loading: bool = False

    def __post_init__(self) -> None:
        self.problems = list(self.store.problems)

    @property
    def is_empty(self) -> bool:
        """True when the store was read and holds no inspection."""
        return self.status == "ready" and not self.summaries

    async def refresh(self) -> None:
        """Re-read the summaries from the store; on failure keep the old list and set `error`."""
        if not self.summaries:
            self.status = "loading"
        try:
            summaries = await asyncio.to_thread(self.store.list_summaries)
        except (StoreError, ChecklistError) as exc:  # a bad bundled template, say
            self.error = str(exc)
            self.status = "error"
            return
        self.summaries = summaries
        self.error = None
        self.status = "ready"

    async def load_sample(self) -> None:
        """Save the bundled sample inspection (same id every time, so never duplicated)."""
        if self.sample_loading:
            return
        self.sample_loading = True
        try:
            await asyncio.to_thread(self._save_sample)
        except (StoreError, ChecklistError) as exc:  # a bad bundled template, say
            self.error = str(exc)
            self.status = "error"
            return
        finally:
            self.sample_loading = False
        await self.refresh()

    def dismiss_problems(self) -> None:
        """Hide the banner about files the store set aside."""
        self.problems = []

    def _save_sample(self) -> None:
        """Build and save the sample (runs in a worker thread)."""
        self.store.save(build_sample_inspection())
