"""The app as a whole: settings, health, the first start, migrations, and the console script."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient

from checklists.template.validation import parse_template
from sync.protocol import PROTOCOL_VERSION, SERVICE
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.migrate import migrate
from sync.server.tables import Base
from tests.sync.server.conftest import SQLITE_ONLY, free_port, wait_for


@SQLITE_ONLY
def test_health_names_our_service_and_protocol(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.json() == {"service": SERVICE, "protocol": PROTOCOL_VERSION, "status": "ok"}
    assert client.head("/api/health").status_code == 200


def test_settings_default_to_sqlite_in_a_local_folder_on_localhost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in list(os.environ):
        if name.startswith("INSPECT_CENTRAL_"):
            monkeypatch.delenv(name)
    settings = Settings()
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert (
        settings.sqlalchemy_url()
        == f"sqlite:///{Path('inspect-central-data').resolve()}/central.sqlite3"
    )
    assert settings.admin_password is None


def test_settings_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("INSPECT_CENTRAL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("INSPECT_CENTRAL_DATABASE_URL", "postgresql://u:p@db.example/central")
    monkeypatch.setenv("INSPECT_CENTRAL_PORT", "9001")
    settings = Settings()
    assert settings.photo_dir == tmp_path / "photos"
    assert settings.sqlalchemy_url() == "postgresql+psycopg://u:p@db.example/central"
    assert settings.port == 9001


def test_the_first_start_makes_an_admin_and_shows_the_password_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(data_dir=tmp_path, password_memory_kib=64)
    with caplog.at_level(logging.WARNING, logger="inspect_central"):
        first = create_app(settings)
    password = first.state.services.admin_password
    shown = [r.getMessage() for r in caplog.records if password and password in r.getMessage()]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="inspect_central"):
        second = create_app(settings)

    assert len(shown) == 1
    assert second.state.services.admin_password is None and caplog.records == []
    body = {"username": "admin", "password": password, "device_name": "laptop"}
    assert TestClient(second).post("/api/v1/devices", json=body).status_code == 201
    for app in (first, second):
        app.state.services.engine.dispose()


def test_the_migrations_build_exactly_the_tables_the_code_declares(client: TestClient) -> None:
    engine = client.app.state.services.engine  # type: ignore[attr-defined]
    migrate(engine)  # a second run changes nothing
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_the_console_script_serves_the_embedded_default(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "inspect-central"
    port = free_port()
    env = {
        **os.environ,
        "INSPECT_CENTRAL_PORT": str(port),
        "INSPECT_CENTRAL_PASSWORD_MEMORY_KIB": "64",
    }
    env.pop("INSPECT_CENTRAL_DATABASE_URL", None)
    env.pop("INSPECT_CENTRAL_DATA_DIR", None)
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(script)], cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:

        def healthy() -> bool:
            assert process.poll() is None, log.read_text()
            try:
                return (
                    httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).json()["service"]
                    == SERVICE
                )
            except httpx.TransportError:
                return False

        wait_for(healthy, "inspect-central to answer", timeout=60)
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert (tmp_path / "inspect-central-data" / "central.sqlite3").is_file()
    assert "admin account 'admin' created with password" in log.read_text()


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("INSPECT_CENTRAL_DEDUPE", "false", b"test-only switch"),
        ("INSPECT_CENTRAL_WORKERS", "2", b"INSPECT_CENTRAL_WORKERS=2: SQLite has one writer"),
    ],
    ids=["the test-only dedupe switch", "several processes on SQLite"],
)
def test_the_console_script_refuses_before_touching_data(
    tmp_path: Path, variable: str, value: str, says: bytes
) -> None:
    script = Path(sys.executable).parent / "inspect-central"
    env = {**os.environ, variable: value, "INSPECT_CENTRAL_PORT": "1"}
    env.pop("INSPECT_CENTRAL_DATABASE_URL", None)
    env["INSPECT_CENTRAL_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run([str(script)], env=env, capture_output=True, timeout=60, check=False)
    assert done.returncode != 0
    assert says in done.stderr
    assert not (tmp_path / "data" / "central.sqlite3").exists()


def test_processes_default_to_one_on_sqlite_and_several_on_postgresql(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert Settings(data_dir=tmp_path).processes() == 1
    assert Settings(data_dir=tmp_path, database_url="postgresql://u@h/d").processes() == 4
    assert (
        Settings(data_dir=tmp_path, database_url="postgresql://u@h/d", workers=2).processes() == 2
    )
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert Settings(data_dir=tmp_path, database_url="postgresql://u@h/d").processes() == 1


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_console_script_serves_postgresql_from_several_processes(
    tmp_path: Path, database_url: str
) -> None:
    """Two worker processes over one database: the admin is made (and shown) once, before
    they start, and a token enrolled through one is good in the other."""
    script = Path(sys.executable).parent / "inspect-central"
    port = free_port()
    env = {
        **os.environ,
        "INSPECT_CENTRAL_PORT": str(port),
        "INSPECT_CENTRAL_PASSWORD_MEMORY_KIB": "64",
        "INSPECT_CENTRAL_DATABASE_URL": database_url,
        "INSPECT_CENTRAL_DATA_DIR": str(tmp_path / "data"),
        "INSPECT_CENTRAL_WORKERS": "2",
    }
    env.pop("INSPECT_CENTRAL_ADMIN_PASSWORD", None)
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([str(script)], env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:

        def workers() -> list[int]:
            assert process.poll() is None, log.read_text()
            return [pid for pid in _children(process.pid) if b"spawn_main" in _cmdline(pid)]

        def healthy() -> bool:
            try:
                return httpx.get(f"{url}/api/health", timeout=2).json()["service"] == SERVICE
            except httpx.TransportError:
                return False

        wait_for(lambda: len(workers()) == 2 and healthy(), "two workers answering", timeout=90)
        text = log.read_text()
        assert text.count("admin account 'admin' created with password") == 1, text
        password = text.split("created with password ", 1)[1].split()[0]
        sign_in = {"username": "admin", "password": password, "device_name": "office"}
        answers = []
        for _ in range(12):  # a new connection each: uvicorn's workers share the socket
            token = httpx.post(f"{url}/api/v1/devices", json=sign_in, timeout=30).json()["token"]
            headers = {"Authorization": f"Bearer {token}"}
            answers += [httpx.get(f"{url}/api/v1/users", headers=headers, timeout=30)]
            answers += [httpx.get(f"{url}/api/v1/users", headers=headers, timeout=30)]
        assert [a.status_code for a in answers] == [200] * 24
    finally:
        process.terminate()
        process.wait(timeout=60)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_published_templates_are_listed_and_served_by_id_version_and_hash(
    client: TestClient,
) -> None:
    admin = {"username": "admin", "password": "admin-secret-pass", "device_name": "x"}
    token = client.post("/api/v1/devices", json=admin).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    listed = client.get("/api/v1/templates", headers=headers).json()
    ref = next(t for t in listed if t["id"] == "cqtt-xa")
    url = f"/api/v1/templates/{ref['id']}/{ref['version']}"

    served = client.get(url, headers=headers, params={"content_hash": ref["content_hash"]})
    other = client.get(url, headers=headers, params={"content_hash": "0" * 64})

    parsed = parse_template(served.content)
    assert parsed.content_hash() == ref["content_hash"] == served.headers["etag"].strip('"')
    assert other.status_code == 404
