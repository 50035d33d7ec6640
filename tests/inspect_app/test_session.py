"""The per-session state: language and who I am per visit, kept in the device's preferences."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from inspect_app import session as session_module
from inspect_app.session import LANGUAGE_PREF, AppSession, member_pref_key
from inspect_app.settings import SettingsStore
from inspect_app.store import InspectionStore


class Prefs:
    """The preferences service's four calls over a dict (SharedPreferences in the app)."""

    def __init__(self, held: dict[str, str] | None = None, fail: bool = False) -> None:
        self.held = dict(held or {})
        self.fail = fail

    async def get(self, key: str) -> str | None:
        if self.fail:
            raise RuntimeError("storage refused")
        return self.held.get(key)

    async def get_keys(self, prefix: str) -> list[str]:
        if self.fail:
            raise RuntimeError("storage refused")
        return [k for k in self.held if k.startswith(prefix)]

    async def set(self, key: str, value: str) -> bool:
        if self.fail:
            raise RuntimeError("storage refused")
        self.held[key] = value
        return True


def session(tmp_path: Path, prefs: Prefs | None) -> AppSession:
    store = InspectionStore.open(tmp_path / "data")
    return AppSession(store=store, settings=SettingsStore(tmp_path), prefs=prefs)


def test_choices_are_kept_and_restored_by_the_next_session(tmp_path: Path) -> None:
    prefs = Prefs()
    first = session(tmp_path, prefs)
    asyncio.run(first.remember_member("visit-1", "m-2"))
    asyncio.run(first.remember_language("en"))
    first.store.close()

    second = session(tmp_path, prefs)
    assert second.member_of("visit-1") is None and not second.ready
    asyncio.run(second.restore())
    assert second.ready
    assert second.member_of("visit-1") == "m-2"
    assert second.member_of("visit-2") is None
    assert second.lang == "en"
    assert prefs.held == {member_pref_key("visit-1"): "m-2", LANGUAGE_PREF: "en"}
    second.store.close()


def test_unknown_language_and_empty_member_are_ignored(tmp_path: Path) -> None:
    prefs = Prefs({LANGUAGE_PREF: "fr", member_pref_key("v"): ""})
    s = session(tmp_path, prefs)
    asyncio.run(s.restore())
    assert s.lang == "vi" and s.member_of("v") is None and s.ready
    s.store.close()


def test_a_failing_preference_store_keeps_the_choice_for_this_session(tmp_path: Path) -> None:
    s = session(tmp_path, Prefs(fail=True))
    asyncio.run(s.restore())
    assert s.ready  # the screens do not wait forever
    asyncio.run(s.remember_member("v", "m-1"))
    assert s.member_of("v") == "m-1"
    s.store.close()


class SilentFirst(Prefs):
    """A client that leaves its first `silent` calls unanswered (as a web client still starting
    can: Flet waits for the answer with no time limit)."""

    def __init__(self, held: dict[str, str], silent: int) -> None:
        super().__init__(held)
        self.silent = silent

    async def get(self, key: str) -> str | None:
        if self.silent > 0:
            self.silent -= 1
            await asyncio.Event().wait()  # never answered
        return await super().get(key)


def test_an_unanswered_preference_read_is_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_module, "PREF_TIMEOUT_S", 0.05)
    s = session(tmp_path, SilentFirst({LANGUAGE_PREF: "en", member_pref_key("v"): "m-1"}, 1))
    asyncio.run(s.restore())
    assert s.ready and s.lang == "en" and s.member_of("v") == "m-1"
    s.store.close()


def test_a_client_that_never_answers_still_lets_the_screens_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_module, "PREF_TIMEOUT_S", 0.05)
    s = session(tmp_path, SilentFirst({LANGUAGE_PREF: "en"}, silent=10**6))
    asyncio.run(s.restore())
    assert s.ready and s.lang == "vi"  # the defaults: the person is asked again
    s.store.close()
