"""Accounts and devices: enroll a device, who am I, my devices, revoke one, users (admin)."""

from __future__ import annotations

from fastapi import APIRouter, Request, status
from sqlalchemy import select

from sync.protocol import (
    DevicePublic,
    Enrolled,
    EnrollRequest,
    UserCreate,
    UserPublic,
    UserRole,
    UserUpdate,
)
from sync.server.access import PLANNERS, require_role
from sync.server.accounts import (
    create_user,
    device_public,
    enroll,
    list_users,
    revoke_device,
    user_public,
)
from sync.server.administration import all_devices, update_user
from sync.server.deps import CallerDep, ServicesDep, SessionDep
from sync.server.errors import NotAuthenticated
from sync.server.tables import Device, User

__all__ = [
    "account_routes",
    "enroll_device",
    "me",
    "my_devices",
    "revoke",
    "add_user",
    "users",
    "change_user",
    "every_device",
]

account_routes = APIRouter(prefix="/api/v1", tags=["accounts"])


@account_routes.post("/devices", status_code=status.HTTP_201_CREATED)
def enroll_device(
    request: EnrollRequest, http: Request, svc: ServicesDep, session: SessionDep
) -> Enrolled:
    """Enroll this device with a person's credentials; the token is shown only in this answer.
    Too many failures for the username or from the address answer 429 with `Retry-After`."""
    address = http.client.host if http.client else "unknown"
    svc.sign_ins.check(request.username, address)
    try:
        enrolled = enroll(
            session=session,
            passwords=svc.passwords,
            username=request.username,
            password=request.password,
            device_name=request.device_name,
        )
    except NotAuthenticated:
        session.rollback()  # its transaction ends first: on SQLite the count waits for it
        svc.sign_ins.failed(request.username, address)
        raise
    session.commit()
    svc.sign_ins.succeeded(request.username)
    return enrolled


@account_routes.get("/me")
def me(caller: CallerDep, session: SessionDep) -> UserPublic:
    """The person this device's token belongs to (their id is their member id in records)."""
    user = session.get(User, caller.user_id)
    assert user is not None  # the caller was authenticated a moment ago
    return user_public(user)


@account_routes.get("/devices")
def my_devices(caller: CallerDep, session: SessionDep) -> list[DevicePublic]:
    """The devices enrolled by this person."""
    found = session.scalars(
        select(Device).where(Device.user_id == caller.user_id).order_by(Device.name)
    )
    return [device_public(d) for d in found]


@account_routes.delete("/devices/{device_id}")
def revoke(device_id: str, caller: CallerDep, session: SessionDep) -> DevicePublic:
    """Revoke a device (one's own, or any as an admin): its token stops working at once."""
    device = revoke_device(
        session=session,
        actor_id=caller.user_id,
        admin=caller.role == UserRole.ADMIN,
        device_id=device_id,
    )
    session.commit()
    return device_public(device)


@account_routes.post("/users", status_code=status.HTTP_201_CREATED)
def add_user(
    new: UserCreate, caller: CallerDep, svc: ServicesDep, session: SessionDep
) -> UserPublic:
    """Create an account (admins only)."""
    require_role(caller, frozenset({UserRole.ADMIN}))
    user = create_user(session=session, passwords=svc.passwords, new=new)
    session.commit()
    return user_public(user)


@account_routes.get("/users")
def users(caller: CallerDep, session: SessionDep) -> list[UserPublic]:
    """Every account, to plan delegations (team leaders, the central office, admins)."""
    require_role(caller, PLANNERS)
    return [user_public(u) for u in list_users(session=session)]


@account_routes.patch("/users/{user_id}")
def change_user(
    user_id: str, change: UserUpdate, caller: CallerDep, session: SessionDep
) -> UserPublic:
    """Change an account's name, role or whether it may sign in (admins only); a disabled
    account's devices stop working at once. 422 when no active admin would be left."""
    user = update_user(session=session, caller=caller, user_id=user_id, change=change)
    session.commit()
    return user_public(user)


@account_routes.get("/devices/all")
def every_device(caller: CallerDep, session: SessionDep) -> list[DevicePublic]:
    """Every enrolled device, newest first (admins only)."""
    return [device_public(d) for d, _user in all_devices(session=session, caller=caller)]
