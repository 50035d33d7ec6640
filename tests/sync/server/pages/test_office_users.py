"""The users and devices page (admins only): create an account, change a role, disable an
account, revoke a device; each takes effect on the API at once."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.sync.server.central import Team
from tests.sync.server.conftest import ADMIN_PASSWORD, SQLITE_ONLY
from tests.sync.server.pages.conftest import Browser, sign_in_browser


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def admin_browser(client: TestClient) -> Browser:
    return sign_in_browser(client.app, "admin", ADMIN_PASSWORD)  # type: ignore[arg-type]


def test_the_central_office_may_not_use_the_users_page(
    office: Browser, browsers: Callable[[str], Browser]
) -> None:
    assert office.http.get("/office/users").status_code == 403
    denied = office.post_form("/office/users", {"username": "x", "name": "X", "password": "p" * 8})
    assert denied.status_code == 403  # type: ignore[attr-defined]


def test_an_admin_creates_an_account_that_can_enroll_a_tablet(
    client: TestClient, team: Team
) -> None:
    admin = admin_browser(client)
    made = admin.post_form(
        "/office/users",
        {
            "username": "thanhvien3",
            "name": "Nguyễn Văn Ba",
            "password": "mat-khau-3",
            "role": "inspector",
        },
    )
    assert made.status_code == 303, made.text  # type: ignore[attr-defined]
    page = admin.http.get(made.headers["location"])  # type: ignore[attr-defined]
    assert "Đã tạo tài khoản thanhvien3." in text_of(page.text)
    assert "Nguyễn Văn Ba" in page.text
    enrolled = client.post(
        "/api/v1/devices",
        json={"username": "thanhvien3", "password": "mat-khau-3", "device_name": "tablet"},
    )
    assert enrolled.status_code == 201
    taken = admin.post_form(
        "/office/users",
        {"username": "thanhvien3", "name": "Ai đó", "password": "mat-khau-4", "role": "inspector"},
    )
    assert taken.status_code == 422  # type: ignore[attr-defined]
    assert "Tên đăng nhập thanhvien3 đã có người dùng." in text_of(taken.text)  # type: ignore[attr-defined]
    short = admin.post_form(
        "/office/users",
        {"username": "ok.name", "name": "X", "password": "ngan", "role": "inspector"},
    )
    assert short.status_code == 422  # type: ignore[attr-defined]
    assert 'value="ok.name"' in short.text  # type: ignore[attr-defined]


def test_a_role_change_and_a_disabled_account_take_effect_at_once(
    client: TestClient, team: Team
) -> None:
    admin = admin_browser(client)
    member = team.ids["member_1"]
    promoted = admin.post_form(f"/office/users/{member}", {"role": "team_leader", "active": "on"})
    assert promoted.status_code == 303  # type: ignore[attr-defined]
    assert client.get("/api/v1/me", headers=team.member_1).json()["role"] == "team_leader"
    disabled = admin.post_form(f"/office/users/{member}", {"role": "team_leader"})
    assert disabled.status_code == 303  # type: ignore[attr-defined]
    assert client.get("/api/v1/me", headers=team.member_1).status_code == 401
    me = client.get("/api/v1/me", headers=team.admin).json()["id"]
    last = admin.post_form(f"/office/users/{me}", {"role": "inspector", "active": "on"})
    assert last.status_code == 422  # type: ignore[attr-defined]
    assert client.get("/api/v1/me", headers=team.admin).json()["role"] == "admin"


def test_an_admin_revokes_a_device_and_its_token_stops_working(
    client: TestClient, team: Team
) -> None:
    admin = admin_browser(client)
    page = admin.http.get("/office/users")
    assert page.status_code == 200
    [device] = client.get("/api/v1/devices", headers=team.member_2).json()
    assert f"/office/devices/{device['id']}/revoke" in page.text
    revoked = admin.post_form(f"/office/devices/{device['id']}/revoke", {})
    assert revoked.status_code == 303  # type: ignore[attr-defined]
    assert client.get("/api/v1/me", headers=team.member_2).status_code == 401
    after = admin.http.get(revoked.headers["location"])  # type: ignore[attr-defined]
    assert f"/office/devices/{device['id']}/revoke" not in after.text


@SQLITE_ONLY
def test_unknown_accounts_devices_and_roles_get_a_page_never_a_500(
    client: TestClient, team: Team
) -> None:
    admin = admin_browser(client)
    assert admin.post_form("/office/users/nobody", {"role": "inspector"}).status_code == 404  # type: ignore[attr-defined]
    assert admin.post_form("/office/devices/nothing/revoke", {}).status_code == 404  # type: ignore[attr-defined]
    member = team.ids["member_1"]
    assert admin.post_form(f"/office/users/{member}", {"role": "king"}).status_code == 400  # type: ignore[attr-defined]
    assert (
        admin.post_form(f"/office/users/{member}", {"role": "inspector"}, token=False).status_code
        == 403
    )  # type: ignore[attr-defined]
