"""Accounts, devices and roles (the matrix of every endpoint x role x delegation x token is
`test_server_authorization.py`)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from checklists.record.photos import add_photo
from tests.sync.server.central import Team, make_jpeg, sha


@pytest.mark.parametrize(
    ("who", "add_user", "list_users"),
    [("admin", 201, 200), ("office", 403, 200), ("leader", 403, 200), ("member_1", 403, 403)],
)
def test_only_admins_make_accounts_and_only_planners_list_them(
    client: TestClient, team: Team, who: str, add_user: int, list_users: int
) -> None:
    headers = getattr(team, who)
    new = {"username": f"new-{who}", "password": "long-enough", "name": "New", "role": "admin"}
    assert client.post("/api/v1/users", headers=headers, json=new).status_code == add_user
    assert client.get("/api/v1/users", headers=headers).status_code == list_users


def visit(team: Team, leader: str, *members: str) -> dict[str, object]:
    return {
        "template_id": "mot-cua",
        "template_version": 1,
        "unit_name": "Xã B",
        "inspection_date": "2026-12-02",
        "leader_id": team.ids.get(leader, leader),
        "members": [{"user_id": team.ids.get(leader, leader), "role": "truong_doan"}]
        + [{"user_id": team.ids.get(m, m)} for m in members],
    }


def test_who_may_plan_a_visit(client: TestClient, team: Team) -> None:
    plan = client.post
    assert (
        plan("/api/v1/visits", headers=team.member_1, json=visit(team, "member_1")).status_code
        == 403
    )
    assert (
        plan(
            "/api/v1/visits", headers=team.leader, json=visit(team, "member_1", "leader")
        ).status_code
        == 403
    )
    own = plan("/api/v1/visits", headers=team.leader, json=visit(team, "leader", "outsider"))
    assert own.status_code == 201, own.text
    assert (
        client.get(
            f"/api/v1/inspections/{own.json()['inspection_id']}", headers=team.outsider
        ).status_code
        == 200
    )


def test_a_visit_naming_unknown_people_or_templates_is_422_with_paths(
    client: TestClient, team: Team
) -> None:
    unknown_member = client.post(
        "/api/v1/visits", headers=team.office, json=visit(team, "leader", "ghost")
    )
    body = visit(team, "leader") | {"template_id": "nope"}
    unknown_template = client.post("/api/v1/visits", headers=team.office, json=body)
    wrong_type = client.post(
        "/api/v1/visits", headers=team.office, json=body | {"inspection_date": 5.5}
    )

    assert unknown_member.status_code == 422
    assert [r["path"] for r in unknown_member.json()["refusals"]] == ["members/1/user_id"]
    assert unknown_template.json()["refusals"][0]["path"] == "template_id"
    assert wrong_type.status_code == 422
    assert wrong_type.json()["refusals"][0]["path"] == "body/inspection_date"


def test_a_visit_id_is_used_once(client: TestClient, team: Team) -> None:
    body = visit(team, "leader") | {"inspection_id": team.inspection_id}
    assert client.post("/api/v1/visits", headers=team.office, json=body).status_code == 409


def test_enrollment_needs_the_right_password_and_gives_a_working_token(
    client: TestClient, team: Team
) -> None:
    def enroll(username: str, password: str) -> int:
        body = {"username": username, "password": password, "device_name": "x"}
        return client.post("/api/v1/devices", json=body).status_code

    assert enroll("member1", "wrong-password") == 401
    assert enroll("nobody", "member1-password") == 401
    assert enroll("member1", "member1-password") == 201
    me = client.get("/api/v1/me", headers=team.member_1).json()
    assert (me["id"], me["role"]) == (team.ids["member_1"], "inspector")


def test_a_taken_username_is_422(client: TestClient, team: Team) -> None:
    body = {"username": "member1", "password": "long-enough", "name": "Again"}
    response = client.post("/api/v1/users", headers=team.admin, json=body)
    assert response.status_code == 422 and response.json()["refusals"][0]["path"] == "username"


def test_a_person_revokes_only_their_own_devices_an_admin_any(
    client: TestClient, team: Team
) -> None:
    theirs = client.get("/api/v1/devices", headers=team.member_2).json()[0]["id"]

    assert client.delete(f"/api/v1/devices/{theirs}", headers=team.member_1).status_code == 404
    assert client.get("/api/v1/me", headers=team.member_2).status_code == 200
    assert client.delete(f"/api/v1/devices/{theirs}", headers=team.admin).json()["revoked"] is True
    assert client.get("/api/v1/me", headers=team.member_2).status_code == 401


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("member_2", True), ("leader", True), ("office", True), ("admin", True), ("outsider", False)],
)
def test_records_and_their_photos_are_open_to_the_delegation_and_the_office_only(
    client: TestClient, team: Team, who: str, allowed: bool
) -> None:
    photo = make_jpeg(31)
    record = add_photo(team.copy(team.member_1), author_id=team.ids["member_1"], sha256=sha(photo))
    team.api.push(team.member_1, record)
    team.api.upload(team.member_1, photo)
    held = team.copy(team.office)
    headers = getattr(team, who)
    base, photo_url = f"/api/v1/inspections/{held.id}", f"/api/v1/photos/{sha(photo)}"
    calls = {
        "pull": client.get(base, headers=headers),
        "receipt": client.get(f"{base}/receipt", headers=headers),
        "push": team.api.push(headers, held),
        "have it": client.head(photo_url, headers=headers),
        "photo": client.get(photo_url, headers=headers),
        "upload state": client.get(f"{photo_url}/upload", headers=headers),
        "upload states": client.post(
            "/api/v1/photos/upload-states", headers=headers, json={"hashes": [sha(photo)]}
        ),
        "upload": team.api.upload(headers, photo),
    }

    statuses = {name: response.status_code for name, response in calls.items()}

    assert statuses == dict.fromkeys(calls, 200 if allowed else 403)
    listed = client.get("/api/v1/inspections", headers=headers).json()["items"]
    assert [i["id"] for i in listed] == ([held.id] if allowed else [])
