"""Abandoned partial uploads are deleted: at start-up and lazily on upload calls, once untouched
for longer than the setting (24 h by default). The test moves the server's clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from filelock import FileLock

from checklists.record.photos import add_photo
from sync.server.app import create_app
from sync.server.config import Settings
from tests.sync.server.central import Headers, Team, make_jpeg, sha
from tests.sync.server.clock import ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def app(settings: Settings, clock: ManualClock) -> Iterator[FastAPI]:
    application = create_app(settings, clock=clock)
    yield application
    application.state.services.engine.dispose()


def pointed_at(team: Team, *photos: bytes) -> None:
    """Member 1's record points at these photos (so member 1 may upload them)."""
    record = team.copy(team.member_1)
    for data in photos:
        record = add_photo(record, author_id=team.ids["member_1"], sha256=sha(data))
    assert team.api.push(team.member_1, record).status_code == 200


def send_half(http: TestClient, who: Headers, data: bytes) -> None:
    response = http.put(
        f"/api/v1/photos/{sha(data)}/upload",
        params={"offset": 0, "length": len(data)},
        headers=who,
        content=data[: len(data) // 2],
    )
    assert response.json()["offset"] == len(data) // 2, response.text


def offset(http: TestClient, who: Headers, data: bytes) -> int:
    answer: int = http.get(f"/api/v1/photos/{sha(data)}/upload", headers=who).json()["offset"]
    return answer


def in_progress(settings: Settings) -> list[str]:
    return sorted(p.name for p in (settings.photo_dir / "uploads").iterdir() if len(p.name) == 64)


def test_an_upload_untouched_past_the_limit_is_deleted_on_a_later_upload_call(
    client: TestClient, team: Team, clock: ManualClock, settings: Settings
) -> None:
    abandoned, resumed = make_jpeg(40, (200, 150)), make_jpeg(41, (200, 150))
    pointed_at(team, abandoned, resumed)
    send_half(client, team.member_1, abandoned)
    clock.advance(hours=23)
    send_half(client, team.member_1, resumed)  # a sweep runs: 23 h is within the limit
    kept = in_progress(settings)
    clock.advance(hours=2)

    assert offset(client, team.member_1, resumed) == len(resumed) // 2  # this call sweeps

    assert kept == sorted([sha(abandoned), sha(resumed)])
    assert in_progress(settings) == [sha(resumed)]
    assert offset(client, team.member_1, abandoned) == 0
    assert team.api.upload(team.member_1, abandoned).json()["complete"] is True


def test_abandoned_uploads_are_deleted_when_the_server_starts(
    client: TestClient, team: Team, clock: ManualClock, settings: Settings
) -> None:
    photo = make_jpeg(42, (200, 150))
    pointed_at(team, photo)
    send_half(client, team.member_1, photo)
    clock.advance(hours=settings.abandoned_upload_hours - 1)
    create_app(settings, clock=clock).state.services.engine.dispose()
    kept = in_progress(settings)
    clock.advance(hours=2)

    create_app(settings, clock=clock).state.services.engine.dispose()

    assert kept == [sha(photo)]
    assert in_progress(settings) == []


def test_an_upload_being_written_is_never_swept(
    app: FastAPI, client: TestClient, team: Team, clock: ManualClock, settings: Settings
) -> None:
    photo = make_jpeg(43, (200, 150))
    pointed_at(team, photo)
    send_half(client, team.member_1, photo)
    clock.advance(days=3)
    sweeper = app.state.services.sweeper

    with FileLock(str(settings.photo_dir / "uploads" / f"{sha(photo)}.lock")):
        while_written = sweeper.sweep()
    afterwards = sweeper.sweep()

    assert (while_written, afterwards) == ([], [sha(photo)])


def test_the_sweep_deletes_lock_files_left_without_an_upload_but_not_one_held(
    app: FastAPI, client: TestClient, team: Team, clock: ManualClock, settings: Settings
) -> None:
    """A crash between deleting an upload and its lock leaves the lock: the sweep removes it,
    unless someone holds it (an upload about to begin)."""
    uploads = settings.photo_dir / "uploads"
    left, held = "a" * 64, "b" * 64
    for name in (left, held):
        FileLock(str(uploads / f"{name}.lock")).acquire().lock.release()
    photo = make_jpeg(44, (200, 150))
    pointed_at(team, photo)
    send_half(client, team.member_1, photo)
    clock.advance(days=3)

    with FileLock(str(uploads / f"{held}.lock")):
        swept = app.state.services.sweeper.sweep()
        remaining = sorted(p.name for p in uploads.iterdir())

    assert swept == [sha(photo)]
    assert remaining == [f"{held}.lock"]
