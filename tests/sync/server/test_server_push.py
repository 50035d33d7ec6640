"""Pushing records: validated, authorized for the member who sends them, merged, idempotent."""

from __future__ import annotations

import gzip
import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from checklists.record.editing import assess, decide, move_to
from checklists.record.lifecycle import Lifecycle
from checklists.record.model import Value
from checklists.record.photos import add_photo, detach_photo
from checklists.record.roster import hand_over, remove_member
from checklists.template.model import Status
from sync.server.tables import Change, StoredInspection
from tests.sync.server.central import Team, make_jpeg, sha
from tests.sync.server.conftest import SQLITE_ONLY

DAT = Value(status=Status.DAT)
KHONG_DAT = Value(status=Status.KHONG_DAT)


def stored_state(client: TestClient, inspection_id: str) -> tuple[str, int, str, int]:
    """What the database holds of a record: hash, revision, body, and the change rows."""
    with client.app.state.services.sessions() as session:  # type: ignore[attr-defined]
        row = session.get(StoredInspection, inspection_id)
        changes = session.scalar(select(func.count()).select_from(Change))
        return row.content_hash, row.revision, row.body, changes


def test_a_members_assessment_merges_and_the_revision_moves_once(
    client: TestClient, team: Team
) -> None:
    m1 = team.ids["member_1"]
    mine = assess(team.copy(team.member_1), author_id=m1, criterion_id="A1", value=DAT)

    first = team.api.push(team.member_1, mine)
    again = team.api.push(team.member_1, mine)

    assert first.status_code == 200, first.text
    assert first.json()["revision"] == 2 and first.json()["changed"] is True
    assert first.json()["content_hash"] == mine.content_hash()
    assert first.json()["record"] is None  # the server holds exactly what was sent
    assert again.json() | {"changed": True} == first.json()
    assert again.json()["changed"] is False
    assert team.copy(team.leader).assessments["A1"][m1].status is Status.DAT


def test_two_members_work_merges_and_each_gets_the_others(client: TestClient, team: Team) -> None:
    m1, m2 = team.ids["member_1"], team.ids["member_2"]
    one = assess(team.copy(team.member_1), author_id=m1, criterion_id="A1", value=DAT)
    two = assess(team.copy(team.member_2), author_id=m2, criterion_id="A1", value=KHONG_DAT)

    assert team.api.push(team.member_1, one).status_code == 200
    second = team.api.push(team.member_2, two, gzipped=True)

    assert second.status_code == 200, second.text
    merged = second.json()["record"]
    assert set(merged["assessments"]["A1"]) == {m1, m2}
    held = team.copy(team.leader)
    assert held.content_hash() == second.json()["content_hash"] == stored_state(client, held.id)[0]


def test_the_leaders_decision_and_lock_reach_the_members(client: TestClient, team: Team) -> None:
    m1, m2, lead = team.ids["member_1"], team.ids["member_2"], team.ids["leader"]
    team.api.push(
        team.member_1, assess(team.copy(team.member_1), author_id=m1, criterion_id="A1", value=DAT)
    )
    team.api.push(
        team.member_2,
        assess(team.copy(team.member_2), author_id=m2, criterion_id="A1", value=KHONG_DAT),
    )
    leader_copy = decide(
        team.copy(team.leader), author_id=lead, criterion_id="A1", value=DAT, reason="Đã xác minh"
    )
    leader_copy = move_to(leader_copy, author_id=lead, status=Lifecycle.COMPLETED)
    leader_copy = move_to(leader_copy, author_id=lead, status=Lifecycle.LOCKED)

    assert team.api.push(team.leader, leader_copy).status_code == 200

    seen = team.copy(team.member_2)
    assert seen.decision("A1") is not None and seen.decision("A1").reason == "Đã xác minh"  # type: ignore[union-attr]
    assert seen.status() is Lifecycle.LOCKED


def forged_copies(team: Team) -> dict[str, object]:
    m1, m2, lead = team.ids["member_1"], team.ids["member_2"], team.ids["leader"]
    base = team.copy(team.member_1)
    return {
        "another member's assessment": (
            assess(base, author_id=m2, criterion_id="A1", value=DAT),
            "assessments/A1/" + m2,
        ),
        "a decision by the leader": (
            decide(base, author_id=lead, criterion_id="A1", value=DAT, reason="x"),
            "decisions/A1/" + lead,
        ),
        "a lock by the leader": (
            move_to(
                move_to(base, author_id=lead, status=Lifecycle.COMPLETED),
                author_id=lead,
                status=Lifecycle.LOCKED,
            ),
            "lifecycle/",
        ),
        "a leadership hand-over to oneself": (
            hand_over(base, author_id=lead, leader_id=m1),
            "leadership/",
        ),
    }


