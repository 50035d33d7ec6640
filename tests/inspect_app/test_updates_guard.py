"""The guarded update loop: a component whose re-render fails no longer freezes the session.

A real Flet `Session` (on a connection that sends nowhere) and stand-in controls whose
`update` either fails or counts; Flet's own loop is run beside the guarded one to show the
fault the guard exists for."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from flet.messaging.connection import Connection
from flet.messaging.session import Session
from flet.pubsub.pubsub_hub import PubSubHub

from inspect_app import updates_guard
from inspect_app.updates_guard import FLET_SCHEDULER, guarded_scheduler

Scheduler = Callable[[Any], Coroutine[Any, Any, None]]


class _Nowhere(Connection):
    """A connection with a hub and no client."""

    def __init__(self) -> None:
        super().__init__()
        self._hub = PubSubHub()

    @property
    def pubsubhub(self) -> PubSubHub:
        return self._hub

    def send_message(self, message: object) -> None:
        pass


class _Control:
    """What the loop calls: `update()`, which fails or counts."""

    def __init__(self, fails: bool) -> None:
        self.fails = fails
        self.updates = 0

    def update(self) -> None:
        self.updates += 1
        if self.fails:
            raise KeyError("a render that failed")


def _run(scheduler: Scheduler) -> tuple[_Control, _Control, asyncio.Task[None], bool]:
    """A failing update, then a fine one, through `scheduler`; returns them, the loop's task
    and whether the loop was still running once the fine one had run or the loop had ended."""

    async def scenario() -> tuple[_Control, _Control, asyncio.Task[None], bool]:
        session = Session(_Nowhere())
        loop_task = asyncio.create_task(scheduler(session))
        failing, fine = _Control(fails=True), _Control(fails=False)
        session.schedule_update(failing)  # type: ignore[arg-type]
        while failing.updates == 0:
            await asyncio.sleep(0)
        session.schedule_update(fine)  # type: ignore[arg-type]
        for _ in range(1000):
            if fine.updates or loop_task.done():
                break
            await asyncio.sleep(0)
        running = not loop_task.done()
        loop_task.cancel()
        await asyncio.gather(loop_task, return_exceptions=True)
        return failing, fine, loop_task, running

    return asyncio.run(scenario())


def test_flets_own_loop_ends_at_a_failing_update_and_runs_nothing_after() -> None:
    _, fine, loop_task, running = _run(FLET_SCHEDULER)
    assert fine.updates == 0 and not running
    assert isinstance(loop_task.exception(), KeyError)


def test_the_guarded_loop_logs_a_failing_update_and_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger=updates_guard.__name__):
        failing, fine, loop_task, running = _run(guarded_scheduler)
    assert (failing.updates, fine.updates) == (1, 1)
    assert running and loop_task.exception() is None
    assert "a render that failed" in caplog.text  # the traceback is in the log


def test_install_puts_the_guarded_loop_in_every_session() -> None:
    updates_guard.install()
    assert Session._Session__updates_scheduler is guarded_scheduler  # type: ignore[attr-defined]
