"""SIGKILL torture: a writer script that saves and ACKs, and the harness that kills and checks it.

Run as a script, it is the writer: `python kill_writer.py <data_dir> <seed> [atomic|stock]`. It
waits for "GO" on stdin (so the harness can start the next writer while checking the last),
opens the store, prints READY, then edits a few inspections for ever, printing
`ACK <id> <local_rev> <content_hash>` after each save returns and `SYNCED <id> <rev>` after each
mark_synced. `atomic` is `InspectionStore`; `stock` is one stock TinyDB `JSONStorage` file
holding every inspection (the negative control, which is expected to corrupt).
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tinydb import Query, TinyDB

from checklists.record.editing import assess, new_inspection
from checklists.record.model import Inspection, Role, Value
from checklists.template.catalog import get_template
from checklists.template.model import Status
from inspect_app.store import InspectionStore, RecordNotFound

__all__ = ["Totals", "check_stock", "check_store", "run_trials", "writer"]

WRITER = Path(__file__).resolve()
IDS = [str(uuid.uuid5(uuid.NAMESPACE_URL, f"kill-writer/{k}")) for k in range(3)]
MEMBERS = [
    {"id": "m1", "name": "Nguyễn Văn An", "role": Role.TRUONG_DOAN},
    {"id": "m2", "name": "Trần Thị Bình"},
    {"id": "m3", "name": "Lê Hoàng Cường"},
]
WORDS = (
    "Ủy ban nhân dân xã đã niêm yết công khai thủ tục hành chính tại bộ phận một cửa; "
    "cán bộ tiếp dân đúng giờ, thái độ niềm nở, hướng dẫn người dân tận tình, chu đáo. "
)
STOCK_FILE = "stock.json"
AHEAD = 2


# -- the writer ------------------------------------------------------------------------------


def _say(line: str) -> None:
    """One line to the harness, flushed at once: an ACK must not sit in a buffer."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _edit(rng: random.Random, insp: Inspection) -> Inspection:
    template = get_template(insp.template_id, insp.template_version)
    criterion = rng.choice([c for c in template.criteria() if c.scoring.kind != "info"])
    kind = criterion.scoring.kind
    if kind == "status":
        value = Value(status=rng.choice(list(Status)))
    elif kind == "yes_no":
        value = Value(answer=rng.random() < 0.5)
    else:
        value = Value(score=float(rng.randint(0, int(criterion.max_points))))
    # A third of the edits shorten a note, so files shrink as well as grow.
    length = rng.randint(0, 40) if rng.random() < 0.33 else rng.randint(100, 1500)
    note = (WORDS * (length // len(WORDS) + 1))[:length]
    author = rng.choice(MEMBERS)["id"]
    return assess(insp, author_id=author, criterion_id=criterion.id, value=value, note=note)


def _fresh(inspection_id: str) -> Inspection:
    header = {"unit_name": f"Xã {inspection_id[:4]}", "inspection_date": date(2024, 5, 1)}
    template = get_template("cqtt-xa", 1)
    return new_inspection(template, header, inspection_id=inspection_id, members=MEMBERS)


def _atomic_loop(data_dir: Path, rng: random.Random) -> None:
    with InspectionStore.open(data_dir) as store:
        _say("READY")
        while True:
            inspection_id = rng.choice(IDS)
            try:
                insp = _edit(rng, store.get(inspection_id))
            except RecordNotFound:
                insp = _fresh(inspection_id)
            rev = store.save(insp)
            _say(f"ACK {insp.id} {rev} {insp.content_hash()}")
            if rng.random() < 0.05:
                store.mark_synced(insp.id, rev, insp.content_hash())
                _say(f"SYNCED {insp.id} {rev}")


def _stock_loop(data_dir: Path, rng: random.Random) -> None:
    with TinyDB(data_dir / STOCK_FILE) as db:
        table = db.table("inspections")
        _say("READY")
        while True:
            inspection_id = rng.choice(IDS)
            doc = table.get(Query().id == inspection_id)
            if doc is None:
                insp, rev = _fresh(inspection_id), 1
            else:
                insp = _edit(rng, Inspection.model_validate(doc["record"]))
                rev = int(doc["rev"]) + 1
            record = insp.model_dump(mode="json")
            table.upsert({"id": insp.id, "rev": rev, "record": record}, Query().id == insp.id)
            _say(f"ACK {insp.id} {rev} {insp.content_hash()}")


def writer(argv: list[str]) -> None:
    """The writer process: wait for GO, then save and ACK until killed."""
    data_dir, seed, mode = Path(argv[0]), int(argv[1]), argv[2] if len(argv) > 2 else "atomic"
    if sys.stdin.readline().strip() != "GO":
        return
    rng = random.Random(seed)
    data_dir.mkdir(parents=True, exist_ok=True)
    (_atomic_loop if mode == "atomic" else _stock_loop)(data_dir, rng)


# -- the harness -----------------------------------------------------------------------------


@dataclass
class Totals:
    """What the torture found, summed over trials."""

    trials: int = 0
    corrupt_stores: int = 0
    lost_acks: int = 0
    acks_checked: int = 0
    index_mismatches: int = 0
    temp_files_left: int = 0
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"trials={self.trials} corrupt_stores={self.corrupt_stores} "
            f"lost_acked_saves={self.lost_acks} acks_checked={self.acks_checked} "
            f"index_mismatches={self.index_mismatches} temp_files_left={self.temp_files_left}"
        )


class _Writer:
    """One writer process, started ahead of its trial; a thread collects its output."""

    def __init__(self, data_dir: Path, seed: int, mode: str) -> None:
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(data_dir), str(seed), mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.strip())
            if line.startswith("READY"):
                self.ready.set()

    def go(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("GO\n")
        self.proc.stdin.flush()
        if not self.ready.wait(timeout=30):
            err = self.proc.stderr.read() if self.proc.stderr else ""
            raise RuntimeError(f"writer did not start: {err}")

    def kill(self) -> list[str]:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self._reader.join(timeout=10)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        return self.lines


def _acks(lines: list[str]) -> tuple[dict[str, list[tuple[int, str]]], dict[str, int]]:
    acks: dict[str, list[tuple[int, str]]] = {}
    synced: dict[str, int] = {}
    for line in lines:
        parts = line.split()
        if parts and parts[0] == "ACK":
            acks.setdefault(parts[1], []).append((int(parts[2]), parts[3]))
        elif parts and parts[0] == "SYNCED":
            synced[parts[1]] = max(synced.get(parts[1], 0), int(parts[2]))
    return acks, synced


def check_store(data_dir: Path, lines: list[str], floor: dict[str, int], totals: Totals) -> None:
    """Reopen the store and hold it to every ACK; `floor` carries each id's highest ACKed rev."""
    acks, synced = _acks(lines)
    with InspectionStore.open(data_dir) as store:
        corrupt_dir = data_dir / "corrupt"
        if store.problems or (corrupt_dir.exists() and any(corrupt_dir.iterdir())):
            totals.corrupt_stores += 1
            totals.failures.append(f"{data_dir}: {store.problems}")
        for folder in (data_dir, data_dir / "inspections", data_dir / "photos"):
            totals.temp_files_left += len(list(folder.glob(".tmp-*")))
        for inspection_id in sorted(set(acks) | set(floor)):
            state = store.sync_state(inspection_id)
            stored_hash = store.get(inspection_id).content_hash()
            for rev, content_hash in acks.get(inspection_id, []):
                totals.acks_checked += 1
                kept = rev < state.local_rev or (
                    rev == state.local_rev and content_hash == stored_hash
                )
                if not kept:
                    totals.lost_acks += 1
                    totals.failures.append(f"lost ACK {inspection_id} rev {rev}: {state}")
            if state.local_rev < floor.get(inspection_id, 0):
                totals.lost_acks += 1
                totals.failures.append(f"rev went back for {inspection_id}: {state}")
            if state.synced_rev < synced.get(inspection_id, 0):
                totals.lost_acks += 1
                totals.failures.append(f"lost mark_synced {inspection_id}: {state}")
            floor[inspection_id] = state.local_rev
        for summary in store.list_summaries():
            state = store.sync_state(summary.id)
            pending = state.local_rev > state.synced_rev
            if (summary.updated_counter, summary.pending_sync) != (state.local_rev, pending):
                totals.index_mismatches += 1
                totals.failures.append(f"index disagrees for {summary.id}: {summary} {state}")
        if {s.id for s in store.list_summaries()} != {p.stem for p in store_files(data_dir)}:
            totals.index_mismatches += 1


def store_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "inspections").glob("*.json"))


