"""Device tokens checked a moment ago are trusted without the database, yet a revoked device,
a disabled account or a changed role takes effect with the very next request to the server
that made the change, and within the cache's time in another server process."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event

from sync.protocol import UserRole
from sync.server.access import Caller
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.token_cache import TokenCache
from tests.sync.server.central import Team
from tests.sync.server.conftest import SQLITE_ONLY, wait_for
from tests.sync.server.pages.conftest import sign_in_browser

MINE = "/api/v1/devices"


def device_id(client: TestClient, who: dict[str, str]) -> str:
    answer = client.get(MINE, headers=who)
    assert answer.status_code == 200, answer.text
    found: str = answer.json()[0]["id"]
    return found


def test_a_checked_token_is_not_checked_again_within_its_time(
    app: FastAPI, client: TestClient, team: Team
) -> None:
    lookups: list[str] = []
    event.listen(
        app.state.services.engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, *_: (
            lookups.append(statement) if "WHERE devices.token_hash =" in statement else None
        ),
    )
    for _ in range(5):
        assert client.get(MINE, headers=team.member_1).status_code == 200
    assert len(lookups) <= 1  # the settings' second is longer than these five requests


def test_a_revoked_device_is_refused_at_its_next_request(client: TestClient, team: Team) -> None:
    assert client.get(MINE, headers=team.member_1).status_code == 200  # checked, kept
    device = device_id(client, team.member_1)
    assert client.delete(f"{MINE}/{device}", headers=team.admin).status_code == 200
    assert client.get(MINE, headers=team.member_1).status_code == 401


def test_a_device_revoked_on_the_office_page_is_refused_at_its_next_request(
    app: FastAPI, client: TestClient, team: Team
) -> None:
    device = device_id(client, team.member_2)
    admin = sign_in_browser(app, "admin", "admin-secret-pass")
    answer = admin.http.post(
        f"/office/devices/{device}/revoke",
        data={"csrf_token": admin.csrf},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    assert client.get(MINE, headers=team.member_2).status_code == 401
    admin.http.close()


def test_a_disabled_account_and_a_changed_role_count_at_the_next_request(
    client: TestClient, team: Team
) -> None:
    member = team.ids["member_1"]
    assert client.get("/api/v1/users", headers=team.office).status_code == 200
    demoted = client.patch(
        f"/api/v1/users/{team.ids['office']}", headers=team.admin, json={"role": "inspector"}
    )
    assert demoted.status_code == 200, demoted.text
    assert client.get("/api/v1/users", headers=team.office).status_code == 403
    assert client.get(MINE, headers=team.member_1).status_code == 200
    off = client.patch(f"/api/v1/users/{member}", headers=team.admin, json={"active": False})
    assert off.status_code == 200, off.text
    assert client.get(MINE, headers=team.member_1).status_code == 401


@SQLITE_ONLY
def test_another_server_process_sees_a_revocation_within_the_cache_time(
    settings: Settings, tmp_path: Path
) -> None:
    quick = settings.model_copy(update={"token_check_seconds": 0.2})
    first, second = create_app(quick), create_app(quick)  # one database, two servers
    try:
        with TestClient(first) as one, TestClient(second) as two:
            from tests.sync.server.central import make_team

            team = make_team(one, "admin-secret-pass")
            assert two.get(MINE, headers=team.member_1).status_code == 200  # kept by two
            device = device_id(one, team.member_1)
            assert one.delete(f"{MINE}/{device}", headers=team.admin).status_code == 200
            assert one.get(MINE, headers=team.member_1).status_code == 401
            wait_for(
                lambda: two.get(MINE, headers=team.member_1).status_code == 401,
                "the other server to see the revocation",
            )
    finally:
        for app in (first, second):
            app.state.services.summaries.close()
            app.state.services.engine.dispose()


CALLER = Caller(user_id="u", username="u", name="U", role=UserRole.INSPECTOR, device_id="d")


def test_entries_expire_after_their_time() -> None:
    now = [100.0]
    cache = TokenCache(ttl=1.0, clock=lambda: now[0])
    cache.put("digest", CALLER, cache.generation())
    now[0] = 100.9
    assert cache.get("digest") == CALLER
    now[0] = 101.0
    assert cache.get("digest") is None


def test_a_lookup_begun_before_a_change_is_not_kept() -> None:
    cache = TokenCache(ttl=60.0)
    begun = cache.generation()  # a lookup reads the database ...
    cache.clear()  # ... an account changes meanwhile ...
    cache.put("digest", CALLER, begun)  # ... its (older) answer is dropped
    assert cache.get("digest") is None
    cache.put("digest", CALLER, cache.generation())
    assert cache.get("digest") == CALLER
