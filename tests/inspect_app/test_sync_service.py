"""The app's sync service and panel against a real central endpoint (`inspect-central` on
loopback, SQLite in tmp_path) and a real InspectionStore: sign in through the sync screen's
view-model, a record saved here becomes delivered, a wrong password is said in plain words,
a new address restarts the worker, and every phase of the client maps to one of the screen's."""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from checklists.record.editing import assess
from checklists.record.model import Value
from checklists.record.sample import SAMPLE_ID, build_sample_inspection
from checklists.template.model import Status
from inspect_app.i18n import t
from inspect_app.session import AppSession
from inspect_app.settings import SettingsStore
from inspect_app.store import InspectionStore, TemplateFolder
from inspect_app.sync_service import SyncService
from inspect_app.sync_status import SYNC_PHASES, SyncPanel
from inspect_app.viewmodels.settings import SettingsViewModel
from inspect_app.viewmodels.sync_status import SyncStatusViewModel
from sync.client.credentials import Credentials
from sync.client.status import Phase, RefusedRecord, SyncStatus, Words
from sync.server.config import Settings
from tests.sync.server.central import Team, make_team
from tests.sync.server.conftest import ADMIN_PASSWORD, LiveServer, free_port


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveServer]:
    settings = Settings(
        data_dir=tmp_path / "central",
        admin_password=ADMIN_PASSWORD,
        password_memory_kib=64,
    )
    server = LiveServer(settings, free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def team(live: LiveServer) -> Iterator[Team]:
    with httpx.Client(base_url=live.url, timeout=30) as http:
        yield make_team(http, ADMIN_PASSWORD)


@dataclass
class Tablet:
    store: InspectionStore
    settings: SettingsStore
    service: SyncService


@pytest.fixture
def tablet(tmp_path: Path) -> Iterator[Tablet]:
    folder = tmp_path / "tablet"
    templates = TemplateFolder.in_data_dir(folder)
    store = InspectionStore.open(folder, templates=templates.resolve)
    settings = SettingsStore(folder)
    service = SyncService(store, settings, folder, templates=templates)
    yield Tablet(store, settings, service)
    service.close()
    store.close()


def set_url(settings: SettingsStore, url: str) -> None:
    settings.save(settings.current.model_copy(update={"endpoint_url": url}))


async def until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Let the loop run the worker's news until `condition` holds (fails after `timeout`)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


def watch(service: SyncService, panel: SyncPanel, lang: str = "vi") -> Callable[[], None]:
    """What App does for each session: the panel follows the service on this loop."""
    return service.watch(
        lambda status: panel.apply(status, lang, service if status is not None else None)
    )


def test_sign_in_then_a_record_saved_here_is_delivered(
    live: LiveServer, team: Team, tablet: Tablet
) -> None:
    set_url(tablet.settings, live.url)
    tablet.service.open()
    panel = SyncPanel()

    async def scenario() -> None:
        unwatch = watch(tablet.service, panel)
        assert tablet.service.watchers == 1
        # No token yet: the worker waits for a sign-in, the screen offers the form.
        assert panel.worker is tablet.service
        assert panel.state == "paused_sign_in" and panel.needs_sign_in
        vm = SyncStatusViewModel(
            store=tablet.store,
            settings=tablet.settings,
            sync=panel,
            service=tablet.service,
        )
        assert vm.show_sign_in and not vm.can_sync_now
        assert vm.note is None  # an endpoint is set: no "not set up" note
        vm.set_username("leader")
        vm.set_password("leader-password")
        assert await vm.sign_in()
        assert vm.password == ""  # not kept in the form
        await until(lambda: not panel.needs_sign_in and panel.last_success is not None)
        # The first pass pulled the planned visit.
        assert tablet.store.get(team.inspection_id).id == team.inspection_id
        assert panel.signed_in_as and not vm.show_sign_in

        # The leader scores a criterion offline: the record waits to be sent.
        tablet.store.edit(
            team.inspection_id,
            lambda r: assess(
                r,
                author_id=team.ids["leader"],
                criterion_id="A1",
                value=Value(status=Status.DAT),
            ),
        )
        await vm.load()
        assert [row.id for row in vm.pending] == [team.inspection_id]
        # A second pass may follow the first (a sign-in's "sync now" that arrived while the
        # thread's first pass was already running asks for another): wait until it has ended.
        await until(lambda: panel.state == "idle")
        before = panel.last_success
        assert vm.can_sync_now
        await vm.sync_now()
        await until(lambda: panel.last_success != before and panel.state == "idle")
        assert tablet.store.pending() == []
        assert vm.pending == []
        assert panel.pending_records == 0
        assert panel.last_error is None
        assert vm.last_success_text() != t("sync.last_success.never", "vi")
        unwatch()
        assert tablet.service.watchers == 0

    asyncio.run(scenario())
    # The server holds the leader's score: what was sent, not just what was marked.
    assert (
        team.copy(team.leader).content_hash() == tablet.store.get(team.inspection_id).content_hash()
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_wrong_password_is_refused_in_plain_words(
    live: LiveServer, team: Team, tablet: Tablet, lang: str
) -> None:
    set_url(tablet.settings, live.url)
    tablet.service.open()
    panel = SyncPanel()

    async def scenario() -> None:
        watch(tablet.service, panel, lang)
        vm = SyncStatusViewModel(
            store=tablet.store,
            settings=tablet.settings,
            sync=panel,
            lang=lang,
            service=tablet.service,
        )
        vm.set_username("leader")
        vm.set_password("not-the-password")
        assert not await vm.sign_in()
        expected = (
            "Sai tên đăng nhập hoặc mật khẩu." if lang == "vi" else "Wrong username or password."
        )
        assert vm.sign_in_error == expected
        assert vm.show_sign_in  # still asks
        assert not tablet.service.tokens.path.exists()
        vm.set_password("")
        assert not await vm.sign_in()  # nothing typed: says what is missing
        assert vm.sign_in_error and "401" not in vm.sign_in_error

    asyncio.run(scenario())


def test_a_new_address_restarts_the_worker_and_none_stops_it(
    live: LiveServer, tablet: Tablet, tmp_path: Path
) -> None:
    session = AppSession(store=tablet.store, settings=tablet.settings, sync_service=tablet.service)
    tablet.service.open()
    assert tablet.service.worker is None  # no endpoint: no worker

    async def scenario() -> None:
        watch(tablet.service, session.sync)
        assert session.sync.worker is None
        settings_vm = SettingsViewModel(session=session)
        settings_vm.set_endpoint(live.url)
        assert await settings_vm.save_endpoint()
        first = tablet.service.worker
        assert first is not None and first.transport.base_url.rstrip("/") == live.url
        await until(lambda: session.sync.worker is tablet.service)
        assert session.sync.needs_sign_in

        other = f"http://127.0.0.1:{free_port()}"
        settings_vm.set_endpoint(other)
        assert await settings_vm.save_endpoint()
        second = tablet.service.worker
        assert second is not None and second is not first
        assert second.transport.base_url.rstrip("/") == other
        assert first._thread is None  # the old one stopped  # noqa: SLF001

        settings_vm.set_endpoint("")
        assert await settings_vm.save_endpoint()
        assert tablet.service.worker is None and second._thread is None  # noqa: SLF001
        await until(lambda: session.sync.worker is None)
        vm = SyncStatusViewModel(store=tablet.store, settings=tablet.settings, sync=session.sync)
        assert not vm.can_sync_now and vm.note is not None  # the "set it up" note

    asyncio.run(scenario())


EXPECTED = {
    Phase.IDLE: "idle",
    Phase.SYNCING: "syncing",
    Phase.OFFLINE: "offline",
    Phase.PAUSED_NEED_SIGN_IN: "paused_sign_in",
    Phase.REFUSED: "refused",
}


@pytest.mark.parametrize("phase", list(Phase))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_apply_maps_every_phase(phase: Phase, lang: str) -> None:
    runner = object()
    words = Words("Máy chủ từ chối", "The server refused")
    status = SyncStatus(
        phase=phase,
        records_pending=3,
        photos_pending=2,
        bytes_sent=10,
        bytes_total=40,
        last_error=words,
        refused=(RefusedRecord("insp-1", 4, words),),
        signed_in_as="Nguyễn Văn A",
    )
    panel = SyncPanel()
    panel.apply(status, lang, runner)  # type: ignore[arg-type]
    assert panel.state == EXPECTED[phase] and panel.state in SYNC_PHASES
    assert (panel.pending_records, panel.pending_photos) == (3, 2)
    assert (panel.bytes_sent, panel.bytes_total) == (10, 40)
    assert panel.last_error == words.text(lang)
    assert [(n.inspection_id, n.message) for n in panel.refused] == [("insp-1", words.text(lang))]
    assert panel.signed_in_as == "Nguyễn Văn A"
    assert panel.worker is runner
    assert panel.needs_sign_in == (phase is Phase.PAUSED_NEED_SIGN_IN)

    panel.apply(None, lang)  # the worker went away (no endpoint)
    assert panel.state == "idle" and panel.worker is None
    assert panel.refused == () and not panel.last_error
    assert panel.pending_records == 0 and not panel.signed_in_as


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_refused_records_are_named_by_their_unit_with_the_servers_words(
    tablet: Tablet, lang: str
) -> None:
    tablet.store.save(build_sample_inspection())
    words = Words("Thành viên không thuộc đoàn", "The member is not in the delegation")
    panel = SyncPanel()
    status = SyncStatus(
        phase=Phase.REFUSED,
        last_error=words,
        refused=(RefusedRecord(SAMPLE_ID, 1, words), RefusedRecord("gone", 2, words)),
    )
    panel.apply(status, lang, tablet.service)
    set_url(tablet.settings, "https://kiemtra.example.vn")
    vm = SyncStatusViewModel(store=tablet.store, settings=tablet.settings, sync=panel, lang=lang)
    asyncio.run(vm.load())
    assert [(row.id, row.unit, row.message) for row in vm.refused] == [
        (SAMPLE_ID, "Phường Vĩnh Trại", words.text(lang)),
        ("gone", t("sync.refused.unknown", lang), words.text(lang)),
    ]
    assert vm.state_text() == t("sync.state.refused", lang)
    assert vm.can_sync_now and vm.note is None  # a worker: the round may be asked for again


def test_the_screen_says_the_workers_words_in_its_language(tablet: Tablet) -> None:
    set_url(tablet.settings, f"http://127.0.0.1:{free_port()}")  # nobody there; no token yet
    tablet.service.open()
    panel = SyncPanel()
    for lang in ("vi", "en"):
        vm = SyncStatusViewModel(
            store=tablet.store,
            settings=tablet.settings,
            sync=panel,
            lang=lang,
            service=tablet.service,
        )
        asyncio.run(vm.load())
        status = tablet.service.status
        assert status is not None and status.last_error is not None
        assert panel.last_error == status.last_error.text(lang)
        assert panel.worker is tablet.service and vm.show_sign_in


_WHERE: contextvars.ContextVar[str] = contextvars.ContextVar("where", default="a worker thread")


def test_news_from_a_worker_thread_reach_the_watcher_in_the_watching_sessions_context(
    tablet: Tablet,
) -> None:
    """Flet finds a session's page through context variables: news told in the worker
    thread's context failed in the app with "The context is not associated with any page"."""
    url = f"http://127.0.0.1:{free_port()}"  # nothing answers there: the worker's thread
    set_url(tablet.settings, url)  # tries, fails and says so (news from that thread)
    tablet.service.tokens.save(
        Credentials(server_url=url, device_id="d1", token="t", user_id="u1", username="u", name="U")
    )
    told: list[str] = []

    async def scenario() -> None:
        _WHERE.set("the session")
        unwatch = tablet.service.watch(lambda status: told.append(_WHERE.get()))
        await tablet.service.reconfigure()  # starts the worker: news from other threads
        await until(lambda: len(told) >= 3)
        unwatch()

    asyncio.run(scenario())
    assert set(told) == {"the session"}, told