def check_stock(data_dir: Path, lines: list[str], totals: Totals) -> None:
    """The stock file must parse and hold every ACK. A corrupt one is counted, kept aside, and
    replaced by the last good copy so that the next trial again writes a file of full size."""
    acks, _ = _acks(lines)
    path, good = data_dir / STOCK_FILE, data_dir / f"{STOCK_FILE}.good"
    try:
        data = json.loads(path.read_bytes()) if path.exists() else {}
    except ValueError as exc:
        totals.corrupt_stores += 1
        totals.failures.append(f"{path}: {exc}")
        path.replace(path.with_name(f"corrupt-{totals.trials}.json"))
        if good.exists():
            shutil.copyfile(good, path)
        return
    revs = {d["id"]: int(d["rev"]) for d in data.get("inspections", {}).values()}
    for inspection_id, pairs in acks.items():
        for rev, _hash in pairs:
            totals.acks_checked += 1
            if revs.get(inspection_id, 0) < rev:
                totals.lost_acks += 1
    if path.exists():
        shutil.copyfile(path, good)


def run_trials(
    root: Path, trials: int, *, seed: int, mode: str = "atomic", dirs: int = 4
) -> Totals:
    """Kill a writer `trials` times after U(5, 250) ms each, cycling over `dirs` data folders."""
    rng = random.Random(seed)
    totals = Totals()
    floors: dict[int, dict[str, int]] = {k: {} for k in range(dirs)}

    def start(k: int) -> _Writer:
        return _Writer(root / f"store-{k % dirs}", seed * 100_000 + k, mode)

    # Two writers wait ahead, already past their imports, so a trial costs little more than its
    # delay; each opens its store only on GO, after the previous trial's check closed it.
    upcoming = deque(start(k) for k in range(min(AHEAD, trials)))
    for k in range(trials):
        current, delay = upcoming.popleft(), rng.uniform(0.005, 0.250)
        current.go()
        if k + AHEAD < trials:
            upcoming.append(start(k + AHEAD))
        time.sleep(delay)
        lines = current.kill()
        totals.trials += 1
        data_dir = root / f"store-{k % dirs}"
        if mode == "atomic":
            check_store(data_dir, lines, floors[k % dirs], totals)
        else:
            check_stock(data_dir, lines, totals)
    return totals


if __name__ == "__main__":
    writer(sys.argv[1:])
