"""One browser session on the WebSocket: Flet's `FletApp`, made to end when the browser goes.

Flet 1.0.5's `FletApp.handle` never returns when a WebSocket closes before the client has
registered (a page closed or reloaded while loading, a probe that connects and leaves): its
send loop waits for a sentinel that is only queued for a registered session. uvicorn then
waits for that handler for ever on SIGTERM, and the data folder stays locked. Here the handler
gets `ORPHAN_GRACE_S` after the browser has gone, then it is cancelled.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

import flet as ft
from flet_web.fastapi import FletApp, app_manager
from starlette.types import Message
from starlette.websockets import WebSocket, WebSocketDisconnect

__all__ = ["ORPHAN_GRACE_S", "run_session"]

ORPHAN_GRACE_S = 1.0
"""After the browser has gone, how long Flet's handler gets to wind down by itself."""


class _WatchedWebSocket(WebSocket):
    """A WebSocket that notes when the browser has gone (any failure to receive)."""

    def __init__(self, websocket: WebSocket) -> None:
        super().__init__(websocket.scope, websocket.receive, websocket.send)
        self.gone = asyncio.Event()

    async def receive_bytes(self) -> bytes:
        try:
            return await super().receive_bytes()
        except BaseException:
            self.gone.set()
            raise

    async def receive(self) -> Message:
        message = await super().receive()
        if message["type"] == "websocket.disconnect":
            self.gone.set()
        return message


async def run_session(websocket: WebSocket, main: Callable[[ft.Page], None]) -> None:
    """Run Flet's session handler for one WebSocket until it ends or is orphaned."""
    watched = _WatchedWebSocket(websocket)
    app = FletApp(
        loop=asyncio.get_running_loop(),
        executor=app_manager.executor,
        main=main,
        before_main=None,
    )
    handler = asyncio.create_task(app.handle(watched))
    gone = asyncio.create_task(watched.gone.wait())
    try:
        await asyncio.wait({handler, gone}, return_when=asyncio.FIRST_COMPLETED)
        if not handler.done():
            await asyncio.wait({handler}, timeout=ORPHAN_GRACE_S)
    finally:
        gone.cancel()
        if not handler.done():
            handler.cancel()
        # The browser going while Flet sends (a closed tab, a reload) ends the session; it is
        # not an error of the app (uvicorn would log it as one, with a traceback).
        with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect):
            await handler
