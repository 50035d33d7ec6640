"""Enrollment (sign-in) is rate limited per username and per client address: 429 with
`Retry-After` past the limit, a correct password works again once the window has passed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.tables import SignInFailure
from tests.sync.server.central import Team
from tests.sync.server.clock import ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def app(settings: Settings, clock: ManualClock) -> Iterator[FastAPI]:
    application = create_app(settings, clock=clock)
    yield application
    application.state.services.engine.dispose()


def enroll(http: TestClient, username: str, password: str) -> tuple[int, dict[str, object]]:
    body = {"username": username, "password": password, "device_name": "tablet"}
    response = http.post("/api/v1/devices", json=body)
    if response.status_code == 429:
        return 429, {"retry_after": response.headers.get("Retry-After"), **response.json()}
    return response.status_code, response.json()


def test_failures_for_one_username_lock_it_until_the_window_passes(
    client: TestClient, team: Team, clock: ManualClock, settings: Settings
) -> None:
    limit, window = settings.sign_in_failures_per_user, settings.sign_in_window_seconds
    failures = [enroll(client, "member1", "wrong-password")[0] for _ in range(limit)]
    clock.advance(seconds=60)

    locked, answer = enroll(client, "member1", "member1-password")
    another_user = enroll(client, "member2", "member2-password")[0]

    assert failures == [401] * limit
    assert locked == 429
    assert answer["retry_after"] == str(window - 60)
    assert "too many failed sign-ins" in str(answer["detail"])
    assert f"try again in {window - 60} s" in str(answer["detail"])
    assert another_user == 201
    clock.advance(seconds=window - 61)
    assert enroll(client, "member1", "member1-password")[0] == 429
    clock.advance(seconds=1)
    assert enroll(client, "member1", "member1-password")[0] == 201


def test_a_locked_username_is_refused_before_the_password_is_checked(
    client: TestClient, team: Team, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(settings.sign_in_failures_per_user):
        enroll(client, "member1", "wrong-password")
    checks: list[str] = []
    passwords = client.app.state.services.passwords  # type: ignore[attr-defined]

    def matches(hashed: str | None, password: str) -> bool:
        checks.append(password)
        return True

    monkeypatch.setattr(passwords, "matches", matches)

    assert enroll(client, "MEMBER1", "member1-password")[0] == 429
    assert checks == []


def test_a_success_clears_the_usernames_failures(
    client: TestClient, team: Team, settings: Settings
) -> None:
    almost = settings.sign_in_failures_per_user - 1
    for _ in range(almost):
        enroll(client, "member1", "wrong-password")
    assert enroll(client, "member1", "member1-password")[0] == 201
    statuses = [enroll(client, "member1", "wrong-password")[0] for _ in range(almost)]

    assert statuses == [401] * almost
    assert enroll(client, "member1", "member1-password")[0] == 201


def test_failures_from_one_address_lock_it_for_every_username(
    client: TestClient, app: FastAPI, team: Team, clock: ManualClock, settings: Settings
) -> None:
    limit = settings.sign_in_failures_per_address
    guesses = [enroll(client, f"guess{n}", "some-password")[0] for n in range(limit)]
    elsewhere = TestClient(app, client=("192.0.2.7", 40000))

    assert guesses == [401] * limit
    assert enroll(client, "member2", "member2-password")[0] == 429
    assert enroll(elsewhere, "member2", "member2-password")[0] == 201
    clock.advance(seconds=settings.sign_in_window_seconds)
    assert enroll(client, "member2", "member2-password")[0] == 201


def test_the_window_slides(client: TestClient, team: Team, clock: ManualClock) -> None:
    for _ in range(4):
        enroll(client, "member1", "wrong-password")
    clock.advance(minutes=10)
    enroll(client, "member1", "wrong-password")  # the fifth, ten minutes after the first four
    assert enroll(client, "member1", "member1-password")[0] == 429

    clock.advance(minutes=5)  # the first four have left the window: one failure counts

    assert enroll(client, "member1", "member1-password")[0] == 201


def failures_held(app: FastAPI) -> int:
    with app.state.services.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(SignInFailure)) or 0)


def test_every_server_process_counts_together_and_a_restart_forgets_nothing(
    client: TestClient, team: Team, clock: ManualClock, settings: Settings
) -> None:
    """Another server process over the same database (as `INSPECT_CENTRAL_WORKERS` runs them)
    sees the failures made through this one, and so does the server started after a stop."""
    limit = settings.sign_in_failures_per_user
    through_one = [enroll(client, "member1", "wrong-password")[0] for _ in range(limit - 1)]
    other = create_app(settings, clock=clock)
    try:
        with TestClient(other) as second:
            assert enroll(second, "member1", "wrong-password")[0] == 401  # the last allowed
            assert enroll(second, "member1", "member1-password")[0] == 429
        assert enroll(client, "member1", "member1-password")[0] == 429
    finally:
        other.state.services.summaries.close()
        other.state.services.engine.dispose()
    restarted = create_app(settings, clock=clock)
    try:
        with TestClient(restarted) as after:
            assert enroll(after, "member1", "member1-password")[0] == 429
            clock.advance(seconds=settings.sign_in_window_seconds)
            assert enroll(after, "member1", "member1-password")[0] == 201
    finally:
        restarted.state.services.summaries.close()
        restarted.state.services.engine.dispose()
    assert through_one == [401] * (limit - 1)


def test_failures_that_left_the_window_are_deleted_as_new_ones_come(
    client: TestClient, app: FastAPI, team: Team, clock: ManualClock, settings: Settings
) -> None:
    for n in range(3):
        enroll(client, f"guess{n}", "some-password")
    held_before = failures_held(app)
    clock.advance(seconds=settings.sign_in_window_seconds + 1)

    enroll(client, "guess9", "some-password")

    assert (held_before, failures_held(app)) == (6, 2)  # a username and an address each
