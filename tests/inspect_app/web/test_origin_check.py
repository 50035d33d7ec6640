"""Which WebSocket handshakes `origin_allowed` lets through: the app's own page only."""

from __future__ import annotations

import pytest

from inspect_app.web.origin import origin_allowed


@pytest.mark.parametrize(
    "origin,host,trusted,expected",
    [
        # The app's own page, however it was reached on this machine.
        ("http://127.0.0.1:8550", "127.0.0.1:8550", (), True),
        ("http://localhost:8550", "localhost:8550", (), True),
        ("http://[::1]:8550", "[::1]:8550", (), True),
        ("http://LOCALHOST:8550", "localhost:8550", (), True),
        # Served to the LAN: a tablet on the address, or on the name the app was given.
        ("http://192.168.1.20:8550", "192.168.1.20:8550", (), True),
        ("http://inspector.lan:8550", "inspector.lan:8550", ("inspector.lan",), True),
        # No Origin: not a web page (browsers always send one on a WebSocket handshake).
        (None, "127.0.0.1:8550", (), True),
        # Another site, another port, another scheme, a sandboxed frame.
        ("http://evil.example", "127.0.0.1:8550", (), False),
        ("http://127.0.0.1:9999", "127.0.0.1:8550", (), False),
        ("http://localhost:8550", "127.0.0.1:8550", (), False),
        ("file://", "127.0.0.1:8550", (), False),
        ("null", "127.0.0.1:8550", (), False),
        ("chrome-extension://abc", "127.0.0.1:8550", (), False),
        # DNS rebinding: a foreign name pointed at 127.0.0.1 looks same-origin, still refused.
        ("http://evil.example:8550", "evil.example:8550", (), False),
        # A handshake without a Host header cannot be same-origin.
        ("http://127.0.0.1:8550", None, (), False),
    ],
)
def test_origin_allowed(
    origin: str | None, host: str | None, trusted: tuple[str, ...], expected: bool
) -> None:
    assert origin_allowed(origin, host, trusted) is expected
