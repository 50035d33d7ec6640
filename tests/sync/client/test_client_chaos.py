"""Chaos: a share of all requests reset, answered into the void, cut mid-body, delayed or stalled
past the client's timeout, the server restarted, and (in the slow test) the sync client's
process SIGKILLed mid-upload and between the server acting and the client recording it, while
one tablet delivers its records with photos. `chaos_check.check_delivery` compares every record
and photo with the server: 0 lost, 0 duplicated, 0 hash mismatches, outbox empty. The negative
controls switch the server's de-duplication off (`Settings.dedupe`, test-only) and the same
checker must then report duplicates.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from inspect_app.store import InspectionStore, TemplateFolder
from sync.client.status import Phase
from tests.sync.client.chaos_check import Expected, Report, check_delivery
from tests.sync.client.conftest import Tablet
from tests.sync.client.faults import Fault, FaultProxy, Watch
from tests.sync.client.helpers import ready, score
from tests.sync.client.test_client_faults import attach_hash, noisy_jpeg
from tests.sync.server.central import Team
from tests.sync.server.conftest import LiveServer, wait_for

VISITS = int(os.environ.get("CHAOS_VISITS", "12"))
"""Records in the in-process chaos test (12 in the suite)."""
KILL_VISITS = int(os.environ.get("CHAOS_KILL_VISITS", "200"))
"""Records in the client-kill test: 200 (and 300 photos) in the suite."""
CONTROL_VISITS = int(os.environ.get("CHAOS_CONTROL_VISITS", "10"))
"""Records in the client-kill negative control."""
SEEDS = [int(s) for s in os.environ.get("CHAOS_SEEDS", "7").split(",")]
RATE = float(os.environ.get("CHAOS_RATE", "0.3"))
"""The share of requests faulted."""
READ_TIMEOUT = 1.0
"""The client's read timeout in these tests; a stall holds a request or answer longer."""
STALL = 1.5
PASSES = 200
ROOT = Path(__file__).resolve().parents[3]


def plan_visits(team: Team, count: int) -> list[str]:
    """More visits for the same delegation, planned by the central office."""
    ids = []
    for n in range(count):
        answer = team.api.http.post(
            "/api/v1/visits",
            headers=team.office,
            json={
                "template_id": "cqtt-xa",
                "template_version": 1,
                "unit_name": f"Xã thứ {n}",
                "inspection_date": "2026-12-02",
                "leader_id": team.ids["leader"],
                "members": [
                    {"user_id": team.ids["leader"], "role": "truong_doan"},
                    {"user_id": team.ids["member_1"]},
                ],
            },
        )
        assert answer.status_code == 201, answer.text
        ids.append(answer.json()["inspection_id"])
    return ids


def work_offline(
    tablet: Tablet, team: Team, count: int, seed: int, *, photos: bool = True
) -> Expected:
    """`count` planned visits pulled, then scored offline with 1 or 2 photos each (1.5 on
    average: 300 for 200 visits; every tenth visit also shows the previous visit's first
    photo, stored once); what the server should end up with."""
    visits = plan_visits(team, count)
    ready(tablet, visits[0])
    held: dict[str, bytes] = {}
    shown: list[str] = []
    """Each visit's first photo."""
    for n, visit in enumerate(visits):
        score(tablet, visit, "A1")
        if not photos:
            continue
        for k in range(1 + n % 2):
            data = noisy_jpeg(seed * 100_000 + n * 10 + k, (96, 72))
            digest = tablet.store.photos.put(data)
            held[digest] = data
            attach_hash(tablet, visit, digest, len(data))
            if k == 0:
                shown.append(digest)
        if n % 10 == 9:
            attach_hash(tablet, visit, shown[-2], len(held[shown[-2]]))
    assert sorted(tablet.store.pending()) == sorted(visits)
    revisions = dict.fromkeys(visits, 2)  # planned, then this tablet's work: once each
    revisions[team.inspection_id] = 1  # pulled, never changed
    return Expected(revisions, held)


@dataclass
class Figures:
    """What a chaos run did, printed with the checker's report."""

    records: int
    photos: int
    requests: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    kills: Counter[str] = field(default_factory=Counter)
    restarts: int = 0
    seconds: float = 0.0

    def line(self, title: str, report: Report) -> str:
        faults = ", ".join(f"{kind} {n}" for kind, n in sorted(self.faults.items()))
        kills = ", ".join(f"{kind} {n}" for kind, n in sorted(self.kills.items()))
        return (
            f"\n{title}: {self.records} records, {self.photos} photos, {self.requests} requests, "
            f"faults fired {sum(self.faults.values())} ({faults}), client kills "
            f"{sum(self.kills.values())} ({kills or 'none'}), {self.restarts} server restarts, "
            f"{self.seconds:.1f}s\n  checker: {report.summary()}"
        )


def fired(drawn: list[Fault]) -> Counter[str]:
    return Counter(f.label for f in drawn if f.fired)