@pytest.mark.parametrize(
    "forgery",
    [
        "another member's assessment",
        "a decision by the leader",
        "a lock by the leader",
        "a leadership hand-over to oneself",
    ],
)
def test_a_forged_register_is_refused_with_its_path_and_nothing_changes(
    client: TestClient, team: Team, forgery: str
) -> None:
    copy, path = forged_copies(team)[forgery]  # type: ignore[misc]
    before = stored_state(client, team.inspection_id)

    response = team.api.push(team.member_1, copy)

    assert response.status_code == 422, response.text
    paths = [r["path"] for r in response.json()["refusals"]]
    assert any(p.startswith(path) for p in paths), paths
    assert all(r["code"].startswith("auth.") for r in response.json()["refusals"])
    assert stored_state(client, team.inspection_id) == before


def test_a_rewritten_event_is_refused(client: TestClient, team: Team) -> None:
    m1 = team.ids["member_1"]
    pushed = assess(team.copy(team.member_1), author_id=m1, criterion_id="A1", value=DAT)
    team.api.push(team.member_1, pushed)
    event = pushed.lifecycle[0]
    rewritten = pushed.model_copy(
        update={"lifecycle": (event.model_copy(update={"reason": "khác"}),)}
    )
    before = stored_state(client, team.inspection_id)

    response = team.api.push(team.member_1, rewritten)

    assert response.status_code == 422
    assert stored_state(client, team.inspection_id) == before


def test_outsiders_and_strangers_are_refused(client: TestClient, team: Team) -> None:
    copy = team.copy(team.member_1)
    before = stored_state(client, team.inspection_id)

    outsider = team.api.push(team.outsider, copy)
    stranger = team.api.push({"Authorization": "Bearer not-a-token"}, copy)
    nobody = team.api.push({}, copy)

    assert outsider.status_code == 403
    assert stranger.status_code == 401 and nobody.status_code == 401
    assert client.get(f"/api/v1/inspections/{copy.id}", headers=team.outsider).status_code == 403
    assert stored_state(client, team.inspection_id) == before


def test_an_inspector_may_not_create_a_record_by_pushing_it(client: TestClient, team: Team) -> None:
    copy = team.copy(team.member_1).model_copy(update={"id": "0f0f0f0f-new-record"})

    response = team.api.push(team.member_1, copy)

    assert response.status_code == 403
    assert client.get(f"/api/v1/inspections/{copy.id}", headers=team.office).status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "path"),
    [
        (b"{not json", 422, ""),
        (b"[1, 2]", 422, ""),
        (b'{"id": 5}', 422, "id"),
        (b"\xff\xfe\x00", 422, ""),
        (b"[" * 100_000 + b"]" * 100_000, 422, ""),
        (b'{"schema_version": 1, "members": [1], "photos": null}', 422, ""),
        (b'{"schema_version": 7}', 422, "schema_version"),
    ],
    ids=[
        "malformed",
        "not an object",
        "wrong type",
        "not utf-8",
        "deep nesting",
        "broken old schema",
        "future schema",
    ],
)
@SQLITE_ONLY
def test_a_bad_body_is_422_with_paths_and_changes_nothing(
    client: TestClient, team: Team, body: bytes, status: int, path: str
) -> None:
    before = stored_state(client, team.inspection_id)

    response = client.put(
        f"/api/v1/inspections/{team.inspection_id}", headers=team.member_1, content=body
    )

    assert response.status_code == status, response.text
    assert path in [r["path"] for r in response.json()["refusals"]]
    assert stored_state(client, team.inspection_id) == before


@SQLITE_ONLY
def test_a_wrong_typed_field_names_its_path(client: TestClient, team: Team) -> None:
    data = json.loads(team.copy(team.member_1).canonical())
    data["header"]["inspection_date"] = "not a date"
    data["members"][team.ids["member_1"]]["counter"] = "many"

    response = client.put(
        f"/api/v1/inspections/{team.inspection_id}", headers=team.member_1, content=json.dumps(data)
    )

    assert response.status_code == 422
    paths = {r["path"] for r in response.json()["refusals"]}
    assert {"header/inspection_date", f"members/{team.ids['member_1']}/counter"} <= paths


