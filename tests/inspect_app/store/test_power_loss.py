"""Power loss at every point of `atomic_write`: the file is always an old or new version, whole.

The writes run for real in `tmp_path` through a logging `FileOps` (the `atomic._ops` seam). The
log is then replayed against a model of a disk that keeps only what was synced (SQLite's crash
VFS idea): for every crash point k and several damage draws, rebuild a disk the power cut could
have left, then check the file against what was acknowledged.

The model (conservative POSIX, no particular file system):
* file data survives a power cut once `fsync` of that file returned; bytes written after that
  may be missing, torn (a prefix), complete, or NULs (size on disk, data not);
* names (create, rename, unlink) survive once the folder was fsynced; later ones survive as an
  in-order prefix (a metadata journal replays in order);
* a write is acknowledged when `atomic_write` returned.

Two mutants, one call dropped each (the folder fsync; the temp file fsync), must be caught.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from inspect_app.store import atomic
from inspect_app.store.atomic import TMP_PREFIX, FileOps, atomic_write

WRITES = 40
DRAWS = 25
SEED = 20240501
NAME = "record.json"
DAMAGES = ("missing", "torn", "complete", "nul")

pytestmark = pytest.mark.skipif(
    not hasattr(os, "O_DIRECTORY"), reason="folders cannot be fsynced on this platform"
)

Event = tuple[Any, ...]  # ("create", name, inode) | ("data", inode, bytes) | ("fsync", inode)
# | ("fsync_dir",) | ("rename", src, dst) | ("unlink", name)


class LoggingOps(FileOps):
    """The real calls, logged as events; `drop` names calls a mutant never makes."""

    def __init__(self, drop: frozenset[str] = frozenset()) -> None:
        self.drop = drop
        self.events: list[Event] = []
        self._inodes = itertools.count(1)
        self._fd_inode: dict[int, int] = {}
        self._dir_fds: set[int] = set()

    def mkstemp(self, folder: Path) -> tuple[int, str]:
        fd, tmp = super().mkstemp(folder)
        inode = next(self._inodes)
        self._fd_inode[fd] = inode
        self.events.append(("create", Path(tmp).name, inode))
        return fd, tmp

    def write(self, fd: int, data: memoryview | bytes) -> int:
        written = super().write(fd, data)
        self.events.append(("data", self._fd_inode[fd], bytes(data[:written])))
        return written

    def fsync(self, fd: int) -> None:
        if fd in self._dir_fds:
            if "fsync_dir" not in self.drop:
                super().fsync(fd)
                self.events.append(("fsync_dir",))
        elif "fsync_file" not in self.drop:
            super().fsync(fd)
            self.events.append(("fsync", self._fd_inode[fd]))

    def close(self, fd: int) -> None:
        super().close(fd)
        self._dir_fds.discard(fd)
        self._fd_inode.pop(fd, None)

    def open_dir(self, folder: Path) -> int | None:
        fd = super().open_dir(folder)
        if fd is not None:
            self._dir_fds.add(fd)
        return fd

    def replace(self, src: str | Path, dst: str | Path) -> None:
        super().replace(src, dst)
        self.events.append(("rename", Path(src).name, Path(dst).name))

    def unlink(self, path: str | Path) -> None:
        super().unlink(path)
        self.events.append(("unlink", Path(path).name))


@dataclass
class History:
    """What the writer did: the versions written and, for each, the event count at its ack."""

    versions: list[bytes] = field(default_factory=list)
    acked_at: list[int] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def version(n: int, rng: random.Random) -> bytes:
    """Version n: a record-like JSON document whose size goes up and down between versions."""
    doc = {"rev": n, "note": "Niêm yết đầy đủ thủ tục. " * rng.randint(1, 60)}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def run_writer(folder: Path, ops: LoggingOps, monkeypatch: pytest.MonkeyPatch) -> History:
    rng = random.Random(SEED)
    history = History()
    monkeypatch.setattr(atomic, "_ops", ops)
    for n in range(1, WRITES + 1):
        data = version(n, rng)
        history.versions.append(data)
        atomic_write(folder / NAME, data)
        history.acked_at.append(len(ops.events))
    monkeypatch.undo()
    history.events = list(ops.events)
    assert (folder / NAME).read_bytes() == history.versions[-1]  # the real run is sane
    return history


def damaged(synced: bytes, unsynced: bytes, mode: str, rng: random.Random) -> bytes:
    if mode == "missing":
        return synced
    if mode == "torn":
        return synced + unsynced[: rng.randrange(len(unsynced) + 1)]
    if mode == "nul":
        return synced + b"\x00" * len(unsynced)
    return synced + unsynced


def recover(events: list[Event], rng: random.Random, draw: int) -> bytes | None:
    """One disk the power cut after `events` may have left; the file's bytes (None: no file).

    Draw 0 keeps nothing unsynced, draw 1 keeps everything; the others are random.
    """
    last_dir_sync = max((i for i, e in enumerate(events) if e[0] == "fsync_dir"), default=-1)
    name_ops = [(i, e) for i, e in enumerate(events) if e[0] in ("create", "rename", "unlink")]
    durable = [e for i, e in name_ops if i < last_dir_sync]
    pending = [e for i, e in name_ops if i > last_dir_sync]
    keep = {0: 0, 1: len(pending)}.get(draw, rng.randint(0, len(pending)) if pending else 0)
    names: dict[str, int] = {}
    for op in durable + pending[:keep]:
        if op[0] == "create":
            names[op[1]] = op[2]
        elif op[0] == "rename":
            names[op[2]] = names.pop(op[1])
        else:
            names.pop(op[1], None)
    inode = names.get(NAME)
    if inode is None:
        return None
    written, synced_len = b"", 0
    for e in events:
        if e[0] == "data" and e[1] == inode:
            written += e[2]
        elif e[0] == "fsync" and e[1] == inode:
            synced_len = len(written)
    mode = {0: "missing", 1: "complete"}.get(draw, rng.choice(DAMAGES))
    return damaged(written[:synced_len], written[synced_len:], mode, rng)


def verdict(history: History, k: int, content: bytes | None) -> str:
    """'ok', 'corrupt' (not a whole version) or 'lost' (older than the last acknowledged)."""
    acked = sum(1 for at in history.acked_at if at <= k)  # versions 1..acked were acknowledged
    if content is None:
        return "ok" if acked == 0 else "lost"
    if content not in history.versions:
        return "corrupt"
    return "ok" if history.versions.index(content) + 1 >= acked else "lost"


def crash_everywhere(history: History) -> Iterator[str]:
    rng = random.Random(SEED)
    for k in range(len(history.events) + 1):
        for draw in range(DRAWS):
            yield verdict(history, k, recover(history.events[:k], rng, draw))


VARIANTS = {
    "real_recipe": frozenset(),
    "mutant_no_fsync_dir": frozenset({"fsync_dir"}),
    "mutant_no_fsync_file": frozenset({"fsync_file"}),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_power_loss_every_crash_point(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variant: str,
) -> None:
    history = run_writer(tmp_path, LoggingOps(drop=VARIANTS[variant]), monkeypatch)
    counts = Counter(crash_everywhere(history))
    crash_points = len(history.events) + 1
    line = (
        f"{variant}: {WRITES} writes, {crash_points} crash points x {DRAWS} draws = "
        f"{counts.total()} recoveries: {counts['ok']} ok, {counts['corrupt']} corrupt, "
        f"{counts['lost']} lost acknowledged writes"
    )
    with capsys.disabled():
        print(f"\npower loss: {line}")  # noqa: T201
    assert counts.total() == crash_points * DRAWS
    if variant == "real_recipe":
        assert len(history.events) == WRITES * 5  # create, data, fsync, rename, fsync_dir
        assert counts["corrupt"] == 0
        assert counts["lost"] == 0
    else:
        # The checker has teeth: dropping either fsync is caught.
        assert counts["corrupt"] + counts["lost"] >= 1


def test_crash_before_the_first_rename_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model keeps the target untouched until a rename; new files only have `.tmp-` names."""
    ops = LoggingOps()
    history = run_writer(tmp_path, ops, monkeypatch)
    created = {e[1] for e in history.events if e[0] == "create"}
    assert created and all(name.startswith(TMP_PREFIX) for name in created)
    first_rename = next(i for i, e in enumerate(history.events) if e[0] == "rename")
    rng = random.Random(SEED)
    assert all(recover(history.events[:first_rename], rng, d) is None for d in range(DRAWS))
