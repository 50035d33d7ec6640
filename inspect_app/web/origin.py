"""Which pages may open the app's WebSocket: the app's own page, never another site's.

The WebSocket carries every inspection, and browsers let any page open a WebSocket to any
address (no CORS on WebSockets): without this check a site visited on the same machine or LAN
could read and edit the data through `ws://127.0.0.1:8550/ws`. What the check accepts:

* An `Origin` equal to the `Host` the request was sent to (same host and port: the app's page),
  when that host is an IP address, `localhost`, or a name the app was told to serve on. A DNS
  name outside those is refused even when it matches: a page on `evil.example` can re-point its
  own name at 127.0.0.1 (DNS rebinding) and would then look same-origin.
* No `Origin` at all: browsers always send one on a WebSocket handshake and a page cannot drop
  it, so a request without one comes from a program on a machine that can reach the port
  anyway (a script, a test), not from a web page.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["OriginGuard", "origin_allowed"]

REFUSED_CLOSE_CODE = 1008
"""Policy violation; sent before accepting, so the client sees an HTTP 403."""


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def origin_allowed(origin: str | None, host: str | None, trusted_names: Iterable[str]) -> bool:
    """Whether a WebSocket handshake with this `Origin` and `Host` may go on (see module doc)."""
    if origin is None:
        return True
    try:
        parts = urlsplit(origin)
        origin_host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    if parts.netloc.lower() != host.strip().lower():
        return False
    names = {"localhost", *(name.lower() for name in trusted_names)}
    return _is_ip(origin_host) or origin_host in names


class OriginGuard:
    """ASGI middleware: refuses WebSocket handshakes from a foreign origin with a 403."""

    def __init__(self, app: ASGIApp, trusted_names: Iterable[str] = ()) -> None:
        self.app = app
        self.trusted_names = frozenset(trusted_names)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            headers = Headers(scope=scope)
            if not origin_allowed(headers.get("origin"), headers.get("host"), self.trusted_names):
                await send({"type": "websocket.close", "code": REFUSED_CLOSE_CODE})
                return
        await self.app(scope, receive, send)
