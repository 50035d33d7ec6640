"""Serving the bundled Flet web client well: compressed, revalidated, same-origin, stoppable."""

from __future__ import annotations

from inspect_app.web.server import serve_web_client

__all__ = ["serve_web_client"]
