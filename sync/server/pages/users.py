"""The users and devices page (`/office/users`, admins only): create accounts, change a
person's role or disable them, and revoke an enrolled device.

Each form goes through the same crud as the API (`create_user`, `update_user`,
`revoke_device`); a refusal comes back on the page in words, with what was typed kept.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from checklists.text.format import format_date
from sync.protocol import UserCreate, UserRole, UserUpdate
from sync.server.accounts import create_user, list_users, revoke_device
from sync.server.administration import all_devices, update_user
from sync.server.deps import ServicesDep
from sync.server.errors import NotFound, Refused
from sync.server.pages.errors import BadQuery, PageNotFound
from sync.server.pages.guard import AdminUserDep, OfficeUser, require_token
from sync.server.pages.render import render
from sync.server.pages.templates import office_caller
from sync.server.pages.words import word

__all__ = [
    "user_routes",
    "CsrfAdminDep",
    "user_page",
    "add_account",
    "change_account",
    "revoke_from_page",
]

user_routes = APIRouter(prefix="/office", include_in_schema=False)

_ROLES = [r.value for r in UserRole]


async def _checked_admin(request: Request, user: AdminUserDep) -> OfficeUser:
    """An admin whose POSTed form carries their session's CSRF token."""
    await require_token(request, user.csrf_token)
    return user


CsrfAdminDep = Annotated[OfficeUser, Depends(_checked_admin)]


def _page(
    request: Request,
    user: OfficeUser,
    svc: ServicesDep,
    *,
    notice: str = "",
    error: str = "",
    typed: dict[str, str] | None = None,
) -> HTMLResponse:
    with svc.readers() as session:
        people = list_users(session=session)
        devices = all_devices(session=session, caller=office_caller(user))
    counts: dict[str, int] = {}
    for device, _owner in devices:
        if device.revoked_at is None:
            counts[device.user_id] = counts.get(device.user_id, 0) + 1
    return render(
        request,
        user,
        "users.html",
        status_code=422 if error else 200,
        title=word(user.lang, "nav.users"),
        people=[
            {
                "id": u.id,
                "username": u.username,
                "name": u.name,
                "role": u.role,
                "active": u.active,
                "devices": counts.get(u.id, 0),
            }
            for u in people
        ],
        devices=[
            {
                "id": d.id,
                "name": d.name,
                "owner": f"{owner.name} ({owner.username})",
                "enrolled": format_date(d.created_at.date(), user.lang),
                "revoked": format_date(d.revoked_at.date(), user.lang) if d.revoked_at else "",
            }
            for d, owner in devices
        ],
        roles=_ROLES,
        notice=notice,
        error=error,
        typed=typed or {"username": "", "name": "", "role": UserRole.INSPECTOR.value},
    )


@user_routes.get("/users", response_class=HTMLResponse)
def user_page(
    request: Request, user: AdminUserDep, svc: ServicesDep, notice: str = "", who: str = ""
) -> HTMLResponse:
    """Accounts and devices, with their forms."""
    known = {"created": "users.created", "updated": "users.updated", "revoked": "users.revoked"}
    shown = ""
    if notice in known:
        shown = word(user.lang, known[notice], username=who, device=who)
    return _page(request, user, svc, notice=shown)


def _role(value: str) -> UserRole:
    if value not in _ROLES:
        raise BadQuery("error.bad_query", field="role", reason=value[:40])
    return UserRole(value)


_CREATE_ERRORS = {"username": "users.bad_username", "password": "users.bad_password"}


@user_routes.post("/users")
def add_account(
    request: Request,
    user: CsrfAdminDep,
    svc: ServicesDep,
    username: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "inspector",
) -> Response:
    """Create an account (post/redirect/get), or the page with why not."""
    typed = {"username": username, "name": name, "role": role}
    try:
        new = UserCreate(
            username=username.strip(), name=name.strip(), password=password, role=_role(role)
        )
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0])
        error = word(user.lang, _CREATE_ERRORS.get(field, "users.bad_name"))
        return _page(request, user, svc, error=error, typed=typed)
    try:
        with svc.sessions() as session, session.begin():
            create_user(session=session, passwords=svc.passwords, new=new)
    except Refused:
        error = word(user.lang, "users.taken", username=new.username)
        return _page(request, user, svc, error=error, typed=typed)
    return RedirectResponse(f"/office/users?notice=created&who={new.username}", status_code=303)


@user_routes.post("/users/{user_id}")
def change_account(
    request: Request,
    user_id: str,
    user: CsrfAdminDep,
    svc: ServicesDep,
    role: Annotated[str, Form()] = "",
    active: Annotated[str, Form()] = "",
) -> Response:
    """Set an account's role and whether it may sign in (a box left unticked disables it)."""
    change = UserUpdate(role=_role(role), active=active == "on")
    try:
        with svc.sessions() as session, session.begin():
            changed = update_user(
                session=session, caller=office_caller(user), user_id=user_id, change=change
            )
            username = changed.username
    except NotFound as exc:
        raise PageNotFound("error.not_found", what="what.user") from exc
    except Refused:
        return _page(request, user, svc, error=word(user.lang, "users.last_admin"))
    return RedirectResponse(f"/office/users?notice=updated&who={username}", status_code=303)


@user_routes.post("/devices/{device_id}/revoke")
def revoke_from_page(device_id: str, user: CsrfAdminDep, svc: ServicesDep) -> Response:
    """Revoke a device: its token stops working at once."""
    try:
        with svc.sessions() as session, session.begin():
            device = revoke_device(
                session=session, actor_id=user.user_id, admin=True, device_id=device_id
            )
            name = device.name
    except NotFound as exc:
        raise PageNotFound("error.not_found", what="what.device") from exc
    return RedirectResponse(f"/office/users?notice=revoked&who={name}", status_code=303)
