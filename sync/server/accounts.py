"""Users and devices: the first admin, accounts, enrollment, token checks and revocation.

Crud functions are keyword-only and take the session; they raise `sync.server.errors`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.protocol import (
    DevicePublic,
    Enrolled,
    RefusalPublic,
    UserCreate,
    UserPublic,
    UserRole,
)
from sync.server.access import Caller
from sync.server.errors import NotAllowed, NotAuthenticated, NotFound, Refused
from sync.server.security import Passwords, new_password, new_token, token_digest
from sync.server.tables import Device, User, table_of

__all__ = [
    "ensure_admin",
    "create_user",
    "list_users",
    "enroll",
    "authenticate",
    "revoke_device",
    "user_public",
    "device_public",
]


def _now() -> datetime:
    return datetime.now(UTC)


def user_public(user: User) -> UserPublic:
    """The user as the API shows them."""
    return UserPublic(
        id=user.id,
        username=user.username,
        name=user.name,
        role=UserRole(user.role),
        active=user.active,
    )


def device_public(device: Device) -> DevicePublic:
    """The device as the API shows it."""
    return DevicePublic(
        id=device.id,
        name=device.name,
        user_id=device.user_id,
        revoked=device.revoked_at is not None,
    )


def ensure_admin(
    *, session: Session, passwords: Passwords, username: str, password: str | None
) -> str | None:
    """Create the first admin when there are no users yet.

    Returns the password it made up (to print once) when none was configured; None otherwise,
    and None on every later start.
    """
    if session.scalars(select(User.id).limit(1)).first() is not None:
        return None
    made_up = None if password else new_password()
    create_user(
        session=session,
        passwords=passwords,
        new=UserCreate.model_construct(
            username=username,
            password=password or made_up or "",
            name="Administrator",
            role=UserRole.ADMIN,
        ),
    )
    return made_up


def create_user(*, session: Session, passwords: Passwords, new: UserCreate) -> User:
    """A new account; 422 if the username is taken."""
    user = User(
        id=str(uuid.uuid4()),
        username=new.username,
        name=new.name,
        role=new.role.value,
        password_hash=passwords.hash(new.password),
        active=True,
        created_at=_now(),
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError as exc:
        taken = RefusalPublic(path="username", code="account.username_taken")
        raise Refused("username taken", [taken]) from exc
    return user


def list_users(*, session: Session) -> list[User]:
    """Every account, by username."""
    return list(session.scalars(select(User).order_by(User.username)))


def enroll(
    *, session: Session, passwords: Passwords, username: str, password: str, device_name: str
) -> Enrolled:
    """A new device for the person whose credentials these are; its token is shown only here."""
    user = session.scalars(select(User).where(User.username == username)).first()
    if not passwords.matches(user.password_hash if user else None, password) or user is None:
        raise NotAuthenticated("wrong username or password")
    if not user.active:
        raise NotAllowed("account disabled")
    token = new_token()
    device = Device(
        id=str(uuid.uuid4()),
        user_id=user.id,
        name=device_name,
        token_hash=token_digest(token),
        created_at=_now(),
    )
    session.add(device)
    session.flush()
    return Enrolled(device_id=device.id, token=token, user=user_public(user))


def authenticate(*, session: Session, digest: str) -> Caller:
    """Who holds the bearer token whose `security.token_digest` this is: its device and active
    user; 401 if unknown, revoked or disabled. One plain query (no ORM objects)."""
    found = session.execute(_HOLDER, {"digest": digest}).first()
    if found is None or found[6] is not None:
        raise NotAuthenticated("unknown or revoked device token")
    user_id, username, name, role, active, device_id, _revoked = found
    if not active:
        raise NotAuthenticated("account disabled")
    return Caller(
        user_id=user_id, username=username, name=name, role=UserRole(role), device_id=device_id
    )


_DEVICES = table_of(Device)
_USERS = table_of(User)
_HOLDER = (
    select(
        _USERS.c.id,
        _USERS.c.username,
        _USERS.c.name,
        _USERS.c.role,
        _USERS.c.active,
        _DEVICES.c.id,
        _DEVICES.c.revoked_at,
    )
    .join_from(_DEVICES, _USERS, _USERS.c.id == _DEVICES.c.user_id)
    .where(_DEVICES.c.token_hash == bindparam("digest"))
)
"""A token's device and user (built once: every request runs it)."""


def revoke_device(*, session: Session, actor_id: str, admin: bool, device_id: str) -> Device:
    """Revoke a device: its owner or an admin may; revoking twice changes nothing."""
    device = session.get(Device, device_id)
    if device is None or (device.user_id != actor_id and not admin):
        raise NotFound("no such device")
    if device.revoked_at is None:
        device.revoked_at = _now()
    return device
