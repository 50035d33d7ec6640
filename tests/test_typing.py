"""mypy, strict (per pyproject), passes on every package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_strict_passes_on_every_package() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "checklists", "inspect_app", "sync"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout
