"""Typing in a form: numbers typed the Vietnamese or English way, and drafts saved a moment
after the last keystroke (debounced) in the order they were typed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

__all__ = ["TypingDraft", "parse_number"]


def parse_number(text: str, lang: str = "vi") -> float | None:
    """A typed figure: "1.454" and "98,77" in Vietnamese, "1,454" and "98.77" in English;
    "" is None. ValueError for anything else."""
    raw = text.strip().replace(" ", "").replace("\u00a0", "").removesuffix("%")
    if not raw:
        return None
    if lang == "en":
        raw = raw.replace(",", "")
    else:
        raw = raw.replace(".", "").replace(",", ".")
    number = float(raw)  # ValueError for words, "1,2,3" and the like
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(text)
    return number


class TypingDraft:
    """The latest typed value of one field, saved `delay` seconds after the last keystroke.

    Saves run as their own tasks (never cancelled by later typing) in the order they start;
    the view-model's edit lock keeps them in that order, so the last text typed wins.
    """

    def __init__(
        self,
        save: Callable[[object], Coroutine[Any, Any, None]],
        delay: float,
    ) -> None:
        self._save = save
        self.delay = delay
        self._value: object = None
        self.dirty = False
        self._timer: asyncio.Task[None] | None = None
        self.saves: set[asyncio.Task[None]] = set()
        self.loop: asyncio.AbstractEventLoop | None = None
        """The event loop it was typed on (its saves run there)."""

    @property
    def busy(self) -> bool:
        """Typed text not yet saved, or being saved."""
        return self.dirty or bool(self.saves)

    def push(self, value: object) -> None:
        self._value, self.dirty = value, True
        self.loop = asyncio.get_running_loop()
        self._cancel_timer()
        self._timer = asyncio.get_running_loop().create_task(self._later())

    def flush_soon(self) -> None:
        """Start saving what was typed now (from sync code: a cleanup, a click)."""
        self._cancel_timer()
        self._start()

    async def flush(self) -> None:
        """Save what was typed now and wait until every save of this field is done."""
        self.flush_soon()
        while self.saves:
            await asyncio.gather(*list(self.saves))

    async def _later(self) -> None:
        await asyncio.sleep(self.delay)
        self._timer = None
        self._start()

    def _start(self) -> None:
        if not self.dirty:
            return
        value, self.dirty = self._value, False
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(self._save(value))
        self.saves.add(task)
        task.add_done_callback(self.saves.discard)

    def _cancel_timer(self) -> None:
        if self._timer is not None and self._timer is not asyncio.current_task():
            self._timer.cancel()
        self._timer = None
