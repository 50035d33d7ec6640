"""The data folder lock: a second app process is refused with a clear message, never let in."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from checklists.template.model import Template
from inspect_app.store import InspectionStore, StoreLocked

Resolver = Callable[[str, int], Template]

SECOND_PROCESS = """
import sys
from pathlib import Path
from inspect_app.store import InspectionStore, StoreLocked
try:
    store = InspectionStore.open(Path(sys.argv[1]))
except StoreLocked as exc:
    sys.stdout.write(str(exc))
    sys.exit(3)
store.close()
sys.stdout.write("OPENED")
"""

HOLDER = """
import sys
from pathlib import Path
from inspect_app.store import InspectionStore
store = InspectionStore.open(Path(sys.argv[1]))
sys.stdout.write("HOLDING\\n")
sys.stdout.flush()
sys.stdin.read()
"""


def open_in_another_process(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SECOND_PROCESS, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_second_process_is_refused_until_the_first_closes(
    data_dir: Path, templates: Resolver
) -> None:
    store = InspectionStore.open(data_dir, templates=templates)
    refused = open_in_another_process(data_dir)
    store.close()
    allowed = open_in_another_process(data_dir)
    assert (refused.returncode, allowed.returncode) == (3, 0), refused.stderr + allowed.stderr
    assert "đang mở ở một cửa sổ khác" in refused.stdout
    assert "Hãy đóng cửa sổ đó rồi mở lại ứng dụng" in refused.stdout
    assert str(data_dir) in refused.stdout
    assert allowed.stdout == "OPENED"


def test_second_open_in_the_same_process_is_refused(data_dir: Path, templates: Resolver) -> None:
    with InspectionStore.open(data_dir, templates=templates):
        with pytest.raises(StoreLocked, match="Hãy đóng cửa sổ đó"):
            InspectionStore.open(data_dir, templates=templates)
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert store.problems == []


def test_a_killed_process_leaves_no_stale_lock(data_dir: Path, templates: Resolver) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "HOLDING\n"
        with pytest.raises(StoreLocked):
            InspectionStore.open(data_dir, templates=templates)
    finally:
        holder.kill()  # SIGKILL: no close(), no cleanup
        holder.communicate(timeout=30)
    with InspectionStore.open(data_dir, templates=templates) as store:
        assert store.list_summaries() == []
