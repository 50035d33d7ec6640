"""The server's clock: what "now" is for sign-in limits and abandoned uploads.

One callable returning an aware UTC datetime, handed to the parts that need it, so a test
sets the time instead of sleeping.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

__all__ = ["Clock", "system_clock"]

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware (UTC)."""


def system_clock() -> datetime:
    """The real time, UTC."""
    return datetime.now(UTC)
