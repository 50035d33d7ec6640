"""Failed sign-ins (device enrollment, the office sign-in form) counted per username and per
client address.

After `per_user` failures for one username, or `per_address` failures from one address, within
`window`, a sign-in answers 429 with `Retry-After` (the seconds until the oldest failure leaves
the window) without checking the password, so guessing costs the server no argon2 time either.
A success clears the username's count (not the address's). The counts live in the database
(`sign_in_failures`): every server process sharing it counts together, and a restart forgets
nothing. Failures older than the window are deleted as new ones come, so the table holds at
most one window's worth.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, delete, func, insert, or_, select
from sqlalchemy.orm import Session, sessionmaker

from sync.server.clock import Clock
from sync.server.errors import TooManyAttempts
from sync.server.tables import SignInFailure, table_of

__all__ = ["SignInLimits"]

_FAILURES = table_of(SignInFailure)
_KEY_CHARS = 320
"""A key is cut to the column's length (no real username or address is longer)."""


class SignInLimits:
    """Sliding-window counts of failed sign-ins, in the database; thread-safe."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        readers: sessionmaker[Session],
        *,
        per_user: int,
        per_address: int,
        window: timedelta,
        clock: Clock,
    ) -> None:
        self._sessions = sessions
        self._readers = readers
        self._limits = {"user": per_user, "address": per_address}
        self._window = window
        self._clock = clock

    def check(self, username: str, address: str) -> None:
        """Raise `TooManyAttempts` (429) while this username or this address is locked out."""
        now = self._clock()
        f = _FAILURES.c
        keys = [and_(f.kind == kind, f.key == key) for kind, key in _keys(username, address)]
        query = (
            select(f.kind, func.count(), func.min(f.at))
            .where(or_(*keys), f.at > now - self._window)
            .group_by(f.kind)
        )
        with self._readers() as session:
            counts = session.execute(query).all()
        waits = [
            (_aware(oldest) + self._window - now).total_seconds()
            for kind, count, oldest in counts
            if count >= self._limits[kind]
        ]
        if waits:
            seconds = max(1, math.ceil(max(waits)))
            raise TooManyAttempts(
                "too many failed sign-ins for this username or from this address; "
                f"try again in {seconds} s",
                retry_after=seconds,
            )

    def failed(self, username: str, address: str) -> None:
        """Count one failed sign-in against the username and the address (and forget those
        that have left the window)."""
        now = self._clock()
        rows = [{"kind": kind, "key": key, "at": now} for kind, key in _keys(username, address)]
        with self._sessions() as session, session.begin():
            session.execute(delete(_FAILURES).where(_FAILURES.c.at <= now - self._window))
            session.execute(insert(_FAILURES), rows)

    def succeeded(self, username: str) -> None:
        """A correct password: the username's failures are forgotten."""
        ((kind, key),) = _keys(username, None)
        f = _FAILURES.c
        with self._sessions() as session, session.begin():
            session.execute(delete(_FAILURES).where(f.kind == kind, f.key == key))


def _keys(username: str, address: str | None) -> list[tuple[str, str]]:
    keys = [("user", username.casefold()[:_KEY_CHARS])]
    if address is not None:
        keys.append(("address", address[:_KEY_CHARS]))
    return keys


def _aware(moment: datetime) -> datetime:
    """SQLite gives back the UTC time it was given without its zone."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