def run_in_process(
    live: LiveServer, proxy: FaultProxy, tablet: Tablet, expected: Expected, seed: int
) -> tuple[Report, Figures]:
    """The tablet's worker passes in this process through the chaos, one server restart."""
    tablet.worker.transport.timeout = (2.0, READ_TIMEOUT)
    figures = Figures(len(expected.revisions) - 1, len(expected.photos))
    drawn = proxy.chaos(seed, rate=RATE, stall=STALL)
    started, requests_before = time.monotonic(), len(proxy.requests)
    for n in range(PASSES):
        if n == 3:
            live.stop()
            live.start()
            figures.restarts += 1
        status = tablet.worker.run_once()
        if status.phase is Phase.IDLE and status.last_error is None and not tablet.store.pending():
            break
    proxy.chaos(None)
    figures.seconds = time.monotonic() - started
    figures.requests = len(proxy.requests) - requests_before
    figures.faults = fired(drawn)
    return check_delivery(live, [tablet.store], expected), figures


@pytest.mark.parametrize("seed", SEEDS)
def test_under_chaos_every_record_and_photo_arrives_once_and_the_outbox_empties(
    live: LiveServer,
    team: Team,
    proxy: FaultProxy,
    make_tablet: Callable[..., Tablet],
    seed: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tablet = make_tablet("member_1", url=proxy.url, chunk_bytes=8 * 1024)
    expected = work_offline(tablet, team, VISITS, seed)
    report, figures = run_in_process(live, proxy, tablet, expected, seed)
    with capsys.disabled():
        print(figures.line(f"client chaos, seed {seed}", report))  # noqa: T201
    assert report.ok, report
    assert sum(figures.faults.values()) >= 10, "the chaos did not bite"
    assert {"reset_before", "drop_response", "cut_request"} <= set(figures.faults), figures


@pytest.mark.parametrize("dedupe", [False])
def test_negative_control_without_server_dedup_the_checker_reports_duplicates(
    live: LiveServer,
    team: Team,
    proxy: FaultProxy,
    make_tablet: Callable[..., Tablet],
    dedupe: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The same chaos and checker with the server applying every push it receives."""
    assert live.settings.dedupe is dedupe is False
    tablet = make_tablet("member_1", url=proxy.url, chunk_bytes=8 * 1024)
    expected = work_offline(tablet, team, VISITS, SEEDS[0])
    report, figures = run_in_process(live, proxy, tablet, expected, SEEDS[0])
    with capsys.disabled():
        print(figures.line("negative control (server dedup off)", report))  # noqa: T201
    assert report.duplicated, f"the checker missed the duplicates: {report}"
    assert not report.outbox_left and not report.lost, report


@pytest.mark.parametrize("dedupe", [True, False])
def test_a_push_applied_twice_after_its_answer_was_dropped_is_what_the_checker_counts(
    live: LiveServer,
    team: Team,
    proxy: FaultProxy,
    make_tablet: Callable[..., Tablet],
    dedupe: bool,
) -> None:
    """No photos (one push per record when nothing fails): three pushes whose answer is
    dropped after the server acted are retried; without dedup each retry is a revision more."""
    tablet = make_tablet("member_1", url=proxy.url)
    expected = work_offline(tablet, team, 5, SEEDS[0], photos=False)
    drops = [proxy.arm(b"PUT /api/v1/inspections/", "drop_response", skip=n) for n in (0, 1, 2)]
    for _ in range(PASSES):
        status = tablet.worker.run_once()
        if status.phase is Phase.IDLE and status.last_error is None and not tablet.store.pending():
            break
    assert all(f.fired for f in drops)
    report = check_delivery(live, [tablet.store], expected)
    assert not report.lost and not report.hash_mismatches and not report.outbox_left, report
    # each retried push: one revision and one change event too many
    assert len(report.duplicated) == (0 if dedupe else 2 * len(drops)), report


# -- the client in its own process, killed ----------------------------------------------------


@dataclass
class Runner:
    """The sync client process of one tablet folder, and the ways the test kills it."""

    folder: Path
    url: str
    log: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "tests.sync.client.sync_runner",
            *("--data-dir", str(self.folder), "--url", self.url),
            *("--read-timeout", str(READ_TIMEOUT), "--chunk-bytes", str(8 * 1024)),
        ]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=out)  # noqa: S603

    def kill(self) -> None:
        """SIGKILL the process if it still runs (the test's clean-up)."""
        process = self.process
        if process is not None and process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)

    def wait(self) -> int:
        assert self.process is not None
        return self.process.wait(timeout=600)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


KILL_PLAN = [
    "mid chunk upload",
    "after the server stored a push",
    "at a random moment",
    "after the server took a chunk",
    "mid chunk upload",
    "at a random moment",
    "after the server stored a push",
]
RESTART_DURING = {1, 4}
"""Runs during which the server is restarted (and once more between runs 2 and 3)."""


@dataclass
class Kill:
    """This run's death: a proxy watch that SIGKILLs this run's process (never a later one's);
    for a random moment, the watch on the run's first request starts a timer."""

    watch: Watch | None = None
    timer: threading.Timer | None = None

    def disarm(self, proxy: FaultProxy) -> None:
        if self.watch is not None:
            proxy.unwatch(self.watch)
        if self.timer is not None:
            self.timer.cancel()


def arm_kill(mode: str, runner: Runner, proxy: FaultProxy, rng: random.Random) -> Kill:
    """Set up the moment this run of the client dies."""
    process = runner.process
    assert process is not None

    def kill() -> None:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)

    skip = rng.randrange(0, 12)
    if mode == "mid chunk upload":
        return Kill(proxy.watch(b"PUT /api/v1/photos/", kill, cut=True, skip=skip))
    if mode == "after the server took a chunk":
        return Kill(proxy.watch(b"PUT /api/v1/photos/", kill, on="response", skip=skip))
    if mode == "after the server stored a push":
        return Kill(proxy.watch(b"PUT /api/v1/inspections/", kill, on="response", skip=skip))
    armed = Kill(timer=threading.Timer(rng.uniform(0.2, 3.0), kill))
    assert armed.timer is not None
    armed.watch = proxy.watch(b"GET /api/health", armed.timer.start)  # once sync has begun
    return armed


def run_killed(
    live: LiveServer, proxy: FaultProxy, tablet: Tablet, expected: Expected, seed: int, log: Path
) -> tuple[Report, Figures]:
    """The tablet's sync in its own process (`sync_runner`) through the chaos, SIGKILLed seven
    times at chosen and random moments and restarted on the same folder until it exits with an
    empty outbox; the server restarts three times, twice while the client syncs."""
    folder = tablet.store.data_dir
    tablet.worker.stop()
    tablet.store.close()  # the runner process takes the folder's lock
    runner = Runner(folder, proxy.url, log)
    rng = random.Random(seed)
    figures = Figures(len(expected.revisions) - 1, len(expected.photos))
    drawn = proxy.chaos(seed, rate=RATE, stall=STALL)
    started, requests_before = time.monotonic(), len(proxy.requests)
    try:
        for run in range(40):
            mode = KILL_PLAN[run] if run < len(KILL_PLAN) else None
            if run == 3:
                live.stop()
                live.start()
                figures.restarts += 1
            runner.start()
            kill = arm_kill(mode, runner, proxy, rng) if mode else None
            if run in RESTART_DURING:
                seen = len(proxy.requests)
                wait_for(
                    lambda seen=seen: len(proxy.requests) > seen + 20 or not runner.running(),
                    "the client to sync a while",
                    timeout=120,
                )
                live.stop()
                live.start()
                figures.restarts += 1
            code = runner.wait()
            if kill is not None:
                kill.disarm(proxy)
            if code == -signal.SIGKILL:
                assert mode is not None
                figures.kills[mode] += 1
                continue
            assert code == 0, f"sync_runner exited {code}:\n{log.read_text()[-3000:]}"
            break
    finally:
        runner.kill()
        proxy.chaos(None)
    figures.seconds = time.monotonic() - started
    figures.requests = len(proxy.requests) - requests_before
    figures.faults = fired(drawn)
    store = InspectionStore.open(folder, templates=TemplateFolder.in_data_dir(folder).resolve)
    try:
        return check_delivery(live, [store], expected), figures
    finally:
        store.close()


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_a_killed_client_process_and_restarted_server_lose_and_duplicate_nothing(
    live: LiveServer,
    team: Team,
    proxy: FaultProxy,
    make_tablet: Callable[..., Tablet],
    seed: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tablet = make_tablet("member_1", url=proxy.url)
    expected = work_offline(tablet, team, KILL_VISITS, seed)
    report, figures = run_killed(live, proxy, tablet, expected, seed, tmp_path / "runner.log")
    with capsys.disabled():
        print(figures.line(f"client kills, seed {seed}", report))  # noqa: T201
    assert report.ok, report
    assert sum(figures.kills.values()) >= 5, f"the client was killed too rarely: {figures.kills}"
    assert figures.restarts == 3
    assert sum(figures.faults.values()) >= 10, "the chaos did not bite"
    assert {"reset_before", "drop_response", "cut_request"} <= set(figures.faults), figures
    assert any(kind.startswith("stall") for kind in figures.faults), "no client timed out"


@pytest.mark.slow
@pytest.mark.parametrize("dedupe", [False])
def test_negative_control_killed_clients_without_server_dedup_the_checker_reports_duplicates(
    live: LiveServer,
    team: Team,
    proxy: FaultProxy,
    make_tablet: Callable[..., Tablet],
    dedupe: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The client-kill chaos, smaller (`CHAOS_CONTROL_VISITS`), with the server applying every
    push it receives: the same checker must count duplicates, and nothing else."""
    assert live.settings.dedupe is dedupe is False
    tablet = make_tablet("member_1", url=proxy.url)
    expected = work_offline(tablet, team, CONTROL_VISITS, SEEDS[0])
    report, figures = run_killed(live, proxy, tablet, expected, SEEDS[0], tmp_path / "runner.log")
    with capsys.disabled():
        print(figures.line("negative control, client kills (server dedup off)", report))  # noqa: T201
    assert report.duplicated, f"the checker missed the duplicates: {report}"
    assert not report.outbox_left and not report.lost, report
