"""The sync screen in a browser against a real central endpoint: the app process (started on a
data folder whose settings.json names a real `inspect-central` on loopback) shows the sign-in
form, the person signs in, presses "Đồng bộ ngay", and the record saved on this device is
delivered; screenshots signed out and synced at the three sizes into artifacts/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from checklists.record.editing import assess
from checklists.record.model import Value
from checklists.template.model import Status
from inspect_app.i18n import t
from inspect_app.store import InspectionStore, TemplateFolder
from inspect_app.store.atomic import atomic_write
from sync.client.credentials import TokenFile
from sync.client.worker import SyncWorker
from sync.server.config import Settings
from tests.inspect_app.test_screens_list_browser import (
    OpenApp,
    hook,
    said,
    shoot_sizes,
    type_into,
)
from tests.sync.server.central import Team, make_team
from tests.sync.server.conftest import ADMIN_PASSWORD, LiveServer, free_port


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveServer]:
    settings = Settings(
        data_dir=tmp_path / "central", admin_password=ADMIN_PASSWORD, password_memory_kib=64
    )
    server = LiveServer(settings, free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def team(live: LiveServer) -> Iterator[Team]:
    with httpx.Client(base_url=live.url, timeout=30) as http:
        yield make_team(http, ADMIN_PASSWORD)


def tablet_with_a_pending_score(folder: Path, live: LiveServer, team: Team) -> None:
    """A data folder holding the planned visit with the leader's score not yet sent, no token
    (signed out) and settings naming the endpoint: what the app process starts on."""
    templates = TemplateFolder.in_data_dir(folder)
    tokens = TokenFile.in_folder(folder, atomic_write)
    with InspectionStore.open(folder, templates=templates.resolve) as store:
        worker = SyncWorker(store, tokens, server_url=live.url, templates=templates)
        worker.sign_in("leader", "leader-password", "test setup")
        worker.run_once()  # pulls the planned visit
        worker.stop()
        store.edit(
            team.inspection_id,
            lambda r: assess(
                r, author_id=team.ids["leader"], criterion_id="A1", value=Value(status=Status.DAT)
            ),
        )
        assert store.pending() == [team.inspection_id]
    tokens.clear()
    (folder / "settings.json").write_text(json.dumps({"endpoint_url": live.url}))


@pytest.mark.browser
def test_sign_in_and_sync_now_sends_what_waits(
    app_page: OpenApp, tmp_path: Path, screenshots_dir: Path, live: LiveServer, team: Team
) -> None:
    folder = tmp_path / "data"
    tablet_with_a_pending_score(folder, live, team)
    tab, app = app_page(folder)
    page = tab.page
    page.locator(hook("open-sync")).click()
    page.wait_for_url("**/sync")
    page.locator(hook("sync-sign-in-form")).wait_for(state="attached")
    assert t("sync.pending.records", count=1) in said(page, "sync-pending-count")
    assert page.locator(hook("sync-note")).count() == 0  # an endpoint is set
    shoot_sizes(tab, screenshots_dir, "sync-signed-out", lambda: None)
    page.set_viewport_size({"width": 1280, "height": 800})

    type_into(page, "sync-username", "leader")
    type_into(page, "sync-password", "leader-password")
    page.locator(hook("sync-sign-in")).click()
    page.locator(hook("sync-signed-in")).wait_for(state="attached")
    assert page.locator(hook("sync-sign-in-form")).count() == 0

    page.locator(f'{hook("sync-now")} [role="button"], {hook("sync-now")}').first.click()
    page.wait_for_function(
        """([sel, none]) => { const n = document.querySelector(sel);
            return n && ((n.getAttribute('aria-label') || '') + n.textContent).includes(none); }""",
        arg=[hook("sync-pending-count"), t("sync.pending.none")],
    )
    assert t("sync.last_success.never") not in said(page, "sync-state")
    shoot_sizes(tab, screenshots_dir, "sync-synced", lambda: None)

    # Delivered: the server's copy is the tablet's, score included. The app stops its worker
    # and then its store on SIGTERM (the folder opens again).
    app.stop()
    assert "sync worker started for " + live.url in app.log()
    assert app.process.returncode == 0, app.log()
    with InspectionStore.open(folder) as store:
        assert store.pending() == []
        assert team.copy(team.leader).content_hash() == store.get(team.inspection_id).content_hash()
