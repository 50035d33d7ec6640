"""A Flet session's update loop that survives a failing update.

Flet 1.0.5 runs every deferred update (a component re-rendered because its observable changed)
and every effect of a session in one background task. An exception while re-rendering a
component is caught nowhere in that task: the task ends, silently (it is never awaited, so not
even "Task exception was never retrieved" is logged while the session lives), and from then on
nothing in that session re-renders and no effect runs: a screen waits for its data for ever.

`install()` replaces that loop with the same loop whose updates are each guarded: a failing
update is logged with its traceback and the next one runs. The effect part is Flet's own
(it already catches and reports effect errors). Flet is pinned, and `install` refuses any
other version rather than guess at its internals.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import traceback
from typing import Any

import flet
from flet.messaging.session import Session

__all__ = ["FLET_SCHEDULER", "FLET_VERSION", "guarded_scheduler", "install"]

FLET_VERSION = "1.0.5"
"""The Flet whose scheduler this copies (the project pins it)."""

logger = logging.getLogger(__name__)

_SCHEDULER = "_Session__updates_scheduler"
"""Session's private `__updates_scheduler`, name-mangled."""

FLET_SCHEDULER = getattr(Session, _SCHEDULER)
"""Flet's own loop, as imported (tests show what it does with a failing update)."""


async def guarded_scheduler(self: Any) -> None:
    """Flet 1.0.5's `Session.__updates_scheduler`, with each control's update guarded."""
    try:
        while not self._Session__closed:
            await self._Session__updates_ready.wait()
            self._Session__updates_ready.clear()

            pending_updates = list(self._Session__pending_updates)
            self._Session__pending_updates.clear()
            for control in pending_updates:
                try:
                    control.update()
                except Exception:  # noqa: BLE001 - one failing screen must not stop the session
                    logger.exception("updating %r failed; the session goes on", control)

            pending_effects = list(self._Session__pending_effects)
            self._Session__pending_effects.clear()
            for hook, is_cleanup in pending_effects:
                try:
                    if hook and hook.setup and not is_cleanup:
                        hook.cancel()
                        result = None
                        if inspect.iscoroutinefunction(hook.setup):
                            hook._setup_task = asyncio.create_task(hook.setup())
                        else:
                            result = hook.setup()
                        if callable(result):
                            hook.cleanup = result
                    elif hook and hook.cleanup and is_cleanup:
                        hook.cancel()
                        if inspect.iscoroutinefunction(hook.cleanup):
                            hook._cleanup_task = asyncio.create_task(hook.cleanup())
                        else:
                            hook.cleanup()
                except Exception as exc:  # noqa: BLE001 - Flet's own handling, kept as is
                    self.error(f"Exception in effect: {exc}\n{traceback.format_exc()}")
    except asyncio.CancelledError:
        pass


def install() -> None:
    """Guard every session's update loop from now on (idempotent)."""
    if flet.__version__ != FLET_VERSION:
        raise RuntimeError(
            f"inspect_app.updates_guard copies Flet {FLET_VERSION}'s update loop; "
            f"Flet {flet.__version__} is installed: check its Session and update the copy"
        )
    if not hasattr(Session, _SCHEDULER):
        raise RuntimeError(f"Flet's Session has no {_SCHEDULER}: its internals changed")
    setattr(Session, _SCHEDULER, guarded_scheduler)
