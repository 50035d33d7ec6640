"""The authorization matrix: every /api/v1 endpoint x role x own/other delegation x token.

The endpoints are read from the app's routes, so a new /api/v1 endpoint without a row here
fails `test_every_api_endpoint_has_a_row` (pages outside /api/v1, such as the office's HTML,
are not enumerated). Each row builds the request for a caller of each role, on something of
their own delegation ("own") or of another one ("other"), and says the status for a valid
device token; a revoked token and no token are 401 everywhere except enrollment, which takes
credentials instead of a token.

What "other" means per endpoint, and what is answered (decided here, see README "Central
endpoint"):
- records (`/inspections/{id}`, its receipt and documents): 403 for a record of a delegation
  the caller is not in. Record ids are random UUID4s, so 403 tells nothing to someone guessing,
  and a member removed from a delegation must learn "no longer allowed", not "gone", so their
  tablet keeps its copy and says so. An unknown id is 404.
- photos: 403 whenever no record the caller may read points at the hash, whether or not the
  server holds it, so a photo's existence never leaks.
- devices: another person's device is 404 (not 403) for everyone but an admin: device ids are
  not revealed.
- planning a visit: "other" is a visit of a delegation led by someone else.
- enrollment: "other" is another person's username with the caller's password (401).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from checklists.record.photos import add_photo
from checklists.template.catalog import get_template
from tests.sync.server.central import Headers, Team, make_jpeg, sha
from tests.sync.server.conftest import ADMIN_PASSWORD, SQLITE_ONLY

ROLES = ("inspector", "team_leader", "central_office", "admin")
CALLER = {"inspector": "member_1", "team_leader": "leader", "central_office": "office"}
CALLER["admin"] = "admin"
USERNAME = {"member_1": "member1", "leader": "leader", "office": "office", "admin": "admin"}
OTHER_USERNAME = {"member_1": "member2", "leader": "outsider", "office": "leader2"}
OTHER_USERNAME["admin"] = "member1"
"""Someone else's username per caller (a few failures each: under the sign-in limit)."""
SCOPES = ("own", "other")
TOKENS = ("valid", "revoked", "none")
_names = itertools.count()


@dataclass
class World:
    """The team's delegation (visit A, photo A) and another one (visit B led by leader2 with
    the outsider, photo B); every caller has a second device, revoked."""

    http: TestClient
    team: Team
    visit_b: str
    photo_a: bytes
    photo_b: bytes
    revoked: dict[str, Headers]
    admin_password: str

    def headers(self, caller: str, token: str) -> Headers:
        if token == "none":
            return {}
        return self.revoked[caller] if token == "revoked" else getattr(self.team, caller)

    def password(self, caller: str) -> str:
        return self.admin_password if caller == "admin" else f"{USERNAME[caller]}-password"

    def inspection(self, scope: str) -> str:
        return self.team.inspection_id if scope == "own" else self.visit_b

    def photo(self, scope: str) -> bytes:
        return self.photo_a if scope == "own" else self.photo_b

    def spare_device(self, username: str, password: str) -> str:
        """A new device of this person, to revoke."""
        body = {"username": username, "password": password, "device_name": "spare"}
        answer = self.http.post("/api/v1/devices", json=body)
        assert answer.status_code == 201, answer.text
        device_id: str = answer.json()["device_id"]
        return device_id


Request = tuple[str, dict[str, Any]]
"""A URL and the keyword arguments of `TestClient.request` besides the headers."""
Build = Callable[[World, str, str], Request]
"""(world, caller, scope) -> the request."""


@dataclass(frozen=True)
class Row:
    build: Build
    expect: dict[str, tuple[int, int]]
    """Per role: the status for its own delegation's thing and for another's (valid token)."""
    public: bool = False
    """Authenticated by the request itself (credentials), not by a device token."""


def every_role(own: int, other: int | None = None) -> dict[str, tuple[int, int]]:
    return dict.fromkeys(ROLES, (own, own if other is None else other))


def roles(
    inspector: tuple[int, int],
    leader: tuple[int, int],
    office: tuple[int, int],
    admin: tuple[int, int],
) -> dict[str, tuple[int, int]]:
    return dict(zip(ROLES, (inspector, leader, office, admin), strict=True))


def _plain(url: str) -> Build:
    return lambda w, caller, scope: (url, {})


def _record_url(suffix: str = "") -> Build:
    return lambda w, caller, scope: (f"/api/v1/inspections/{w.inspection(scope)}{suffix}", {})


def _photo_url(suffix: str = "") -> Build:
    return lambda w, caller, scope: (f"/api/v1/photos/{sha(w.photo(scope))}{suffix}", {})


def _enroll(w: World, caller: str, scope: str) -> Request:
    username = USERNAME[caller] if scope == "own" else OTHER_USERNAME[caller]
    body = {"username": username, "password": w.password(caller), "device_name": "matrix"}
    return "/api/v1/devices", {"json": body}


def _revoke(w: World, caller: str, scope: str) -> Request:
    if scope == "own":
        device = w.spare_device(USERNAME[caller], w.password(caller))
    else:
        device = w.spare_device("member2", "member2-password")
    return f"/api/v1/devices/{device}", {}


def _new_user(w: World, caller: str, scope: str) -> Request:
    body = {
        "username": f"new{next(_names)}",
        "password": "long-enough",
        "name": "New",
        "role": "inspector",
    }
    return "/api/v1/users", {"json": body}


def _visit(w: World, caller: str, scope: str) -> Request:
    ids = w.team.ids
    own_leader = ids["leader"]
    leader = own_leader if scope == "own" else ids["leader2"]
    members = [{"user_id": leader, "role": "truong_doan"}]
    members += [{"user_id": ids["member_1"] if scope == "own" else ids["outsider"]}]
    body = {
        "template_id": "mot-cua",
        "template_version": 1,
        "unit_name": "Xã C",
        "inspection_date": "2026-12-03",
        "leader_id": leader,
        "members": members,
    }
    return "/api/v1/visits", {"json": body}


def _push(w: World, caller: str, scope: str) -> Request:
    held = w.http.get(f"/api/v1/inspections/{w.inspection(scope)}", headers=w.team.office)
    assert held.status_code == 200
    headers = {"Content-Type": "application/json"}
    return f"/api/v1/inspections/{w.inspection(scope)}", {
        "content": held.content,
        "headers": headers,
    }


def _chunk(w: World, caller: str, scope: str) -> Request:
    data = w.photo(scope)
    return f"/api/v1/photos/{sha(data)}/upload", {
        "params": {"offset": 0, "length": len(data)},
        "content": data,
        "headers": {"Content-Type": "application/octet-stream"},
    }


def _states(w: World, caller: str, scope: str) -> Request:
    return "/api/v1/photos/upload-states", {"json": {"hashes": [sha(w.photo(scope))]}}


def _template_upload(w: World, caller: str, scope: str) -> Request:
    """A new template id each time, so publishing is always a first version (201)."""
    fresh = get_template("cqtt-xa", 1).model_copy(update={"id": f"matrix-{next(_names)}"})
    return "/api/v1/templates", {
        "content": fresh.model_dump_json().encode(),
        "headers": {"Content-Type": "application/json"},
    }


def _template_preview(w: World, caller: str, scope: str) -> Request:
    url, kwargs = _template_upload(w, caller, scope)
    return f"{url}/preview", kwargs


def _change_user(w: World, caller: str, scope: str) -> Request:
    """Rename oneself (own) or another member (other): only admins may."""
    me = w.http.get("/api/v1/me", headers=getattr(w.team, caller)).json()["id"]
    user_id = me if scope == "own" else w.team.ids["member_2"]
    return f"/api/v1/users/{user_id}", {"json": {"name": f"Tên {next(_names)}"}}


