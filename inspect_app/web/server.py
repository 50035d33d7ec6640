"""The web client's server: Flet's sessions and files behind our middleware, run by uvicorn.

Built here rather than by `ft.run(view=WEB_BROWSER)` for three reasons (Flet notes §6.1):
Flet's server sends files uncompressed and unvalidated, accepts WebSockets from any origin,
answers with `Access-Control-Allow-Origin: *` and FastAPI's `/docs` (Swagger from a CDN), and
after a browser dropped its WebSocket it no longer stops on SIGTERM, keeping the data folder
locked. Flet's own parts are reused: `FletApp` runs one browser session (see `session`),
`app_manager` keeps the sessions, `FletStaticFiles` patches `index.html` for `no_cdn`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import threading
from collections.abc import AsyncIterator, Callable, Generator, Iterable
from types import FrameType

import flet as ft
import uvicorn
from flet_web.fastapi import app_manager
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute
from starlette.websockets import WebSocket

from inspect_app.web.headers import ResponseHeaders
from inspect_app.web.origin import OriginGuard
from inspect_app.web.session import run_session
from inspect_app.web.static import CompressedStaticFiles

__all__ = ["GRACE_S", "HARD_STOP_S", "NO_SUCH_PAGES", "build_app", "serve_web_client"]

logger = logging.getLogger("inspect_app.web")

GRACE_S = 2
"""After SIGTERM, how long open connections get to finish before their tasks are cancelled."""
HARD_STOP_S = 4.5
"""After SIGTERM, the process ends by this time even if something still hangs; the OS then
drops the data-folder lock (an flock) with the process."""
NO_SUCH_PAGES = ("/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json")
"""FastAPI's pages under Flet's server: a 404 here, not the app (the SPA fallback would)."""
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


async def _not_found(request: Request) -> PlainTextResponse:
    return PlainTextResponse("Not Found", status_code=404)


def build_app(main: Callable[[ft.Page], None], *, trusted_names: Iterable[str] = ()) -> Starlette:
    """The ASGI app: `/ws` for Flet sessions of `main`, the bundled web client (no CDN) at `/`."""

    async def session(websocket: WebSocket) -> None:
        await run_session(websocket, main)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await app_manager.start()
        try:
            yield
        finally:
            await app_manager.shutdown()

    routes: list[BaseRoute] = [Route(path, _not_found) for path in NO_SUCH_PAGES]
    routes += [
        WebSocketRoute("/ws", session),
        Mount("/", app=CompressedStaticFiles(no_cdn=True, websocket_endpoint_path="ws")),
    ]
    middleware = [
        Middleware(ResponseHeaders),
        Middleware(OriginGuard, trusted_names=frozenset(trusted_names)),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


class _Server(uvicorn.Server):
    """uvicorn, but a stop signal only stops serving: the caller then closes the store.

    uvicorn re-raises the signal once it has stopped, which would kill the process before the
    caller's `finally` runs; and it waits for open connections for ever. Here the wait is
    `GRACE_S`, and a watchdog ends the process at `HARD_STOP_S` whatever still hangs.
    """

    on_started: Callable[[], object] | None = None
    """Called once the server listens (opens the system browser on a desktop)."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and self.on_started is not None:
            self.on_started()

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        original = {sig: signal.signal(sig, self.handle_exit) for sig in STOP_SIGNALS}
        try:
            yield
        finally:
            for sig, handler in original.items():
                signal.signal(sig, handler)

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self.should_exit:
            self.force_exit = True  # a second signal: stop waiting for anything
            return
        logger.info("Stopping (signal %d)", sig)
        self.should_exit = True
        watchdog = threading.Timer(HARD_STOP_S, _hard_stop)
        watchdog.daemon = True
        watchdog.start()


def _hard_stop() -> None:
    logger.error("Still running %.1f s after the stop signal: exiting now", HARD_STOP_S)
    logging.shutdown()
    os._exit(1)


def serve_web_client(
    main: Callable[[ft.Page], None],
    *,
    host: str,
    port: int,
    trusted_names: Iterable[str] = (),
    on_started: Callable[[], object] | None = None,
) -> None:
    """Serve the web client on host:port until SIGTERM or SIGINT (Ctrl+C), then return.

    `trusted_names`: host names (besides IP addresses and localhost) a page may be served
    from and still open the WebSocket (see `origin`).
    """
    config = uvicorn.Config(
        build_app(main, trusted_names=trusted_names),
        host=host,
        port=port,
        loop="asyncio",  # the loop Flet's own `ft.run` uses
        ws="websockets-sansio",  # the WebSocket implementation Flet's own server uses
        lifespan="on",
        log_config=None,  # log through the app's logging set-up
        access_log=False,
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=GRACE_S,
    )
    server = _Server(config)
    server.on_started = on_started
    server.run()
