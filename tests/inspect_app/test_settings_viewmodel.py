"""Tests for the settings view-model: real store and settings file in tmp_path (plain pytest)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checklists.record.roster import remove_member
from checklists.record.sample import DEPUTY, LEAD, SAMPLE_ID, build_sample_inspection
from inspect_app.i18n import t
from inspect_app.session import LANGUAGE_PREF, AppSession
from inspect_app.settings import DEFAULT_PHOTO_EDGE, PHOTO_EDGES, SettingsStore
from inspect_app.store import InspectionStore
from inspect_app.viewmodels.settings import SettingsViewModel, VisitMember


class FakePrefs:
    """The device's preferences (Flet's SharedPreferences) as a dict."""

    def __init__(self) -> None:
        self.kept: dict[str, Any] = {}

    async def set(self, key: str, value: Any) -> bool:
        self.kept[key] = value
        return True

    async def get(self, key: str) -> Any:
        return self.kept.get(key)

    async def get_keys(self, prefix: str) -> list[str]:
        return [k for k in self.kept if k.startswith(prefix)]


@pytest.fixture
def session(tmp_path: Path) -> Iterator[AppSession]:
    store = InspectionStore.open(tmp_path / "data")
    yield AppSession(store=store, settings=SettingsStore(tmp_path / "data"), prefs=FakePrefs())
    store.close()


def settings_file(session: AppSession) -> dict[str, Any] | None:
    path = session.settings.path
    return json.loads(path.read_text("utf-8")) if path.exists() else None


def test_starts_from_the_saved_settings(session: AppSession) -> None:
    session.settings.save(
        session.settings.current.model_copy(
            update={"photo_max_edge": 2048, "endpoint_url": "https://kiemtra.example.vn"}
        )
    )
    vm = SettingsViewModel(session=session)
    assert (vm.photo_max_edge, vm.endpoint_url) == (2048, "https://kiemtra.example.vn")
    assert not vm.endpoint_dirty


def test_defaults_on_a_new_device(session: AppSession) -> None:
    vm = SettingsViewModel(session=session)
    assert (vm.photo_max_edge, vm.endpoint_url) == (DEFAULT_PHOTO_EDGE, "")
    assert vm.photo_choices == sorted(PHOTO_EDGES)


def test_switching_language_switches_the_session_and_is_remembered(session: AppSession) -> None:
    vm = SettingsViewModel(session=session)
    asyncio.run(vm.choose_language("en"))
    assert session.lang == vm.lang == "en"
    assert session.prefs.kept[LANGUAGE_PREF] == "en"
    # A new session on this device starts in English.
    again = AppSession(store=session.store, settings=session.settings, prefs=session.prefs)
    asyncio.run(again.restore())
    assert again.lang == "en"


def test_an_open_endpoint_error_is_said_again_in_the_new_language(session: AppSession) -> None:
    vm = SettingsViewModel(session=session)
    vm.set_endpoint("kiemtra")
    asyncio.run(vm.save_endpoint())
    assert vm.endpoint_error == t("settings.endpoint.bad", "vi")
    asyncio.run(vm.choose_language("en"))
    assert vm.endpoint_error == t("settings.endpoint.bad", "en")


def test_photo_cap_is_saved_at_once(session: AppSession) -> None:
    vm = SettingsViewModel(session=session)
    assert asyncio.run(vm.choose_photo_edge(1024))
    assert vm.photo_max_edge == 1024
    assert SettingsStore(session.settings.path.parent).current.photo_max_edge == 1024


def test_a_photo_cap_outside_the_choices_is_refused(session: AppSession) -> None:
    vm = SettingsViewModel(session=session)
    with pytest.raises(ValueError):
        asyncio.run(vm.choose_photo_edge(999))
    assert settings_file(session) is None


@pytest.mark.parametrize(
    "typed",
    ["kiemtra.example.vn", "ftp://kiemtra.example.vn", "https://", "http://exa mple.vn", "://x"],
)
def test_a_bad_endpoint_is_a_field_error_and_nothing_is_saved(
    session: AppSession, typed: str
) -> None:
    session.settings.save(session.settings.current.model_copy(update={"photo_max_edge": 2048}))
    before = settings_file(session)
    vm = SettingsViewModel(session=session)
    vm.set_endpoint(typed)
    assert asyncio.run(vm.save_endpoint()) is False
    assert vm.endpoint_error == t("settings.endpoint.bad")
    assert settings_file(session) == before
    assert session.settings.current.endpoint_url == ""
    vm.set_endpoint(typed + "x")
    assert vm.endpoint_error is None  # typing again clears the message


def test_a_good_endpoint_is_saved_without_its_trailing_slash(session: AppSession) -> None:
    vm = SettingsViewModel(session=session)
    vm.set_endpoint("  https://kiemtra.example.vn/api/ ")
    assert vm.endpoint_dirty
    assert asyncio.run(vm.save_endpoint())
    assert vm.endpoint_error is None
    assert vm.endpoint_url == "https://kiemtra.example.vn/api"
    assert SettingsStore(session.settings.path.parent).current.endpoint_url == (
        "https://kiemtra.example.vn/api"
    )
    # Emptying it again turns sync off.
    vm.set_endpoint("")
    assert asyncio.run(vm.save_endpoint())
    assert session.settings.current.endpoint_url == ""


def test_a_failing_disk_is_said_and_the_old_settings_stay(
    session: AppSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inspect_app.store import StoreWriteFailed

    def refuse(*_args: object) -> None:
        raise StoreWriteFailed("Không ghi được settings.json", reason="bộ nhớ đầy")

    monkeypatch.setattr(session.settings, "save", refuse)
    vm = SettingsViewModel(session=session)
    assert asyncio.run(vm.choose_photo_edge(1024)) is False
    assert vm.save_error is not None and "bộ nhớ đầy" in vm.save_error
    assert "settings.json" not in vm.save_error  # the plain words, no file name
    assert vm.photo_max_edge == DEFAULT_PHOTO_EDGE
    assert not vm.saving


def test_lists_who_the_person_is_on_each_visit(session: AppSession) -> None:
    sample = build_sample_inspection()
    session.store.save(sample)
    vm = SettingsViewModel(session=session)
    asyncio.run(vm.load())
    assert vm.visits == [
        VisitMember(id=SAMPLE_ID, unit="Phường Vĩnh Trại", day="24/11/2023", member=None)
    ]

    asyncio.run(session.remember_member(SAMPLE_ID, LEAD))
    asyncio.run(vm.load())
    assert vm.visits[0].member == sample.members[LEAD].name


def test_a_member_removed_from_the_delegation_is_flagged(session: AppSession) -> None:
    session.store.save(build_sample_inspection())
    session.store.edit(SAMPLE_ID, lambda r: remove_member(r, author_id=LEAD, member_id=DEPUTY))
    session.choose_member(SAMPLE_ID, DEPUTY)
    vm = SettingsViewModel(session=session)
    asyncio.run(vm.load())
    assert (vm.visits[0].member, vm.visits[0].member_gone) == (None, True)


def test_a_damaged_settings_file_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store = InspectionStore.open(folder)
    try:
        (folder / "settings.json").write_text('{"photo_max_edge": "to"}', "utf-8")
        session = AppSession(store=store, settings=SettingsStore(folder))
        vm = SettingsViewModel(session=session)
        assert vm.settings_problem
        assert vm.photo_max_edge == DEFAULT_PHOTO_EDGE
    finally:
        store.close()
