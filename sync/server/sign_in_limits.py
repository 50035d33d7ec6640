"""Failed sign-ins (device enrollment) counted per username and per client address.

After `per_user` failures for one username, or `per_address` failures from one address, within
`window`, enrollment answers 429 with `Retry-After` (the seconds until the oldest failure
leaves the window) without checking the password, so guessing costs the server no argon2 time
either. A success clears the username's count (not the address's). The counts live in memory:
a restart forgets them, and each server process counts on its own.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict, deque
from datetime import datetime, timedelta

from sync.server.clock import Clock
from sync.server.errors import TooManyAttempts

__all__ = ["SignInLimits"]

_MAX_KEYS = 50_000
"""Usernames and addresses remembered at most (the least recently failed are forgotten first),
so a flood of made-up usernames cannot grow the server's memory without bound."""


class SignInLimits:
    """Sliding-window counts of failed sign-ins; thread-safe."""

    def __init__(self, *, per_user: int, per_address: int, window: timedelta, clock: Clock):
        self._limits = {"user": per_user, "address": per_address}
        self._window = window
        self._clock = clock
        self._failures: OrderedDict[tuple[str, str], deque[datetime]] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, username: str, address: str) -> None:
        """Raise `TooManyAttempts` (429) while this username or this address is locked out."""
        now = self._clock()
        waits = []
        with self._lock:
            for key in (("user", username.casefold()), ("address", address)):
                if key not in self._failures:
                    continue
                recent = self._recent(key, now)
                if len(recent) >= self._limits[key[0]]:
                    waits.append((recent[0] + self._window - now).total_seconds())
        if waits:
            seconds = max(1, math.ceil(max(waits)))
            raise TooManyAttempts(
                "too many failed sign-ins for this username or from this address; "
                f"try again in {seconds} s",
                retry_after=seconds,
            )

    def failed(self, username: str, address: str) -> None:
        """Count one failed sign-in against the username and the address."""
        now = self._clock()
        with self._lock:
            for key in (("user", username.casefold()), ("address", address)):
                self._recent(key, now).append(now)
                self._failures.move_to_end(key)
            while len(self._failures) > _MAX_KEYS:
                self._failures.popitem(last=False)

    def succeeded(self, username: str) -> None:
        """A correct password: the username's failures are forgotten."""
        with self._lock:
            self._failures.pop(("user", username.casefold()), None)

    def _recent(self, key: tuple[str, str], now: datetime) -> deque[datetime]:
        """The key's failures inside the window (older ones dropped); created when missing."""
        found = self._failures.setdefault(key, deque())
        while found and found[0] <= now - self._window:
            found.popleft()
        return found
