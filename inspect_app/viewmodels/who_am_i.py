"""Who uses this tablet on a visit: the delegation's members to choose from."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Literal

import flet as ft

from checklists.errors import ChecklistError
from checklists.record.model import Inspection
from checklists.text.labels import label
from inspect_app.store import InspectionStore, StoreError
from inspect_app.viewmodels.visit import error_text

__all__ = ["MemberChoice", "WhoAmIViewModel", "member_choices"]

WhoStatus = Literal["loading", "ready", "error"]


@dataclass(frozen=True)
class MemberChoice:
    """One member as the chooser shows them."""

    id: str
    name: str
    role: str
    """The role in words ("Trưởng đoàn")."""
    detail: str
    """Position and body, when known."""
    leads: bool
    """May use the leader's tools (the leader, or an acting deputy)."""


def member_choices(record: Inspection, lang: str) -> list[MemberChoice]:
    """The delegation as it stands, leaders first, then in the order they were added."""
    leaders = record.leader_ids()
    members = list(record.active_members().values())
    members.sort(key=lambda m: m.id not in leaders)  # stable: keeps the delegation's order
    return [
        MemberChoice(
            id=m.id,
            name=m.name,
            role=label(f"role.{m.role.value}", lang),
            detail=", ".join(part for part in (m.position, m.body) if part),
            leads=m.id in leaders,
        )
        for m in members
    ]


@ft.observable
@dataclass
class WhoAmIViewModel:
    """The chooser's data, read off the event loop."""

    store: InspectionStore
    inspection_id: str
    lang: str = "vi"
    status: WhoStatus = "loading"
    error: str | None = None
    unit_name: str = ""
    choices: list[MemberChoice] = field(default_factory=list)

    async def load(self) -> None:
        try:
            record = await asyncio.to_thread(self.store.get, self.inspection_id)
        except (StoreError, ChecklistError) as exc:
            self.error = error_text(exc, self.lang)
            self.status = "error"
            return
        self.unit_name = record.header.unit_name
        self.choices = member_choices(record, self.lang)
        self.error = None
        self.status = "ready"
