"""mypy (strict for `checklists`, per pyproject) passes on the pure domain."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_passes_on_checklists() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "checklists"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout
