"""A small test-side client of the central endpoint, and the team most tests start from.

It speaks plain HTTP through any httpx-style client (FastAPI's TestClient in process, or
`httpx.Client` against a live uvicorn), so the same steps run both ways.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import random
from dataclasses import dataclass
from typing import Any

from PIL import Image

from checklists.record.model import Inspection
from checklists.record.upgrade import parse_record

Headers = dict[str, str]


def make_jpeg(seed: int, size: tuple[int, int] = (64, 48)) -> bytes:
    """A real JPEG of random-looking pixels (different seeds, different bytes)."""
    rng = random.Random(seed)
    image = Image.new("RGB", size)
    image.putdata(
        [(rng.randrange(256), rng.randrange(256), rng.randrange(256))] * (size[0] * size[1])
    )
    image.putpixel((0, 0), (seed % 256, (seed // 256) % 256, 7))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Central:
    """The endpoint's API as tests use it (every call returns the raw response)."""

    def __init__(self, http: Any) -> None:
        self.http = http

    def enroll(self, username: str, password: str, device: str = "tablet") -> Headers:
        response = self.http.post(
            "/api/v1/devices",
            json={"username": username, "password": password, "device_name": device},
        )
        assert response.status_code == 201, response.text
        return {"Authorization": f"Bearer {response.json()['token']}"}

    def add_user(self, admin: Headers, username: str, role: str) -> str:
        response = self.http.post(
            "/api/v1/users",
            headers=admin,
            json={
                "username": username,
                "password": f"{username}-password",
                "name": username.title(),
                "role": role,
            },
        )
        assert response.status_code == 201, response.text
        user_id: str = response.json()["id"]
        return user_id

    def push(self, who: Headers, record: Inspection, *, gzipped: bool = False) -> Any:
        body = record.canonical().encode("utf-8")
        headers = {**who, "Content-Type": "application/json"}
        if gzipped:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        return self.http.put(f"/api/v1/inspections/{record.id}", headers=headers, content=body)

    def pull(self, who: Headers, inspection_id: str) -> Inspection:
        response = self.http.get(f"/api/v1/inspections/{inspection_id}", headers=who)
        assert response.status_code == 200, response.text
        return parse_record(json.loads(response.content))

    def upload(self, who: Headers, data: bytes, chunk: int = 1000, *, digest: str = "") -> Any:
        digest = digest or sha(data)
        response = None
        for offset in range(0, len(data), chunk):
            response = self.http.put(
                f"/api/v1/photos/{digest}/upload",
                params={"offset": offset, "length": len(data)},
                headers={**who, "Content-Type": "application/octet-stream"},
                content=data[offset : offset + chunk],
            )
            if response.status_code != 200:
                return response
        return response


@dataclass(frozen=True)
class Team:
    """An admin, the central office, a delegation (leader, two members) and an outsider, each
    with an enrolled device, and a visit planned for the delegation."""

    api: Central
    admin: Headers
    office: Headers
    leader: Headers
    member_1: Headers
    member_2: Headers
    outsider: Headers
    ids: dict[str, str]
    inspection_id: str

    def copy(self, who: Headers) -> Inspection:
        return self.api.pull(who, self.inspection_id)


def make_team(http: Any, admin_password: str) -> Team:
    api = Central(http)
    admin = api.enroll("admin", admin_password, "admin laptop")
    ids = {
        "office": api.add_user(admin, "office", "central_office"),
        "leader": api.add_user(admin, "leader", "team_leader"),
        "member_1": api.add_user(admin, "member1", "inspector"),
        "member_2": api.add_user(admin, "member2", "inspector"),
        "outsider": api.add_user(admin, "outsider", "inspector"),
    }
    devices = {
        name: api.enroll(username, f"{username}-password")
        for name, username in [
            ("office", "office"),
            ("leader", "leader"),
            ("member_1", "member1"),
            ("member_2", "member2"),
            ("outsider", "outsider"),
        ]
    }
    planned = http.post(
        "/api/v1/visits",
        headers=devices["office"],
        json={
            "template_id": "cqtt-xa",
            "template_version": 1,
            "unit_name": "Phường Vĩnh Trại",
            "inspection_date": "2026-12-01",
            "leader_id": ids["leader"],
            "members": [
                {"user_id": ids["leader"], "role": "truong_doan"},
                {"user_id": ids["member_1"]},
                {"user_id": ids["member_2"]},
            ],
        },
    )
    assert planned.status_code == 201, planned.text
    return Team(
        api=api, admin=admin, ids=ids, inspection_id=planned.json()["inspection_id"], **devices
    )


def plan_alone(
    http: Any, team: Team, unit_name: str, *, version: int = 1, day: str = "2026-12-02"
) -> Any:
    """The office plans a visit of the seed template led by the team's leader alone; the
    server's answer (201 with `inspection_id`, or the refusal)."""
    return http.post(
        "/api/v1/visits",
        headers=team.office,
        json={
            "template_id": "cqtt-xa",
            "template_version": version,
            "unit_name": unit_name,
            "inspection_date": day,
            "leader_id": team.ids["leader"],
            "members": [{"user_id": team.ids["leader"], "role": "truong_doan"}],
        },
    )
