"""Who is on an office page: the session cookie -> `OfficeUser`, role checks and CSRF checks.

Dependencies as typed aliases, for page routes:

* `OfficeUserDep`: a signed-in central office user or admin (signed out: redirect to sign-in
  with `next=`; another role: 403 page).
* `AdminUserDep`: the same, admins only.
* `CheckedUserDep`: `OfficeUserDep` whose POSTed form carries the session's CSRF token in the
  field `csrf_token` (403 page otherwise). Every POST route of the office pages takes it.
* `language(request)`: the page language from the `office_lang` cookie (Vietnamese unless "en").
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request

from sync.protocol import UserRole
from sync.server.access import OFFICE
from sync.server.config import Settings
from sync.server.deps import ServicesDep
from sync.server.pages.errors import FormRefused, NotSignedIn, PageForbidden
from sync.server.pages.sessions import Lifetimes, find_session
from sync.server.pages.words import LANGUAGES, word

__all__ = [
    "SESSION_COOKIE",
    "LANG_COOKIE",
    "CSRF_FIELD",
    "OfficeUser",
    "language",
    "LanguageDep",
    "lifetimes",
    "signed_in",
    "office_user",
    "OfficeUserDep",
    "admin_user",
    "AdminUserDep",
    "require_token",
    "csrf_checked",
    "CheckedUserDep",
]

SESSION_COOKIE = "office_session"
LANG_COOKIE = "office_lang"
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True)
class OfficeUser:
    """The person behind a page request (plain data, read before the route runs)."""

    user_id: str
    username: str
    name: str
    role: UserRole
    csrf_token: str
    lang: str

    @property
    def admin(self) -> bool:
        """True for administrators."""
        return self.role is UserRole.ADMIN

    @property
    def office(self) -> bool:
        """True for the central office and administrators."""
        return self.role in OFFICE


def language(request: Request) -> str:
    """The page language: the `office_lang` cookie, Vietnamese by default."""
    chosen = request.cookies.get(LANG_COOKIE, "vi")
    return chosen if chosen in LANGUAGES else "vi"


LanguageDep = Annotated[str, Depends(language)]


def lifetimes(settings: Settings) -> Lifetimes:
    """The session limits the settings give."""
    return Lifetimes(
        idle=timedelta(minutes=settings.office_idle_minutes),
        absolute=timedelta(hours=settings.office_absolute_hours),
    )


def signed_in(request: Request, svc: ServicesDep, lang: LanguageDep) -> OfficeUser:
    """Whoever holds a live session, whatever their role; redirect to sign in otherwise."""
    cookie = request.cookies.get(SESSION_COOKIE, "")
    with svc.sessions() as session, session.begin():
        found = find_session(session=session, cookie=cookie, lifetimes=lifetimes(svc.settings))
        person = None
        if found is not None:  # an expired session's deletion commits: raise after it
            row, user = found
            person = OfficeUser(
                user_id=user.id,
                username=user.username,
                name=user.name,
                role=UserRole(user.role),
                csrf_token=row.csrf_token,
                lang=lang,
            )
    if person is None:
        raise NotSignedIn()
    return person


def office_user(user: Annotated[OfficeUser, Depends(signed_in)]) -> OfficeUser:
    """A signed-in central office user or admin; 403 page for any other role."""
    if not user.office:
        role = word(user.lang, f"role.{user.role.value}")
        refused = PageForbidden("error.role", name=user.name, role=role)
        refused.viewer = user
        raise refused
    return user


OfficeUserDep = Annotated[OfficeUser, Depends(office_user)]


def admin_user(user: OfficeUserDep) -> OfficeUser:
    """A signed-in admin; 403 page for the central office."""
    if not user.admin:
        refused = PageForbidden("error.admin_only")
        refused.viewer = user
        raise refused
    return user


AdminUserDep = Annotated[OfficeUser, Depends(admin_user)]


async def require_token(request: Request, expected: str) -> None:
    """403 page unless the POSTed form's `csrf_token` field equals `expected`."""
    form = await request.form()  # Starlette caches it: Form(...) parameters still work
    sent = form.get(CSRF_FIELD)
    if (
        not expected
        or not isinstance(sent, str)
        or not secrets.compare_digest(sent.encode("utf-8"), expected.encode("utf-8"))
    ):
        raise FormRefused()


async def csrf_checked(request: Request, user: OfficeUserDep) -> OfficeUser:
    """The office user, once the POSTed form's `csrf_token` matches their session's."""
    await require_token(request, user.csrf_token)
    return user


CheckedUserDep = Annotated[OfficeUser, Depends(csrf_checked)]
