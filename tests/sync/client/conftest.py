"""Fixtures for the sync client: a real server on loopback (the server suite's `LiveServer`,
on SQLite only to keep this suite lean), a proxy in front of it for faults, and tablets that
are real `InspectionStore`s in `tmp_path`, signed in with real enrollments.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from checklists.errors import UnknownTemplate
from checklists.template.catalog import Resolver, get_template
from checklists.template.model import Template
from inspect_app.store import InspectionStore, TemplateFolder
from inspect_app.store.atomic import atomic_write
from sync.client.backoff import Backoff
from sync.client.credentials import TokenFile
from sync.client.worker import SyncWorker
from sync.server.config import Settings
from sync.server.tables import Change, StoredInspection
from tests.sync.client.faults import FaultProxy
from tests.sync.server.central import Team, make_team
from tests.sync.server.conftest import ADMIN_PASSWORD, LiveServer, free_port

USERS = {"leader": "leader", "member_1": "member1", "member_2": "member2", "outsider": "outsider"}


@pytest.fixture
def dedupe() -> bool:
    """The server's de-duplication: on (a negative control parametrizes it off)."""
    return True


@pytest.fixture
def live(tmp_path: Path, dedupe: bool) -> Iterator[LiveServer]:
    """A real uvicorn on a free loopback port, SQLite in tmp_path (restartable)."""
    settings = Settings(
        dedupe=dedupe,
        data_dir=tmp_path / "central",
        admin_password=ADMIN_PASSWORD,  # type: ignore[arg-type]
        password_memory_kib=64,
        max_chunk_bytes=512 * 1024,
        max_photo_pixels=4_000_000,
    )
    server = LiveServer(settings, free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def team(live: LiveServer) -> Iterator[Team]:
    """Accounts, devices and a planned visit (cqtt-xa v1) made through the real server."""
    with httpx.Client(base_url=live.url, timeout=30) as http:
        yield make_team(http, ADMIN_PASSWORD)


@pytest.fixture
def proxy(live: LiveServer) -> Iterator[FaultProxy]:
    """The fault-injecting proxy in front of the live server."""
    fault_proxy = FaultProxy(live.port)
    yield fault_proxy
    fault_proxy.close()


class Draws:
    """An injected `random()`: the same draw every time, recorded."""

    def __init__(self, value: float = 0.5) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> float:
        self.calls += 1
        return self.value


@dataclass
class Tablet:
    """One tablet: its store, its template folder and its sync worker (not started)."""

    store: InspectionStore
    templates: TemplateFolder
    worker: SyncWorker
    member_id: str


_TABLETS = itertools.count()


def _nothing_bundled(template_id: str, version: int) -> Template:
    raise UnknownTemplate(f"{template_id} v{version} is not bundled in this build")


@pytest.fixture
def make_tablet(tmp_path: Path, live: LiveServer, team: Team) -> Iterator[Callable[..., Tablet]]:
    """Tablets signed in as one of the team (`who`), talking to `url` (the server by default)."""
    made: list[Tablet] = []

    def make(
        who: str, *, url: str | None = None, bundled: bool = True, chunk_bytes: int = 64 * 1024
    ) -> Tablet:
        folder = tmp_path / f"tablet-{next(_TABLETS)}-{who}"
        resolver: Resolver = get_template if bundled else _nothing_bundled
        templates = TemplateFolder.in_data_dir(folder, bundled=resolver)
        store = InspectionStore.open(folder, templates=templates.resolve)
        worker = SyncWorker(
            store,
            TokenFile.in_folder(folder, atomic_write),
            server_url=url or live.url,
            templates=templates,
            backoff=Backoff(base=1.0, cap=60.0, draw=Draws()),
            chunk_bytes=chunk_bytes,
        )
        worker.sign_in(USERS[who], f"{USERS[who]}-password", f"tablet of {who}")
        tablet = Tablet(store, templates, worker, team.ids[who])
        made.append(tablet)
        return tablet

    yield make
    for tablet in made:
        tablet.worker.stop()
        tablet.store.close()


def server_record(live: LiveServer, inspection_id: str) -> tuple[str, int, int]:
    """What the database holds: the record's content hash, revision and the change rows."""
    assert live.server is not None
    services = live.server.config.app.state.services  # type: ignore[attr-defined]
    with services.sessions() as session:
        row = session.get(StoredInspection, inspection_id)
        changes = session.scalar(
            select(func.count()).select_from(Change).where(Change.inspection_id == inspection_id)
        )
        return row.content_hash, row.revision, int(changes or 0)
