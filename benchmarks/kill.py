"""kill -9 soak: 1,000 SIGKILLs of a store writer, then a stock TinyDB negative control.

Usage: uv run python benchmarks/kill.py [--trials 1000] [--stock-trials 300] [--seed 1] [--dir PATH]

The harness is the one `tests/inspect_app/store/test_kill.py` runs (kill_writer.py): a writer
process saves and ACKs; it is SIGKILLed after U(5, 250) ms; the store is reopened and held to
every ACK. Pass: 0 corrupt stores and 0 lost acknowledged saves; the stock control must show
corrupt files (> 0), or the harness cannot see what it is looking for.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

HARNESS = Path(__file__).resolve().parents[1] / "tests" / "inspect_app" / "store" / "kill_writer.py"


def load_harness() -> ModuleType:
    """Load kill_writer.py by path: `tests/` is not an importable package."""
    spec = importlib.util.spec_from_file_location("kill_writer", HARNESS)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {HARNESS}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--stock-trials", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    harness = load_harness()
    root = args.dir or Path(tempfile.mkdtemp(prefix="bench-kill-"))
    print(f"data in {root}")
    rows = []
    for mode, trials, dirs in (("atomic", args.trials, 4), ("stock", args.stock_trials, 1)):
        if trials <= 0:
            continue
        started = time.monotonic()
        totals = harness.run_trials(root / mode, trials, seed=args.seed, mode=mode, dirs=dirs)
        wall = time.monotonic() - started
        rows.append((mode, totals, wall))
        print(f"{mode:>6}: {totals.line()} wall={wall:.0f}s", flush=True)
        for failure in totals.failures[:5]:
            print(f"        {failure}")
    print(
        f"\n{'storage':<24} {'trials':>7} {'corrupt':>8} {'lost ACKed':>11} "
        f"{'ACKs checked':>13} {'wall':>7}"
    )
    for mode, t, wall in rows:
        name = "InspectionStore" if mode == "atomic" else "stock TinyDB JSONStorage"
        print(
            f"{name:<24} {t.trials:>7} {t.corrupt_stores:>8} {t.lost_acks:>11} "
            f"{t.acks_checked:>13} {wall:>6.0f}s"
        )
    print()
    for mode, t, _ in rows:
        if mode == "atomic":
            ok = t.corrupt_stores == 0 and t.lost_acks == 0 and t.index_mismatches == 0
            print(
                f"{'PASS' if ok else 'FAIL'}  store: 0 corrupt, 0 lost acknowledged saves, "
                "index agrees with records"
            )
        else:
            ok = t.corrupt_stores > 0
            print(
                f"{'PASS' if ok else 'FAIL'}  negative control: stock corrupt files > 0 "
                f"({t.corrupt_stores})"
            )
    if args.dir is None:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
