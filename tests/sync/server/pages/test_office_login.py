"""Signing in and out of the office pages: sessions, expiry, CSRF, roles, language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from sync.server.pages.login import safe_next
from sync.server.security import token_digest
from sync.server.tables import OfficeSession, User
from tests.sync.server.central import Team
from tests.sync.server.conftest import ADMIN_PASSWORD
from tests.sync.server.pages.conftest import Browser, form_token, sign_in_browser


def test_a_signed_out_visitor_is_sent_to_sign_in_with_next(client: TestClient) -> None:
    answer = client.get("/office/inspections?page=2", follow_redirects=False)
    assert answer.status_code == 303
    target = urlsplit(answer.headers["location"])
    assert target.path == "/office/login"
    assert parse_qs(target.query)["next"] == ["/office/inspections?page=2"]


def test_office_signs_in_and_lands_on_next(app: FastAPI, team: Team) -> None:
    http = TestClient(app)
    page = http.get("/office/login?next=/office/inspections%3Fpage%3D2")
    assert 'lang="vi"' in page.text
    answer = http.post(
        "/office/login",
        data={
            "username": "office",
            "password": "office-password",
            "csrf_token": form_token(page.text),
            "next": "/office/inspections?page=2",
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/office/inspections?page=2"
    cookie = answer.cookies["office_session"]
    header = answer.headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=lax" in header and "path=/office" in header
    assert "secure" not in header  # plain http here
    with app.state.services.sessions() as session:
        row = session.scalars(select(OfficeSession)).one()
        assert row.id_hash == token_digest(cookie) != cookie
    assert http.get("/office/inspections").status_code == 200


def test_the_cookie_is_secure_over_https(app: FastAPI, team: Team) -> None:
    http = TestClient(app, base_url="https://testserver")
    page = http.get("/office/login")
    answer = http.post(
        "/office/login",
        data={
            "username": "office",
            "password": "office-password",
            "csrf_token": form_token(page.text),
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303
    session_header = [h for h in answer.headers.get_list("set-cookie") if "office_session=" in h]
    assert "secure" in session_header[0].lower()


def test_a_wrong_password_is_refused_and_starts_no_session(app: FastAPI, team: Team) -> None:
    http = TestClient(app)
    page = http.get("/office/login")
    answer = http.post(
        "/office/login",
        data={"username": "office", "password": "wrong", "csrf_token": form_token(page.text)},
        follow_redirects=False,
    )
    assert answer.status_code == 401
    assert "Sai tên đăng nhập hoặc mật khẩu" in answer.text
    assert "office_session" not in answer.cookies
    with app.state.services.sessions() as session:
        assert session.scalars(select(OfficeSession)).first() is None


def test_sign_in_without_the_form_token_is_refused(app: FastAPI, team: Team) -> None:
    http = TestClient(app)
    http.get("/office/login")
    answer = http.post(
        "/office/login",
        data={"username": "office", "password": "office-password", "csrf_token": "forged"},
        follow_redirects=False,
    )
    assert answer.status_code == 403
    assert "CSRF" in answer.text
    assert "office_session" not in answer.cookies


@pytest.mark.parametrize("username", ["member1", "leader"])
def test_an_inspector_or_leader_signed_in_gets_a_clear_403(
    app: FastAPI, team: Team, username: str
) -> None:
    browser = sign_in_browser_refused(app, username)
    answer = browser.http.get("/office/inspections")
    assert answer.status_code == 403
    assert "không được xem các trang của văn phòng trung tâm" in answer.text
    assert 'action="/office/logout"' in answer.text  # they can sign out from there
    assert "/office/compare" not in answer.text  # no navigation for them


def sign_in_browser_refused(app: FastAPI, username: str) -> Browser:
    http = TestClient(app)
    page = http.get("/office/login")
    answer = http.post(
        "/office/login",
        data={
            "username": username,
            "password": f"{username}-password",
            "csrf_token": form_token(page.text),
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303
    refused = http.get("/office/inspections")
    return Browser(http, form_token(refused.text))


def test_navigation_follows_the_role(app: FastAPI, office: Browser, team: Team) -> None:
    page = office.http.get("/office/inspections").text
    assert "/office/compare" in page and "/office/visits" in page
    assert "/office/users" not in page
    admin = sign_in_browser(app, "admin", ADMIN_PASSWORD)
    assert "/office/users" in admin.http.get("/office/inspections").text


def test_sign_out_deletes_the_session(app: FastAPI, office: Browser) -> None:
    cookie = office.http.cookies.get("office_session")
    answer = office.post_form("/office/logout", {})
    assert answer.status_code == 303  # type: ignore[attr-defined]
    with app.state.services.sessions() as session:
        assert session.get(OfficeSession, token_digest(cookie or "")) is None
    replay = TestClient(app, cookies={"office_session": cookie or ""})
    assert replay.get("/office/inspections", follow_redirects=False).status_code == 303


def test_sign_out_without_the_token_is_refused(office: Browser) -> None:
    answer = office.post_form("/office/logout", {}, token=False)
    assert answer.status_code == 403  # type: ignore[attr-defined]
    assert "CSRF" in answer.text  # type: ignore[attr-defined]
    assert office.http.get("/office/inspections").status_code == 200


def test_every_office_form_refuses_a_post_without_its_token(app: FastAPI, office: Browser) -> None:
    posts = [
        route
        for route in api_routes(app.routes)
        if route.path.startswith("/office") and "POST" in route.methods
    ]
    assert len(posts) >= 2  # at least sign-in and sign-out
    for route in posts:
        url = route.path.replace("{", "").replace("}", "")
        for data in ({}, {"csrf_token": "wrong"}):
            answer = office.http.post(url, data=data, follow_redirects=False)
            assert answer.status_code == 403, (route.path, data, answer.status_code)


def api_routes(routes: list[Any]) -> list[APIRoute]:
    """Every APIRoute, through FastAPI's included-router wrappers."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found.extend(api_routes(route.original_router.routes))
    return found


