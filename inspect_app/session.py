"""What one app session shares with every screen: the store, the settings, the language and
who the person is on each visit.

One `AppSession` per Flet session (one browser tab, or the tablet app), handed down the
component tree through `SessionContext`; screens read it with `use_session()` and never pass
`lang` through every call. It is observable: changing the language or the member re-renders
the screens that read it.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any, cast

import flet as ft

from inspect_app.config import Language
from inspect_app.settings import SettingsStore
from inspect_app.store import InspectionStore
from inspect_app.sync_service import SyncService
from inspect_app.sync_status import SyncPanel

__all__ = [
    "LANGUAGE_PREF",
    "PREF_ATTEMPTS",
    "PREF_TIMEOUT_S",
    "AppSession",
    "SessionContext",
    "member_pref_key",
    "use_session",
]

logger = logging.getLogger(__name__)

PREF_TIMEOUT_S = 8.0
"""How long one read of the preferences may take. Flet 1.0.5 waits for a client's answer to a
method call with no time limit, and a call sent while the web client is still starting can go
unanswered: every screen then waited for ever for `ready` (the intermittent 60 s browser-test
waits). A read that takes longer is asked again."""
PREF_ATTEMPTS = 3
"""Reads of the preferences before the session goes on with the defaults (asked again)."""

LANGUAGE_PREF = "inspect.lang"
_MEMBER_PREF = "inspect.member."


def member_pref_key(inspection_id: str) -> str:
    """The preference key remembering who uses this device on one visit."""
    return f"{_MEMBER_PREF}{inspection_id}"


@ft.observable
@dataclass
class AppSession:
    """Per-session state; fields change on the session's event loop only."""

    store: InspectionStore
    settings: SettingsStore
    lang: Language = "vi"
    members: dict[str, str] = field(default_factory=dict)
    """Inspection id -> the member id of the person using this session on that visit."""
    ready: bool = False
    """The session's remembered preferences have been read (until then screens wait)."""
    prefs: Any = None
    """Flet's SharedPreferences service (None in plain tests): where the choices are kept."""
    sync: SyncPanel = field(default_factory=SyncPanel)
    """How syncing stands (the app's sync service updates it while the session watches)."""
    sync_service: SyncService | None = None
    """The app process's one sync service (None in plain tests of other screens)."""

    async def restore(self) -> None:
        """Read the remembered language and members; a failing preference store is logged and
        the defaults stay (the person is simply asked again)."""
        try:
            for attempt in range(1, PREF_ATTEMPTS + 1):
                try:
                    await asyncio.wait_for(self._read_preferences(), PREF_TIMEOUT_S)
                    break
                except TimeoutError:
                    logger.warning(
                        "the preferences did not answer in %.0f s (attempt %d of %d)",
                        PREF_TIMEOUT_S,
                        attempt,
                        PREF_ATTEMPTS,
                    )
        except Exception:  # a browser refusing local storage must not stop the app
            logger.exception("could not read the session preferences")
        finally:
            self.ready = True

    async def _read_preferences(self) -> None:
        if self.prefs is None:
            return
        lang = await self.prefs.get(LANGUAGE_PREF)
        if lang in ("vi", "en"):
            self.lang = cast(Language, lang)
        members: dict[str, str] = {}
        for key in await self.prefs.get_keys(_MEMBER_PREF):
            value = await self.prefs.get(key)
            if isinstance(value, str) and value:
                members[key.removeprefix(_MEMBER_PREF)] = value
        self.members = members

    async def remember_member(self, inspection_id: str, member_id: str) -> None:
        """Choose and keep who this person is on that visit."""
        self.choose_member(inspection_id, member_id)
        await self._keep(member_pref_key(inspection_id), member_id)

    async def remember_language(self, lang: Language) -> None:
        """Switch and keep the language."""
        self.set_language(lang)
        await self._keep(LANGUAGE_PREF, lang)

    async def _keep(self, key: str, value: str) -> None:
        if self.prefs is None:
            return
        try:
            await self.prefs.set(key, value)
        except Exception:  # kept for this session anyway
            logger.exception("could not keep the preference %s", key)

    def member_of(self, inspection_id: str) -> str | None:
        """Who this person is on that visit, if they said."""
        return self.members.get(inspection_id)

    def choose_member(self, inspection_id: str, member_id: str) -> None:
        """Remember who this person is on that visit (the screen also stores it)."""
        self.members = {**self.members, inspection_id: member_id}

    def set_language(self, lang: Language) -> None:
        self.lang = lang


SessionContext: ft.ContextProvider[AppSession | None] = ft.create_context(None)


def use_session() -> AppSession:
    """The session of the screen being rendered (inside `App` only)."""
    session = ft.use_context(SessionContext)
    if session is None:
        raise RuntimeError("use_session() outside App: no SessionContext provided")
    return session