ADMIN_ONLY = roles((403, 403), (403, 403), (403, 403), (200, 200))
OFFICE_ONLY = roles((403, 403), (403, 403), (200, 200), (200, 200))
READ_RECORD = roles((200, 403), (200, 403), (200, 200), (200, 200))
MATRIX: dict[tuple[str, str], Row] = {
    ("POST", "/api/v1/devices"): Row(_enroll, every_role(201, 401), public=True),
    ("GET", "/api/v1/me"): Row(_plain("/api/v1/me"), every_role(200)),
    ("GET", "/api/v1/devices"): Row(_plain("/api/v1/devices"), every_role(200)),
    ("DELETE", "/api/v1/devices/{device_id}"): Row(
        _revoke, roles((200, 404), (200, 404), (200, 404), (200, 200))
    ),
    ("POST", "/api/v1/users"): Row(
        _new_user, roles((403, 403), (403, 403), (403, 403), (201, 201))
    ),
    ("GET", "/api/v1/users"): Row(
        _plain("/api/v1/users"), roles((403, 403), (200, 200), (200, 200), (200, 200))
    ),
    ("POST", "/api/v1/visits"): Row(_visit, roles((403, 403), (201, 403), (201, 201), (201, 201))),
    ("GET", "/api/v1/inspections"): Row(_plain("/api/v1/inspections"), every_role(200)),
    ("GET", "/api/v1/inspections/{inspection_id}"): Row(_record_url(), READ_RECORD),
    ("PUT", "/api/v1/inspections/{inspection_id}"): Row(_push, READ_RECORD),
    ("GET", "/api/v1/inspections/{inspection_id}/receipt"): Row(
        _record_url("/receipt"), READ_RECORD
    ),
    ("GET", "/api/v1/inspections/{inspection_id}/documents/{kind}"): Row(
        _record_url("/documents/report"), READ_RECORD
    ),
    ("HEAD", "/api/v1/photos/{sha256}"): Row(_photo_url(), READ_RECORD),
    ("GET", "/api/v1/photos/{sha256}"): Row(_photo_url(), READ_RECORD),
    ("GET", "/api/v1/photos/{sha256}/upload"): Row(_photo_url("/upload"), READ_RECORD),
    ("PUT", "/api/v1/photos/{sha256}/upload"): Row(_chunk, READ_RECORD),
    ("POST", "/api/v1/photos/upload-states"): Row(_states, READ_RECORD),
    ("GET", "/api/v1/templates"): Row(_plain("/api/v1/templates"), every_role(200)),
    ("GET", "/api/v1/templates/{template_id}/{version}"): Row(
        _plain("/api/v1/templates/cqtt-xa/1"), every_role(200)
    ),
    ("GET", "/api/v1/templates/{template_id}/{version}/xlsx"): Row(
        _plain("/api/v1/templates/cqtt-xa/1/xlsx"), every_role(200)
    ),
    ("POST", "/api/v1/templates/preview"): Row(_template_preview, OFFICE_ONLY),
    ("POST", "/api/v1/templates"): Row(
        _template_upload, roles((403, 403), (403, 403), (201, 201), (201, 201))
    ),
    ("PATCH", "/api/v1/users/{user_id}"): Row(_change_user, ADMIN_ONLY),
    ("GET", "/api/v1/devices/all"): Row(_plain("/api/v1/devices/all"), ADMIN_ONLY),
}


def api_endpoints(app: FastAPI) -> set[tuple[str, str]]:
    """Every (method, path) the app serves under /api/v1, hidden from the OpenAPI or not
    (FastAPI's own walk through included routers, as its OpenAPI builder does)."""
    return {
        (method, route.path)
        for route in iter_route_contexts(app.routes)
        if route.path is not None and route.path.startswith("/api/v1/")
        for method in route.methods or ()
    }


def test_every_api_endpoint_has_a_row(app: FastAPI) -> None:
    served = api_endpoints(app)

    assert served - MATRIX.keys() == set(), "add a row to MATRIX for each new endpoint"
    assert MATRIX.keys() - served == set(), "a row for an endpoint that no longer exists"


