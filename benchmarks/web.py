"""The web client over the wire: bytes and requests for a first visit and a reload, time to a list.

Usage: uv run python benchmarks/web.py [--runs 3] [--sample] [--chromium /usr/bin/chromium]

Starts the installed `inspect-app` on a free loopback port (empty data folder, or one holding
the sample inspection with --sample) and opens it in headless Chromium through Playwright, with
the test suite's flags (every non-loopback host unreachable). Each run is a fresh browser
context (empty cache): a first load, then a reload in the same context. Bytes on the wire are
the sum of CDP `Network.loadingFinished.encodedDataLength` (headers and body as received,
compressed) in the page's session; any request Playwright saw finish that this session did not
(a worker's) is listed. The WebSocket's traffic is not included.
"Usable" is the first inspection card, or the empty state's load-sample button, present in
the semantics tree and painted (a screenshot that is not one colour and equals the next one).
Targets: first load <= 5.5 MB, reload <= 300 KB. The times are wall-clock on loopback and
depend on the machine's load; run 1 also pays the server's one-off gzip of the client files.
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.sync_api import sync_playwright

FIRST_LOAD_TARGET = 5_500_000
RELOAD_TARGET = 300_000
LINK_BITS_PER_S = 2_000_000
"""The field's slow link, for the estimated transfer time."""
CHROMIUM_ARGS = [  # as tests/inspect_app/conftest.py
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
USABLE = '[flt-semantics-identifier="load-sample"], [flt-semantics-identifier^="inspection-card-"]'
TIMEOUT_MS = 90_000


@dataclass
class Traffic:
    """What CDP saw finish loading: request id -> (url, status, encoded bytes)."""

    responses: dict[str, tuple[str, int]] = field(default_factory=dict)
    finished: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    wire_status: dict[str, int] = field(default_factory=dict)
    """The status that came over the wire (a revalidated file is a 304 there, 200 to the page)."""

    def listen(self, cdp: Any) -> None:
        cdp.on("Network.responseReceived", self._response)
        cdp.on(
            "Network.responseReceivedExtraInfo",
            lambda e: self.wire_status.__setitem__(e["requestId"], int(e["statusCode"])),
        )
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", lambda e: self.failed.append(e["requestId"]))

    def _response(self, event: dict[str, Any]) -> None:
        response = event["response"]
        self.responses[event["requestId"]] = (response["url"], response["status"])

    def _finished(self, event: dict[str, Any]) -> None:
        self.finished[event["requestId"]] = int(event["encodedDataLength"])

    def status(self, rid: str) -> int:
        return self.wire_status.get(rid) or self.responses.get(rid, ("", 0))[1]

    def reset(self) -> None:
        self.wire_status.clear()
        self.responses.clear()
        self.finished.clear()
        self.failed.clear()

    @property
    def total(self) -> int:
        return sum(self.finished.values())

    def largest(self, n: int = 5) -> list[tuple[int, int, str]]:
        rows = [
            (size, self.status(rid), self.responses.get(rid, ("?", 0))[0])
            for rid, size in self.finished.items()
        ]
        return sorted(rows, reverse=True)[:n]

    def statuses(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for rid in self.finished:
            status = self.status(rid)
            counts[status] = counts.get(status, 0) + 1
        return counts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(data_dir: Path, log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The installed console script, headless, on a free port; returns once it listens."""
    port = free_port()
    script = Path(sys.executable).parent / "inspect-app"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(script), "--port", str(port), "--data-dir", str(data_dir)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"inspect-app exited:\n{log_path.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    raise SystemExit("inspect-app did not start in 60 s")


def unseen_by_cdp(finished: list[str], traffic: Traffic) -> list[str]:
    """Requests Playwright saw finish (page and workers) that CDP's page session did not."""
    seen = {url for url, _ in traffic.responses.values()}
    return [u for u in finished if u not in seen and not u.startswith(("blob:", "data:"))]


def is_one_colour(png: bytes) -> bool:
    extrema: Any = Image.open(io.BytesIO(png)).convert("RGB").getextrema()
    return all(low == high for low, high in extrema)


def wait_usable(page: Any) -> None:
    """Wait until the list is in the semantics tree and painted."""
    started = time.monotonic()
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=TIMEOUT_MS)
    page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    page.wait_for_selector(USABLE, state="attached", timeout=TIMEOUT_MS)
    before = None
    while time.monotonic() - started < TIMEOUT_MS / 1000:
        shot = page.screenshot()
        if not is_one_colour(shot) and shot == before:
            return
        before = shot
        time.sleep(0.1)
    raise SystemExit("the list never painted")


def measure(page: Any, traffic: Traffic, action: Any) -> tuple[int, int, float, Traffic]:
    traffic.reset()
    started = time.monotonic()
    action()
    wait_usable(page)
    elapsed = time.monotonic() - started
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    snapshot = Traffic(
        dict(traffic.responses),
        dict(traffic.finished),
        list(traffic.failed),
        dict(traffic.wire_status),
    )
    return snapshot.total, len(snapshot.finished), elapsed, snapshot


def report(label: str, total: int, count: int, seconds: float, traffic: Traffic) -> None:
    link_s = total * 8 / LINK_BITS_PER_S
    amount = f"{total / 1e6:6.2f} MB" if total >= 1e6 else f"{total / 1e3:6.1f} kB"
    print(
        f"  {label:<10} {amount} on the wire, {count:3d} requests "
        f"(statuses {traffic.statuses()}), usable after {seconds:5.2f} s on loopback, "
        f"~{link_s:4.1f} s of transfer at 2 Mbit/s"
    )
    for size, status, url in traffic.largest():
        print(f"      {size / 1e3:9.1f} kB  {status}  {url.split('/', 3)[-1]}")


def seed_sample(data_dir: Path) -> None:
    from checklists.record.sample import build_sample_inspection
    from inspect_app.store import InspectionStore

    with InspectionStore.open(data_dir) as store:
        store.save(build_sample_inspection())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", action="store_true", help="open on a store with one card")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="web-bench-"))
    data_dir = work / "data"
    if args.sample:
        seed_sample(data_dir)
    process, url = start_server(data_dir, work / "server.log")
    firsts: list[int] = []
    reloads: list[int] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=args.chromium, args=CHROMIUM_ARGS, headless=True
            )
            for run in range(1, args.runs + 1):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                traffic = Traffic()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                traffic.listen(cdp)
                finished: list[str] = []
                context.on("requestfinished", lambda request: finished.append(request.url))  # noqa: B023
                print(f"run {run}:")
                first = measure(page, traffic, lambda p=page: p.goto(url, timeout=TIMEOUT_MS))
                report("first load", *first)
                again = measure(page, traffic, lambda p=page: p.reload(timeout=TIMEOUT_MS))
                report("reload", *again)
                if missed := unseen_by_cdp(finished, again[3]):
                    print(f"  not counted (outside the page's CDP session): {missed}")
                firsts.append(first[0])
                reloads.append(again[0])
                context.close()
            browser.close()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)

    worst_first, worst_reload = max(firsts), max(reloads)
    ok = worst_first <= FIRST_LOAD_TARGET and worst_reload <= RELOAD_TARGET
    print(
        f"median first load {statistics.median(firsts) / 1e6:.2f} MB (worst "
        f"{worst_first / 1e6:.2f}, target <= {FIRST_LOAD_TARGET / 1e6:.1f}); median reload "
        f"{statistics.median(reloads) / 1e3:.1f} kB (worst {worst_reload / 1e3:.1f}, "
        f"target <= {RELOAD_TARGET / 1e3:.0f})"
    )
    print("PASS" if ok else "FAIL")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
