"""Account administration (admins only): change a person's name, role or whether they may sign
in, and see every enrolled device. Enrolling and revoking live in `accounts`.

The server never loses its last way in: a change that would leave no active admin is refused.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.protocol import RefusalPublic, UserRole, UserUpdate
from sync.server.access import Caller, require_role
from sync.server.errors import NotFound, Refused
from sync.server.tables import Device, User

__all__ = ["ADMINS", "update_user", "all_devices"]

ADMINS = frozenset({UserRole.ADMIN})


def update_user(*, session: Session, caller: Caller, user_id: str, change: UserUpdate) -> User:
    """Apply `change` to the account (404 if none; 422 if it would leave no active admin)."""
    require_role(caller, ADMINS)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("no such user")
    if change.name is not None:
        user.name = change.name
    if change.role is not None:
        user.role = change.role.value
    if change.active is not None:
        user.active = change.active
    session.flush()
    admins = session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.role == UserRole.ADMIN.value, User.active.is_(True))
    )
    if not admins:
        last = RefusalPublic(path="role", code="account.last_admin")
        raise Refused("this would leave no active admin", [last])
    return user


def all_devices(*, session: Session, caller: Caller) -> list[tuple[Device, User]]:
    """Every enrolled device with its owner, newest first (admins only)."""
    require_role(caller, ADMINS)
    rows = session.execute(
        select(Device, User)
        .join(User, User.id == Device.user_id)
        .order_by(Device.created_at.desc())
    )
    return [(device, user) for device, user in rows]