def test_a_new_api_endpoint_is_seen_and_other_pages_are_not(app: FastAPI) -> None:
    @app.get("/api/v1/reports/{inspection_id}", include_in_schema=False)
    def report(inspection_id: str) -> str:
        return inspection_id

    @app.get("/office/inspections")
    def office_page() -> str:
        return "page"

    assert api_endpoints(app) - MATRIX.keys() == {("GET", "/api/v1/reports/{inspection_id}")}


def make_world(http: TestClient, team: Team, admin_password: str) -> World:
    ids = team.ids
    ids["leader2"] = team.api.add_user(team.admin, "leader2", "team_leader")
    planned = http.post(
        "/api/v1/visits",
        headers=team.office,
        json={
            "template_id": "mot-cua",
            "template_version": 1,
            "unit_name": "Xã B",
            "inspection_date": "2026-12-02",
            "leader_id": ids["leader2"],
            "members": [
                {"user_id": ids["leader2"], "role": "truong_doan"},
                {"user_id": ids["outsider"]},
            ],
        },
    )
    assert planned.status_code == 201, planned.text
    visit_b = planned.json()["inspection_id"]
    photo_a, photo_b = make_jpeg(60), make_jpeg(61)
    for who, author, inspection, photo in (
        (team.member_1, ids["member_1"], team.inspection_id, photo_a),
        (team.outsider, ids["outsider"], visit_b, photo_b),
    ):
        record = team.api.pull(who, inspection)
        record = add_photo(record, author_id=author, sha256=sha(photo))
        assert team.api.push(who, record).status_code == 200
        assert team.api.upload(who, photo).json()["complete"] is True
    world = World(http, team, visit_b, photo_a, photo_b, {}, admin_password)
    for caller in ("member_1", "leader", "office", "admin"):
        body = {
            "username": USERNAME[caller],
            "password": world.password(caller),
            "device_name": "old",
        }
        second = http.post("/api/v1/devices", json=body).json()
        world.revoked[caller] = {"Authorization": f"Bearer {second['token']}"}
        revoked = http.delete(f"/api/v1/devices/{second['device_id']}", headers=team.admin)
        assert revoked.status_code == 200
    return world


def test_every_endpoint_role_delegation_and_token_answers_its_status(
    app: FastAPI, client: TestClient, team: Team
) -> None:
    world = make_world(client, team, ADMIN_PASSWORD)
    answered, expected = {}, {}
    for (method, path), row in MATRIX.items():
        for role, scope, token in itertools.product(ROLES, SCOPES, TOKENS):
            caller = CALLER[role]
            url, kwargs = row.build(world, caller, scope)
            headers = {**kwargs.pop("headers", {}), **world.headers(caller, token)}
            status = client.request(method, url, headers=headers, **kwargs).status_code
            key = (method, path, role, scope, token)
            answered[key] = status
            own, other = row.expect[role]
            valid = own if scope == "own" else other
            expected[key] = valid if token == "valid" or row.public else 401

    wrong = {
        k: f"got {answered[k]}, want {expected[k]}" for k in expected if answered[k] != expected[k]
    }
    assert wrong == {}
    assert len(answered) == len(MATRIX) * len(ROLES) * len(SCOPES) * len(TOKENS)
    assert client.get("/api/health").status_code == 200


@SQLITE_ONLY
def test_a_malformed_or_unknown_token_is_401_on_every_endpoint(
    client: TestClient, team: Team
) -> None:
    world = make_world(client, team, ADMIN_PASSWORD)
    answers = {}
    for (method, path), row in MATRIX.items():
        for token in ("Bearer nope", "Basic YWRtaW46eA==", "Bearer ", "bearer", "Token x"):
            if row.public:
                continue
            url, kwargs = row.build(world, "admin", "own")
            headers = {**kwargs.pop("headers", {}), "Authorization": token}
            answers[(method, path, token)] = client.request(
                method, url, headers=headers, **kwargs
            ).status_code

    assert {k: v for k, v in answers.items() if v != 401} == {}
    assert len(answers) == 5 * sum(not row.public for row in MATRIX.values())
