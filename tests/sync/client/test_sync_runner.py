"""The chaos test's sync process (`sync_runner`) says how it ended: 0 synced, 3 paused for a
sign-in, 4 still pending after its passes; the chaos test trusts a 0 to mean an empty outbox."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sync.client import sync_runner
from tests.sync.client.conftest import Tablet, server_record
from tests.sync.client.helpers import ready, revoke_device, score
from tests.sync.server.central import Team
from tests.sync.server.conftest import LiveServer


def handed_over(tablet: Tablet) -> Path:
    """The tablet's folder, its store closed so the runner can take the folder's lock."""
    tablet.worker.stop()
    tablet.store.close()
    return tablet.store.data_dir


def run(folder: Path, url: str, passes: int = 20) -> int:
    argv = ["--data-dir", str(folder), "--url", url, "--max-passes", str(passes)]
    return sync_runner.main(argv)


def scored(make_tablet: Callable[..., Tablet], team: Team) -> Tablet:
    """A member's tablet with the planned visit and one criterion scored, not synced yet."""
    tablet = make_tablet("member_1")
    ready(tablet, team.inspection_id)
    score(tablet, team.inspection_id, "A1")
    return tablet


def closed_port() -> str:
    with socket.socket() as s:  # bound, then closed: nothing listens there
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def test_it_exits_0_once_the_outbox_is_empty_and_the_server_holds_the_tablets_copy(
    live: LiveServer, team: Team, make_tablet: Callable[..., Tablet]
) -> None:
    tablet = scored(make_tablet, team)
    local = tablet.store.get(team.inspection_id).content_hash()

    assert run(handed_over(tablet), live.url) == 0
    assert server_record(live, team.inspection_id)[0] == local


def test_it_exits_3_when_sync_pauses_for_a_sign_in(
    live: LiveServer,
    team: Team,
    make_tablet: Callable[..., Tablet],
    capsys: pytest.CaptureFixture[str],
) -> None:
    tablet = scored(make_tablet, team)
    revoke_device(tablet, team)

    assert run(handed_over(tablet), live.url) == 3
    assert "paused" in capsys.readouterr().out.splitlines()[-1]


def test_it_exits_4_when_passes_run_out_with_work_pending(
    live: LiveServer,
    team: Team,
    make_tablet: Callable[..., Tablet],
    capsys: pytest.CaptureFixture[str],
) -> None:
    tablet = scored(make_tablet, team)

    assert run(handed_over(tablet), closed_port(), passes=2) == 4
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all("1 pending" in line for line in lines)
