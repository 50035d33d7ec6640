"""Abandoned uploads: a partial upload nobody touched for `max_age` is deleted.

A tablet that gave up half-way (the photo deleted, the device lost) would otherwise leave its
bytes in the uploads folder for ever. The sweep runs when the server starts and then at most
once per `every`, lazily, on an upload call (no background thread to stop). An upload in
progress is never swept: its lock is held, and its last chunk is recent.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from sync.server.clock import Clock
from sync.server.photo_files import PhotoFiles

__all__ = ["UploadSweeper"]

_log = logging.getLogger("inspect_central")


class UploadSweeper:
    """Deletes partial uploads untouched for longer than `max_age`."""

    def __init__(self, files: PhotoFiles, *, max_age: timedelta, every: timedelta, clock: Clock):
        self._files = files
        self._max_age = max_age
        self._every = every
        self._clock = clock
        self._last: datetime | None = None
        self._running = threading.Lock()

    def sweep(self) -> list[str]:
        """Delete the abandoned uploads now; the hashes whose partial bytes were deleted."""
        now = self._clock()
        self._last = now
        removed = self._files.drop_untouched_since(now - self._max_age)
        if removed:
            _log.info("deleted %d abandoned partial uploads", len(removed))
        return removed

    def sweep_if_due(self) -> list[str]:
        """Sweep when the last sweep is `every` old (one sweep at a time; others skip it)."""
        last = self._last
        if last is not None and self._clock() - last < self._every:
            return []
        if not self._running.acquire(blocking=False):
            return []
        try:
            return self.sweep()
        finally:
            self._running.release()
