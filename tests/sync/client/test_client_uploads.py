"""Photo uploads in few round trips: one call asks how far every lacking photo is, then two
upload side by side; a server older than that call is asked one photo at a time."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import uvicorn
from sqlalchemy import select

from sync.client.status import Phase
from sync.server.app import create_app
from sync.server.tables import StoredPhoto
from tests.sync.client.conftest import Tablet, server_record
from tests.sync.client.faults import FaultProxy
from tests.sync.client.helpers import attach, ready, score
from tests.sync.server.central import Team, sha
from tests.sync.server.conftest import LiveServer, free_port, wait_for

STATES = b"POST /api/v1/photos/upload-states"


def asked_states(proxy: FaultProxy) -> int:
    return sum(1 for r in proxy.requests if r.startswith(STATES + b" "))


def one_photo_states(proxy: FaultProxy) -> list[bytes]:
    return [r for r in proxy.requests if r.startswith(b"GET /api/v1/photos/") and b"/upload" in r]


def held_photos(live: LiveServer) -> set[str]:
    """The photos the server stored (verified, a row each)."""
    assert live.server is not None
    services = live.server.config.app.state.services  # type: ignore[attr-defined]
    with services.sessions() as session:
        return set(session.scalars(select(StoredPhoto.sha256)))


class OlderServer:
    """The real app, as served before `POST /api/v1/photos/upload-states` existed: that path
    goes where an older server routed it (`/api/v1/photos/{sha256}`, GET and HEAD only), so
    the real routing answers it 405."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope.get("path") == "/api/v1/photos/upload-states":
            scope = {**scope, "path": "/api/v1/photos/" + "0" * 64}
        await self.app(scope, receive, send)


@pytest.fixture
def older(live: LiveServer) -> Iterator[str]:
    """A second server on the live one's data, without the batch call: its URL."""
    config = uvicorn.Config(
        OlderServer(create_app(live.settings)), host="127.0.0.1", port=free_port()
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_for(lambda: server.started, "older server start")
    yield f"http://127.0.0.1:{config.port}"
    server.should_exit = True
    thread.join(timeout=30)


def test_the_lacking_photos_are_asked_about_in_one_call_and_all_arrive(
    live: LiveServer, team: Team, proxy: FaultProxy, make_tablet: Callable[..., Tablet]
) -> None:
    tablet = make_tablet("member_1", url=proxy.url, chunk_bytes=16 * 1024)
    vid = team.inspection_id
    ready(tablet, vid)
    photos = [attach(tablet, vid, 60 + n, (320, 240)) for n in range(5)]
    score(tablet, vid, "A2")

    status = tablet.worker.run_once()

    assert status.phase is Phase.IDLE and tablet.store.pending() == []
    assert status.photos_pending == 0
    assert status.bytes_sent == status.bytes_total >= sum(map(len, photos))
    assert asked_states(proxy) == 1
    assert one_photo_states(proxy) == []
    assert server_record(live, vid)[0] == tablet.store.get(vid).content_hash()
    assert {sha(p) for p in photos} <= held_photos(live)


def test_a_server_without_the_call_is_asked_one_photo_at_a_time(
    live: LiveServer, team: Team, older: str, make_tablet: Callable[..., Tablet]
) -> None:
    proxy = FaultProxy(int(older.rsplit(":", 1)[1]))
    tablet = make_tablet("member_1", url=proxy.url)
    vid = team.inspection_id
    ready(tablet, vid)
    photos = [attach(tablet, vid, 70 + n, (200, 150)) for n in range(3)]

    status = tablet.worker.run_once()

    assert status.phase is Phase.IDLE and tablet.store.pending() == []
    assert asked_states(proxy) == 1  # asked once, answered 405 by the older server
    assert len(one_photo_states(proxy)) == len(photos)
    assert {sha(p) for p in photos} <= held_photos(live)
    proxy.close()