def _age(app: FastAPI, **moments: timedelta) -> None:
    now = datetime.now(UTC)
    with app.state.services.sessions() as session, session.begin():
        session.execute(update(OfficeSession).values({k: now - v for k, v in moments.items()}))


def test_an_idle_session_expires(app: FastAPI, office: Browser) -> None:
    _age(app, seen_at=timedelta(minutes=31))  # default idle limit: 30 minutes
    answer = office.http.get("/office/inspections", follow_redirects=False)
    assert answer.status_code == 303
    assert "expired=1" in answer.headers["location"]
    with app.state.services.sessions() as session:
        assert session.scalars(select(OfficeSession)).first() is None
    login = office.http.get(answer.headers["location"])
    assert "Phiên làm việc đã hết hạn" in login.text


def test_a_used_session_still_ends_at_its_absolute_limit(app: FastAPI, office: Browser) -> None:
    _age(app, created_at=timedelta(hours=12, minutes=1))
    assert office.http.get("/office/inspections", follow_redirects=False).status_code == 303


def test_a_recent_session_lives_on(app: FastAPI, office: Browser) -> None:
    _age(app, seen_at=timedelta(minutes=29), created_at=timedelta(hours=11))
    assert office.http.get("/office/inspections", follow_redirects=False).status_code == 200


def test_a_disabled_account_loses_its_session(app: FastAPI, office: Browser) -> None:
    with app.state.services.sessions() as session, session.begin():
        session.execute(update(User).where(User.username == "office").values(active=False))
    assert office.http.get("/office/inspections", follow_redirects=False).status_code == 303


def test_the_language_switch_is_kept(office: Browser) -> None:
    answer = office.http.get(
        "/office/lang", params={"to": "en", "next": "/office/inspections"}, follow_redirects=False
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/office/inspections"
    page = office.http.get("/office/inspections").text
    assert 'lang="en"' in page and "Sign out" in page and "Đăng xuất" not in page
    office.http.get("/office/lang", params={"to": "vi"})
    assert "Đăng xuất" in office.http.get("/office/inspections").text


def test_the_login_page_speaks_english_when_chosen(client: TestClient) -> None:
    client.get("/office/lang", params={"to": "en", "next": "/office/login"})
    assert "Username" in client.get("/office/login").text


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("/office/inspections?unit=a", "/office/inspections?unit=a"),
        ("https://evil.example/", "/office/inspections"),
        ("//evil.example/office", "/office/inspections"),
        ("/api/v1/users", "/office/inspections"),
        ("/office/logout", "/office/inspections"),
        ("/office\\evil", "/office/inspections"),
        ("", "/office/inspections"),
    ],
)
def test_next_only_leads_to_an_office_page(sent: str, expected: str) -> None:
    assert safe_next(sent) == expected


def test_static_css_is_served_by_the_endpoint(client: TestClient) -> None:
    css = client.get("/office/static/office.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    assert "@import" not in css.text and "http" not in css.text  # no outside fonts or CDN
    assert client.get("/office/static/print.css").status_code == 200


def test_the_sign_in_page_refuses_nothing_badly(
    client: TestClient, browsers: Callable[[str], Browser]
) -> None:
    page = client.get("/office/login")
    for data in (
        {"username": "x" * 5000, "password": "y" * 5000},
        {"username": "office"},
        {},
    ):
        answer = client.post(
            "/office/login",
            data={**data, "csrf_token": form_token(page.text)},
            follow_redirects=False,
        )
        assert answer.status_code == 401, (data, answer.status_code)


def test_signing_in_purges_sessions_past_their_limits(app: FastAPI, team: Team) -> None:
    first = sign_in_browser(app, "office", "office-password")
    _age(app, seen_at=timedelta(hours=2))  # every session so far: long idle
    second = sign_in_browser(app, "office", "office-password")
    with app.state.services.sessions() as session:
        held = session.scalars(select(OfficeSession.id_hash)).all()
    assert held == [token_digest(second.http.cookies.get("office_session") or "")]
    assert first.http.get("/office/inspections", follow_redirects=False).status_code == 303


def test_an_unknown_office_address_is_a_page_and_the_api_keeps_json(
    client: TestClient, office: Browser
) -> None:
    page = office.http.get("/office/no-such-page")
    assert page.status_code == 404 and "Không tìm thấy trang" in page.text
    assert page.headers["content-type"].startswith("text/html")
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.json() == {"detail": "Not Found"}
