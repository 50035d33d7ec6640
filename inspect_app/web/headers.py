"""The headers every web client response carries: cross-origin isolation, and no wildcard CORS.

skwasm draws in a worker on shared memory, which the browser only allows on a cross-origin
isolated page (COOP + COEP). Flet's own server also sends `Access-Control-Allow-Origin: *`,
which would let any site read the app's responses; this app has nothing to share, so none.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["RESPONSE_HEADERS", "ResponseHeaders"]

RESPONSE_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "X-Content-Type-Options": "nosniff",
}


class ResponseHeaders:
    """ASGI middleware: adds `RESPONSE_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in RESPONSE_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
