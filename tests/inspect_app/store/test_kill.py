"""SIGKILL torture: 100 kills of a writer mid-save lose no acknowledged save, corrupt no store."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from kill_writer import run_trials

TRIALS = 100
SEED = 20240501


@pytest.mark.slow
def test_store_survives_sigkill(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    totals = run_trials(tmp_path, TRIALS, seed=SEED)
    with capsys.disabled():
        print(f"\nkill -9 torture: {totals.line()} wall={time.monotonic() - started:.1f}s")  # noqa: T201
    assert totals.trials == TRIALS
    assert totals.acks_checked >= TRIALS, "the writer hardly saved anything: the test proves little"
    assert (totals.corrupt_stores, totals.lost_acks) == (0, 0), totals.failures[:5]
    assert (totals.index_mismatches, totals.temp_files_left) == (0, 0), totals.failures[:5]
