"""Recently verified device tokens: a request whose token was checked a moment ago is not
checked again against the database (every request pays that check, a push as much as its merge).

Each entry lives `ttl` seconds. Any committed change to an account or a device in this process
(a revoked device, a disabled user, a new role: `watch` hooks the server's sessions) empties the
cache at once, so in the server that made the change a revoked token stops working with the
next request; another server process sharing the database sees it within `ttl`. A lookup that
started before such a change is not kept (a generation count), so it cannot put back what the
change removed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from sync.server.access import Caller
from sync.server.tables import Device, User

__all__ = ["TokenCache"]

_SIZE = 4096
_FLAG = "touches_accounts"


class TokenCache:
    """Token digest -> the caller it belonged to when checked (thread-safe)."""

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._entries: dict[str, tuple[Caller, float]] = {}
        self._generation = 0
        self._lock = threading.Lock()

    def get(self, digest: str) -> Caller | None:
        """The caller checked for this digest less than `ttl` seconds ago, if any."""
        with self._lock:
            found = self._entries.get(digest)
            if found is None:
                return None
            if self._clock() - found[1] >= self._ttl:
                del self._entries[digest]
                return None
            return found[0]

    def generation(self) -> int:
        """Taken before a lookup and handed to `put` (see the module)."""
        with self._lock:
            return self._generation

    def put(self, digest: str, caller: Caller, generation: int) -> None:
        """Keep a lookup's answer, unless accounts changed since it began."""
        with self._lock:
            if generation != self._generation:
                return
            if len(self._entries) >= _SIZE:
                self._entries.clear()
            self._entries[digest] = (caller, self._clock())

    def clear(self) -> None:
        """Forget every token (an account or device changed)."""
        with self._lock:
            self._entries.clear()
            self._generation += 1

    def watch(self, sessions: sessionmaker[Session]) -> None:
        """Empty the cache after every commit, by these sessions, that changed a user or a
        device."""

        def before_flush(session: Session, _context: Any, _instances: Any) -> None:
            changed = session.new | session.dirty | session.deleted
            if any(isinstance(o, User | Device) for o in changed):
                session.info[_FLAG] = True

        def after_commit(session: Session) -> None:
            if session.info.pop(_FLAG, False):
                self.clear()

        def after_rollback(session: Session) -> None:
            session.info.pop(_FLAG, None)

        event.listen(sessions, "before_flush", before_flush)
        event.listen(sessions, "after_commit", after_commit)
        event.listen(sessions, "after_rollback", after_rollback)
