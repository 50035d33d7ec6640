"""State of the conclusion screen: the leader's three blocks as recorded (read-only for now)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Literal

import flet as ft

from checklists.errors import ChecklistError
from checklists.record.model import ConclusionPart, Inspection
from checklists.text.labels import label
from inspect_app.store import InspectionStore, StoreError
from inspect_app.viewmodels.visit import error_text

__all__ = ["ConclusionBlockView", "ConclusionViewModel", "conclusion_blocks"]


@dataclass(frozen=True)
class ConclusionBlockView:
    """One block (acknowledgements, limitations, recommendations): its heading and text."""

    part: str
    heading: str
    text: str


def conclusion_blocks(record: Inspection, lang: str) -> list[ConclusionBlockView]:
    """The three blocks in their order, each with its text ("" when not written or removed)."""
    out = []
    for part in ConclusionPart:
        block = record.conclusion.get(part)
        text = "" if block is None or block.removed else block.text
        out.append(ConclusionBlockView(part.value, label(f"conclusion.{part.value}", lang), text))
    return out


@ft.observable
@dataclass
class ConclusionViewModel:
    """The conclusion's blocks, read off the event loop."""

    store: InspectionStore
    inspection_id: str
    lang: str = "vi"
    status: Literal["loading", "ready", "error"] = "loading"
    error: str | None = None
    blocks: list[ConclusionBlockView] = field(default_factory=list)

    @property
    def written(self) -> bool:
        """Any block holds text."""
        return any(b.text.strip() for b in self.blocks)

    async def load(self) -> None:
        try:
            record = await asyncio.to_thread(self.store.get, self.inspection_id)
        except (StoreError, ChecklistError, LookupError) as exc:
            self.error = error_text(exc, self.lang)
            self.status = "error"
            return
        self.blocks = conclusion_blocks(record, self.lang)
        self.error = None
        self.status = "ready"
