"""Tests for the sync status model and screen view-model: real store and settings in tmp_path."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import flet as ft
import pytest

from checklists.record.photos import add_photo
from checklists.record.sample import LEAD, SAMPLE_ID, build_sample_inspection
from inspect_app.i18n import t
from inspect_app.settings import SettingsStore
from inspect_app.store import InspectionStore
from inspect_app.sync_status import SYNC_PHASES, SyncPanel, SyncRunner
from inspect_app.viewmodels.sync_status import SyncStatusViewModel, format_instant

ENDPOINT = "https://kiemtra.example.vn"


class FakeWorker:
    """A worker that "sends" everything pending when asked, as the sync issue's will."""

    def __init__(self, store: InspectionStore, status: SyncPanel) -> None:
        self.store, self.status, self.rounds = store, status, 0

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass

    async def sync_now(self) -> None:
        self.rounds += 1
        for record_id in self.store.pending():
            rev = self.store.sync_state(record_id).local_rev
            self.store.mark_synced(record_id, rev, self.store.get(record_id).content_hash())
        self.status.last_success = datetime(2023, 11, 24, 7, 5, tzinfo=UTC)
        self.status.last_error = None


@pytest.fixture
def store(tmp_path: Path) -> Iterator[InspectionStore]:
    held = InspectionStore.open(tmp_path / "data")
    yield held
    held.close()


@pytest.fixture
def settings(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "data")


def with_endpoint(settings: SettingsStore) -> SettingsStore:
    settings.save(settings.current.model_copy(update={"endpoint_url": ENDPOINT}))
    return settings


def test_a_fake_worker_meets_the_protocol(store: InspectionStore) -> None:
    worker: SyncRunner = FakeWorker(store, SyncPanel())
    assert callable(worker.sync_now)
    assert SYNC_PHASES == ("idle", "syncing", "offline", "paused_sign_in", "refused")


def test_nothing_stored_nothing_pending(store: InspectionStore, settings: SettingsStore) -> None:
    vm = SyncStatusViewModel(store=store, settings=settings, sync=SyncPanel())
    asyncio.run(vm.load())
    assert (vm.status, vm.pending, vm.pending_photos, vm.missing_photos) == ("ready", [], 0, 0)


def test_pending_records_and_their_photos_are_listed(
    store: InspectionStore, settings: SettingsStore
) -> None:
    data = b"\xff\xd8 not really a jpeg, but the store keeps bytes by hash"
    sha = store.photos.put(data)
    missing = hashlib.sha256(b"taken on another tablet").hexdigest()
    record = add_photo(build_sample_inspection(), author_id=LEAD, sha256=sha, criterion_id="C4")
    record = add_photo(record, author_id=LEAD, sha256=missing, criterion_id="C4")
    store.save(record)
    store.save(add_photo(record, author_id=LEAD, sha256=sha, criterion_id="A1"))

    vm = SyncStatusViewModel(store=store, settings=settings, sync=SyncPanel())
    asyncio.run(vm.load())
    [row] = vm.pending
    assert (row.id, row.unit, row.day) == (SAMPLE_ID, "Phường Vĩnh Trại", "24/11/2023")
    assert (row.unsent_saves, row.never_sent) == (2, True)
    assert row.photos == vm.pending_photos == 2  # two distinct pictures
    assert vm.missing_photos == 1


def test_without_an_endpoint_sync_now_is_off_and_says_to_set_it_up(
    store: InspectionStore, settings: SettingsStore
) -> None:
    status = SyncPanel()
    status.worker = FakeWorker(store, status)
    vm = SyncStatusViewModel(store=store, settings=settings, sync=status)
    assert vm.endpoint == ""
    assert not vm.can_sync_now
    assert vm.note == t("sync.note.not_set_up")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_with_an_endpoint_but_no_worker_the_note_is_honest(
    store: InspectionStore, settings: SettingsStore, lang: str
) -> None:
    vm = SyncStatusViewModel(
        store=store, settings=with_endpoint(settings), sync=SyncPanel(), lang=lang
    )
    assert vm.endpoint == ENDPOINT
    assert not vm.can_sync_now
    assert vm.note == t("sync.note.no_worker", lang)
    asyncio.run(vm.sync_now())  # does nothing, raises nothing
    assert vm.last_success_text() == t("sync.last_success.never", lang)
    assert vm.state_text() == t("sync.state.idle", lang)


def test_a_worker_plugged_in_runs_a_round_and_the_screen_reads_again(
    store: InspectionStore, settings: SettingsStore
) -> None:
    store.save(build_sample_inspection())
    status = SyncPanel(last_error="Không kết nối được máy chủ.")
    worker = FakeWorker(store, status)
    status.worker = worker
    vm = SyncStatusViewModel(store=store, settings=with_endpoint(settings), sync=status)
    asyncio.run(vm.load())
    assert [p.id for p in vm.pending] == [SAMPLE_ID]
    assert vm.can_sync_now and vm.note is None

    asyncio.run(vm.sync_now())
    assert worker.rounds == 1
    assert vm.pending == [] and store.pending() == []
    assert status.last_error is None
    assert vm.last_success_text() == format_instant(status.last_success, "vi")  # type: ignore[arg-type]


def test_no_round_while_one_is_running(store: InspectionStore, settings: SettingsStore) -> None:
    status = SyncPanel(state="syncing", bytes_sent=250, bytes_total=1000)
    status.worker = worker = FakeWorker(store, status)
    vm = SyncStatusViewModel(store=store, settings=with_endpoint(settings), sync=status)
    assert status.progress == 0.25
    assert not vm.can_sync_now
    asyncio.run(vm.sync_now())
    assert worker.rounds == 0


def test_progress_only_while_syncing() -> None:
    assert SyncPanel(bytes_sent=5, bytes_total=10).progress is None
    assert SyncPanel(state="syncing").progress is None
    assert SyncPanel(state="syncing", bytes_sent=20, bytes_total=10).progress == 1.0


@pytest.mark.parametrize(("lang", "word"), [("vi", "lúc"), ("en", "at")])
def test_times_are_shown_in_local_time_with_the_date(lang: str, word: str) -> None:
    moment = datetime(2023, 11, 24, 7, 5, tzinfo=UTC)
    local = moment.astimezone()
    text = format_instant(moment, lang)
    assert text == f"{local:%d/%m/%Y} {word} {local:%H:%M}"


def test_the_status_model_is_observable() -> None:
    status = SyncPanel()
    seen: list[str | None] = []

    def listener(_sender: object, name: str | None) -> None:
        seen.append(name)

    cast(ft.Observable, status).subscribe(listener)  # held weakly: keep `listener` alive
    status.state = "offline"
    status.last_error = "Mất mạng"
    assert seen == ["state", "last_error"]


def test_a_store_that_cannot_be_read_gives_a_message(
    store: InspectionStore, settings: SettingsStore
) -> None:
    store.save(build_sample_inspection())
    vm = SyncStatusViewModel(store=store, settings=settings, sync=SyncPanel())
    store.close()
    asyncio.run(vm.load())
    assert vm.status == "error"
    assert vm.error is not None and vm.error.startswith(t("sync.load_failed", error="").rstrip())
