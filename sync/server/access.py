"""Who may see and change which records: roles on the server, delegation membership per record.

A central office user or an admin sees every inspection; an inspector or team leader sees
only those whose delegation lists them as an active member (the member id is the user id).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import UserRole
from sync.server.errors import NotAllowed
from sync.server.tables import Membership, PhotoRef

__all__ = [
    "Caller",
    "OFFICE",
    "PLANNERS",
    "require_role",
    "can_see",
    "require_delegation",
    "can_see_photo",
    "visible_photos",
]

OFFICE = frozenset({UserRole.CENTRAL_OFFICE, UserRole.ADMIN})
"""Roles that see every inspection and act as the central office in records."""
PLANNERS = frozenset({UserRole.TEAM_LEADER, *OFFICE})
"""Roles that may create a visit (a team leader only one they lead)."""


@dataclass(frozen=True)
class Caller:
    """The authenticated person and device behind a request."""

    user_id: str
    username: str
    name: str
    role: UserRole
    device_id: str

    @property
    def office(self) -> bool:
        """True for the central office and admins."""
        return self.role in OFFICE


def require_role(caller: Caller, roles: frozenset[UserRole]) -> None:
    """403 unless the caller's role is one of `roles`."""
    if caller.role not in roles:
        raise NotAllowed(f"role {caller.role.value} may not do this")


def can_see(session: Session, caller: Caller, inspection_id: str) -> bool:
    """True when the caller may read this inspection."""
    if caller.office:
        return True
    found = session.get(Membership, (inspection_id, caller.user_id))
    return found is not None


def require_delegation(session: Session, caller: Caller, inspection_id: str) -> None:
    """403 unless the caller may read this inspection."""
    if not can_see(session, caller, inspection_id):
        raise NotAllowed("not a member of this inspection's delegation")


def can_see_photo(session: Session, caller: Caller, sha256: str) -> bool:
    """True when a record the caller may read points at this photo."""
    query = select(PhotoRef.inspection_id).where(PhotoRef.sha256 == sha256)
    if not caller.office:
        query = query.join(
            Membership,
            (Membership.inspection_id == PhotoRef.inspection_id)
            & (Membership.user_id == caller.user_id),
        )
    return session.scalars(query.limit(1)).first() is not None


def visible_photos(session: Session, caller: Caller, hashes: Collection[str]) -> set[str]:
    """Those of `hashes` that a record the caller may read points at (one query)."""
    query = select(PhotoRef.sha256).where(PhotoRef.sha256.in_(hashes))
    if not caller.office:
        query = query.join(
            Membership,
            (Membership.inspection_id == PhotoRef.inspection_id)
            & (Membership.user_id == caller.user_id),
        )
    return set(session.scalars(query.distinct()))
