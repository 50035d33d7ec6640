"""Exponential backoff with full jitter (AWS: sleep = random(0, min(cap, base * 2**n))).

Randomness is injected, so tests see exact delays; a server's `Retry-After` is honoured as a
floor. Retrying stops only for what a person must act on (sign-in, a refusal): data must flow.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Backoff"]


@dataclass(frozen=True)
class Backoff:
    """Delays between failed sync passes."""

    base: float = 2.0
    cap: float = 300.0
    draw: Callable[[], float] = field(default=random.random)
    """A draw in [0, 1)."""

    def delay(self, failures: int, retry_after: float | None = None) -> float:
        """Seconds to wait after `failures` consecutive failures (1 for the first)."""
        ceiling = min(self.cap, self.base * 2.0 ** max(0, min(failures - 1, 32)))
        wait = self.draw() * ceiling
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.cap))
        return wait
