"""Account administration: an admin changes roles and disables accounts, sees every device and
revokes one; nobody else may, and the last active admin cannot be removed."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.sync.server.central import Team
from tests.sync.server.conftest import SQLITE_ONLY


def test_an_admin_gives_a_member_the_central_office_role(client: TestClient, team: Team) -> None:
    member = team.ids["member_1"]
    assert client.get("/api/v1/users", headers=team.member_1).status_code == 403
    answer = client.patch(
        f"/api/v1/users/{member}", headers=team.admin, json={"role": "central_office"}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["role"] == "central_office"
    # The new role counts at once: the member may now list accounts to plan visits.
    listed = client.get("/api/v1/users", headers=team.member_1)
    assert listed.status_code == 200


def test_a_disabled_account_stops_working_at_once_and_can_be_enabled_again(
    client: TestClient, team: Team
) -> None:
    member = team.ids["member_2"]
    assert client.get("/api/v1/me", headers=team.member_2).status_code == 200
    off = client.patch(f"/api/v1/users/{member}", headers=team.admin, json={"active": False})
    assert off.status_code == 200 and off.json()["active"] is False
    assert client.get("/api/v1/me", headers=team.member_2).status_code == 401
    on = client.patch(f"/api/v1/users/{member}", headers=team.admin, json={"active": True})
    assert on.status_code == 200
    assert client.get("/api/v1/me", headers=team.member_2).status_code == 200


@SQLITE_ONLY
def test_the_last_active_admin_cannot_be_disabled_or_demoted(
    client: TestClient, team: Team
) -> None:
    me = client.get("/api/v1/me", headers=team.admin).json()["id"]
    for change in ({"active": False}, {"role": "inspector"}):
        refused = client.patch(f"/api/v1/users/{me}", headers=team.admin, json=change)
        assert refused.status_code == 422, refused.text
        assert refused.json()["refusals"][0]["code"] == "account.last_admin"
    assert client.get("/api/v1/me", headers=team.admin).json()["role"] == "admin"


@SQLITE_ONLY
def test_only_an_admin_changes_accounts_or_lists_every_device(
    client: TestClient, team: Team
) -> None:
    member = team.ids["member_1"]
    for who in (team.office, team.leader, team.member_1):
        denied = client.patch(f"/api/v1/users/{member}", headers=who, json={"role": "admin"})
        assert denied.status_code == 403
        assert client.get("/api/v1/devices/all", headers=who).status_code == 403
    missing = client.patch("/api/v1/users/nobody", headers=team.admin, json={"active": False})
    assert missing.status_code == 404
    bad = client.patch(f"/api/v1/users/{member}", headers=team.admin, json={"role": "king"})
    assert bad.status_code == 422


def test_an_admin_sees_every_device_and_revokes_a_members(client: TestClient, team: Team) -> None:
    devices = client.get("/api/v1/devices/all", headers=team.admin)
    assert devices.status_code == 200
    mine = client.get("/api/v1/devices", headers=team.member_1).json()
    assert {d["id"] for d in mine} <= {d["id"] for d in devices.json()}
    assert len(devices.json()) == 6  # admin, office, leader, two members, outsider
    revoked = client.delete(f"/api/v1/devices/{mine[0]['id']}", headers=team.admin)
    assert revoked.status_code == 200
    assert client.get("/api/v1/me", headers=team.member_1).status_code == 401