def test_a_record_under_another_url_is_refused(client: TestClient, team: Team) -> None:
    copy = team.copy(team.member_1)
    response = client.put(
        "/api/v1/inspections/some-other-id", headers=team.member_1, content=copy.canonical()
    )
    assert response.status_code == 422
    assert response.json()["refusals"][0]["path"] == "id"


@SQLITE_ONLY
def test_huge_bodies_and_gzip_bombs_are_413(
    client: TestClient, team: Team, settings: object
) -> None:
    limit = client.app.state.services.settings.max_record_bytes  # type: ignore[attr-defined]
    before = stored_state(client, team.inspection_id)
    url = f"/api/v1/inspections/{team.inspection_id}"

    huge = client.put(url, headers=team.member_1, content=b" " * (limit + 1))
    bomb = client.put(
        url,
        headers={**team.member_1, "Content-Encoding": "gzip"},
        content=gzip.compress(b" " * (limit * 4)),
    )
    broken = client.put(
        url, headers={**team.member_1, "Content-Encoding": "gzip"}, content=b"\x1f\x8bnope"
    )

    assert (huge.status_code, bomb.status_code, broken.status_code) == (413, 413, 422)
    assert stored_state(client, team.inspection_id) == before


def test_unknown_ids_are_404(client: TestClient, team: Team) -> None:
    assert client.get("/api/v1/inspections/nope", headers=team.office).status_code == 404
    assert client.get("/api/v1/inspections/nope/receipt", headers=team.office).status_code == 404
    assert client.get("/api/v1/templates/nope/1", headers=team.office).status_code == 404


def test_the_list_shows_each_person_their_delegations_and_pages_by_cursor(
    client: TestClient, team: Team
) -> None:
    m1 = team.ids["member_1"]
    listed = client.get("/api/v1/inspections", headers=team.member_1).json()
    team.api.push(
        team.member_1, assess(team.copy(team.member_1), author_id=m1, criterion_id="A1", value=DAT)
    )

    later = client.get(
        "/api/v1/inspections", params={"since": listed["cursor"]}, headers=team.member_2
    ).json()
    nothing_new = client.get(
        "/api/v1/inspections", params={"since": later["cursor"]}, headers=team.member_2
    )

    assert [i["id"] for i in listed["items"]] == [team.inspection_id]
    assert [(i["id"], i["revision"], i["status"]) for i in later["items"]] == [
        (team.inspection_id, 2, "in_progress")
    ]
    assert nothing_new.json()["items"] == []
    assert client.get("/api/v1/inspections", headers=team.outsider).json()["items"] == []
    assert len(client.get("/api/v1/inspections", headers=team.office).json()["items"]) == 1


def test_a_pull_with_the_held_hash_is_304(client: TestClient, team: Team) -> None:
    first = client.get(f"/api/v1/inspections/{team.inspection_id}", headers=team.member_1)
    again = client.get(
        f"/api/v1/inspections/{team.inspection_id}",
        headers={**team.member_1, "If-None-Match": first.headers["etag"]},
    )
    assert first.headers["x-revision"] == "1" and first.headers["content-encoding"] == "gzip"
    assert again.status_code == 304 and again.content == b""


def test_a_removed_member_loses_access_and_a_detached_photo_leaves_the_index(
    client: TestClient, team: Team
) -> None:
    lead, photo = team.ids["leader"], make_jpeg(51)
    with_photo = add_photo(team.copy(team.leader), author_id=lead, sha256=sha(photo), photo_id="p1")
    assert team.api.push(team.leader, with_photo).json()["missing_photos"] == [sha(photo)]
    assert (
        client.get(f"/api/v1/photos/{sha(photo)}/upload", headers=team.member_2).status_code == 200
    )

    changed = remove_member(with_photo, author_id=lead, member_id=team.ids["member_2"])
    changed = detach_photo(changed, author_id=lead, photo_id="p1")
    answer = team.api.push(team.leader, changed).json()

    assert answer["missing_photos"] == [] and answer["receipt"]["photos"] == []
    assert (
        client.get(f"/api/v1/inspections/{team.inspection_id}", headers=team.member_2).status_code
        == 403
    )
    assert (
        client.get(f"/api/v1/photos/{sha(photo)}/upload", headers=team.member_1).status_code == 403
    )
