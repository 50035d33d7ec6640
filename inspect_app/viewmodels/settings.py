"""State of the settings screen: language, photo size cap, central endpoint, and who the person
is on each visit on this device."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Literal

import flet as ft
from pydantic import ValidationError

from checklists.errors import ChecklistError
from checklists.text.format import format_date
from inspect_app.config import Language
from inspect_app.i18n import t
from inspect_app.session import AppSession
from inspect_app.settings import PHOTO_EDGES, DeviceSettings
from inspect_app.store import StoreError
from inspect_app.viewmodels.visit import error_text

__all__ = ["SettingsViewModel", "VisitMember"]

SettingsStatus = Literal["loading", "ready", "error"]


@dataclass(frozen=True)
class VisitMember:
    """One visit on this device and who the person said they are on it."""

    id: str
    unit: str
    day: str
    member: str | None
    """The member's name; None when not chosen."""
    member_gone: bool = False
    """The member chosen is no longer in the delegation (removed, or not there at all)."""


@ft.observable
@dataclass
class SettingsViewModel:
    """The screen's fields; saving checks them first and writes nothing when one is wrong."""

    session: AppSession
    photo_max_edge: int = 0
    endpoint_url: str = ""
    endpoint_error: str | None = None
    save_error: str | None = None
    saving: bool = False
    status: SettingsStatus = "loading"
    load_error: str | None = None
    visits: list[VisitMember] = field(default_factory=list)

    def __post_init__(self) -> None:
        current = self.session.settings.current
        self.photo_max_edge = self.photo_max_edge or current.photo_max_edge
        self.endpoint_url = self.endpoint_url or current.endpoint_url

    @property
    def lang(self) -> str:
        return self.session.lang

    @property
    def photo_choices(self) -> list[int]:
        """The caps offered, with the current one even if set by hand outside the list."""
        return sorted({*PHOTO_EDGES, self.session.settings.current.photo_max_edge})

    @property
    def settings_problem(self) -> bool:
        """The settings file could not be read: defaults are in use."""
        return self.session.settings.problem is not None

    @property
    def endpoint_dirty(self) -> bool:
        return self.endpoint_url.strip() != self.session.settings.current.endpoint_url

    async def load(self) -> None:
        """Read the visits on this device and the members chosen on them."""
        try:
            visits = await asyncio.to_thread(self._visits, dict(self.session.members))
        except (StoreError, ChecklistError) as exc:
            self.load_error = error_text(exc, self.lang)
            self.status = "error"
            return
        self.visits = visits
        self.load_error = None
        self.status = "ready"

    def _visits(self, chosen: dict[str, str]) -> list[VisitMember]:
        store = self.session.store
        found = []
        for summary in store.list_summaries():
            member_id = chosen.get(summary.id)
            name: str | None = None
            gone = False
            if member_id:
                member = store.get(summary.id).active_members().get(member_id)
                name, gone = (member.name, False) if member else (None, True)
            found.append(
                VisitMember(
                    id=summary.id,
                    unit=summary.unit_name,
                    day=format_date(summary.inspection_date, self.lang),
                    member=name,
                    member_gone=gone,
                )
            )
        return found

    async def choose_language(self, lang: Language) -> None:
        """Switch every screen to `lang` and remember it on this device."""
        await self.session.remember_language(lang)
        if self.endpoint_error:  # say the open problem in the new language
            self.endpoint_error = t("settings.endpoint.bad", lang)

    async def choose_photo_edge(self, edge: int) -> bool:
        """Save a new photo size cap at once (it is always one of the choices)."""
        if edge not in self.photo_choices:
            raise ValueError(f"not a photo size choice: {edge}")
        current = self.session.settings.current
        if await self._save(current.model_copy(update={"photo_max_edge": edge})):
            self.photo_max_edge = edge
            return True
        return False

    def set_endpoint(self, text: str) -> None:
        self.endpoint_url = text
        self.endpoint_error = None

    async def save_endpoint(self) -> bool:
        """Check the address and save it; a bad one sets `endpoint_error` and saves nothing."""
        current = self.session.settings.current
        try:
            wanted = DeviceSettings.model_validate(
                {**current.model_dump(), "endpoint_url": self.endpoint_url}
            )
        except ValidationError:
            self.endpoint_error = t("settings.endpoint.bad", self.lang)
            return False
        self.endpoint_error = None
        if await self._save(wanted):
            self.endpoint_url = wanted.endpoint_url
            service = self.session.sync_service
            if service is not None:  # a new address restarts the sync worker, none stops it
                await service.reconfigure()
            return True
        return False

    async def _save(self, wanted: DeviceSettings) -> bool:
        self.saving = True
        self.save_error = None
        try:
            await asyncio.to_thread(self.session.settings.save, wanted)
        except StoreError as exc:
            self.save_error = t("settings.save_failed", self.lang, error=error_text(exc, self.lang))
            return False
        finally:
            self.saving = False
        return True
