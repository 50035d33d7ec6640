"""Every benchmark script starts as its README command runs it (`uv run python benchmarks/X.py`).

Run as a script, a benchmark's folder comes first on the import path, where `benchmarks/sync.py`
(the name the sync issue gives it) hides the `sync` package: `benchmarks/central.py` broke that
way unnoticed. `--help` imports everything a script needs and runs nothing heavy.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted(
    path for path in (ROOT / "benchmarks").glob("*.py") if "usage:" in path.read_text().lower()
)


def test_the_benchmarks_are_found() -> None:
    assert {"central.py", "sync.py", "store.py"} <= {path.name for path in SCRIPTS}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_each_benchmark_starts_as_a_script(script: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(script), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "usage:" in done.stdout.lower()
