"""Signing in and out of the office pages, and choosing the page language.

The sign-in form is protected against CSRF before any session exists by a double-submit
token: a random value in an HttpOnly cookie (path /office/login) that the form must repeat.
Any active account may sign in; pages then refuse roles other than the central office and
admin with a 403 page that offers to sign out.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from sync.server.deps import ServicesDep
from sync.server.errors import TooManyAttempts
from sync.server.pages.guard import (
    LANG_COOKIE,
    SESSION_COOKIE,
    LanguageDep,
    OfficeUser,
    lifetimes,
    require_token,
    signed_in,
)
from sync.server.pages.render import render
from sync.server.pages.sessions import end_session, purge_expired, start_session
from sync.server.pages.words import LANGUAGES, word
from sync.server.services import Services
from sync.server.tables import User

__all__ = [
    "login_routes",
    "safe_next",
    "office_home",
    "login_page",
    "login",
    "logout",
    "switch_language",
]

login_routes = APIRouter(prefix="/office", include_in_schema=False)

_LOGIN_COOKIE = "office_login_csrf"
_HOME = "/office/inspections"


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path of the office pages, never another site."""
    if not value or not value.startswith("/office") or "\\" in value or value.startswith("//"):
        return _HOME
    if value.startswith(("/office/login", "/office/logout")):
        return _HOME
    return value


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


@login_routes.get("", include_in_schema=False)
def office_home() -> RedirectResponse:
    """`/office` is the inspection list."""
    return RedirectResponse(_HOME, status_code=303)


@login_routes.get("/login", response_class=HTMLResponse)
def login_page(
    request: Request,
    lang: LanguageDep,
    next: str = "",  # noqa: A002 - the query parameter's name
    expired: int = 0,
    out: int = 0,
) -> Response:
    """The sign-in form (it sets the double-submit CSRF cookie)."""
    token = request.cookies.get(_LOGIN_COOKIE) or secrets.token_urlsafe(32)
    notice = ""
    if expired:
        notice = word(lang, "login.expired")
    elif out:
        notice = word(lang, "login.signed_out")
    response = render(
        request,
        None,
        "login.html",
        lang=lang,
        title=word(lang, "login.title"),
        login_token=token,
        next=safe_next(next),
        username="",
        failed=False,
        notice=notice,
    )
    _set_login_cookie(request, response, token)
    return response


def _set_login_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        _LOGIN_COOKIE,
        token,
        path="/office/login",
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )


def _check(svc: Services, username: str, password: str) -> str | None:
    """The user id when the credentials are right and the account active."""
    with svc.sessions() as session:
        user = session.scalars(select(User).where(User.username == username)).first()
        right = svc.passwords.matches(user.password_hash if user else None, password)
        return user.id if right and user is not None and user.active else None


def _start(svc: Services, user_id: str, old_cookie: str) -> str:
    with svc.sessions() as session, session.begin():
        end_session(session=session, cookie=old_cookie)
        purge_expired(session=session, lifetimes=lifetimes(svc.settings))
        return start_session(session=session, user_id=user_id).cookie


@login_routes.post("/login", response_class=HTMLResponse)
async def login(
    request: Request,
    svc: ServicesDep,
    lang: LanguageDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",  # noqa: A002 - the form field's name
) -> Response:
    """Check the credentials; start a session (a new id every time) and go to `next`."""
    await require_token(request, request.cookies.get(_LOGIN_COOKIE, ""))
    username = username.strip()[:64]
    address = request.client.host if request.client else "unknown"

    def refused(status_code: int, notice: str) -> HTMLResponse:
        return render(
            request,
            None,
            "login.html",
            status_code=status_code,
            lang=lang,
            title=word(lang, "login.title"),
            login_token=request.cookies.get(_LOGIN_COOKIE, ""),
            next=safe_next(next),
            username=username,
            failed=status_code == 401,
            error=notice,
            notice="",
        )

    try:  # the same limits as enrolling a device: one count per username and address
        await run_in_threadpool(svc.sign_ins.check, username, address)
    except TooManyAttempts as exc:
        answer = refused(429, word(lang, "login.locked", seconds=exc.retry_after))
        answer.headers["Retry-After"] = str(exc.retry_after)
        return answer
    too_long = len(password) > 200
    user_id = None if too_long else await run_in_threadpool(_check, svc, username, password)
    if user_id is None:
        await run_in_threadpool(svc.sign_ins.failed, username, address)
        return refused(401, "")
    await run_in_threadpool(svc.sign_ins.succeeded, username)
    old = request.cookies.get(SESSION_COOKIE, "")
    cookie = await run_in_threadpool(_start, svc, user_id, old)
    signed = RedirectResponse(safe_next(next), status_code=303)
    signed.set_cookie(
        SESSION_COOKIE,
        cookie,
        path="/office",
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        max_age=svc.settings.office_absolute_hours * 3600,
    )
    signed.delete_cookie(_LOGIN_COOKIE, path="/office/login")
    return signed


def _end(svc: Services, cookie: str) -> None:
    with svc.sessions() as session, session.begin():
        end_session(session=session, cookie=cookie)


@login_routes.post("/logout")
async def logout(
    request: Request, svc: ServicesDep, user: Annotated[OfficeUser, Depends(signed_in)]
) -> Response:
    """Delete the session (any role may sign out) and go back to the sign-in page."""
    await require_token(request, user.csrf_token)
    await run_in_threadpool(_end, svc, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/office/login?out=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/office")
    return response


@login_routes.get("/lang")
def switch_language(to: str = "vi", next: str = "") -> Response:  # noqa: A002
    """Keep the chosen language in a cookie (a year) and go back to the page."""
    chosen = to if to in LANGUAGES else "vi"
    target = next if next.startswith("/office/login") else safe_next(next)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        LANG_COOKIE, chosen, path="/office", max_age=365 * 24 * 3600, samesite="lax"
    )
    return response
