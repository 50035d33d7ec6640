"""Office sessions kept in the database: start at sign-in, find per request, end at sign-out.

The browser holds a random 256-bit id in a cookie; the table keeps only its sha256 (like
device tokens), so a copy of the database signs nobody in. A session ends after
`office_idle_minutes` without a request or `office_absolute_hours` after sign-in, whichever
comes first; `seen_at` is written at most once a minute, so reading pages stays read-only.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from sync.server.security import new_token, token_digest
from sync.server.tables import OfficeSession, User

__all__ = [
    "Lifetimes",
    "Started",
    "start_session",
    "find_session",
    "end_session",
    "purge_expired",
]

_SEEN_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class Lifetimes:
    """How long a session may sit idle, and how long it may last at all."""

    idle: timedelta
    absolute: timedelta


@dataclass(frozen=True)
class Started:
    """A new session: the cookie value (shown only here) and its CSRF token."""

    cookie: str
    csrf_token: str


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every one stored here is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def start_session(*, session: Session, user_id: str) -> Started:
    """A new session for this user (the caller commits)."""
    cookie = new_token()
    now = _now()
    csrf = secrets.token_urlsafe(32)
    session.add(
        OfficeSession(
            id_hash=token_digest(cookie),
            user_id=user_id,
            csrf_token=csrf,
            created_at=now,
            seen_at=now,
        )
    )
    session.flush()
    return Started(cookie=cookie, csrf_token=csrf)


def find_session(
    *, session: Session, cookie: str, lifetimes: Lifetimes
) -> tuple[OfficeSession, User] | None:
    """The live session this cookie names and its active user; None (and the row deleted)
    when it expired, the user is disabled, or there is no such session."""
    if not cookie or len(cookie) > 200:
        return None
    row = session.get(OfficeSession, token_digest(cookie))
    if row is None:
        return None
    now = _now()
    user = session.get(User, row.user_id)
    expired = (
        now - _aware(row.seen_at) > lifetimes.idle
        or now - _aware(row.created_at) > lifetimes.absolute
    )
    if expired or user is None or not user.active:
        session.delete(row)
        return None
    if now - _aware(row.seen_at) > _SEEN_EVERY:
        row.seen_at = now
    return row, user


def end_session(*, session: Session, cookie: str) -> None:
    """Delete the session this cookie names (nothing happens when there is none)."""
    if cookie:
        session.execute(delete(OfficeSession).where(OfficeSession.id_hash == token_digest(cookie)))


def purge_expired(*, session: Session, lifetimes: Lifetimes) -> int:
    """Delete every session past its idle or absolute limit (run at each sign-in, so sessions
    of browsers that never came back do not pile up); how many were deleted."""
    now = _now()
    gone = session.execute(
        delete(OfficeSession).where(
            (OfficeSession.seen_at < now - lifetimes.idle)
            | (OfficeSession.created_at < now - lifetimes.absolute)
        )
    )
    return int(getattr(gone, "rowcount", 0) or 0)
