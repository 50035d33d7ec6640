"""`uv run inspect-central`: the central endpoint on uvicorn, configured from the environment."""

from __future__ import annotations

import logging

import uvicorn

from sync.server.app import create_app
from sync.server.config import get_settings

__all__ = ["serve"]


def serve() -> None:
    """Serve on INSPECT_CENTRAL_HOST:INSPECT_CENTRAL_PORT (127.0.0.1:8000 by default)."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    if not settings.dedupe:
        raise SystemExit(
            "INSPECT_CENTRAL_DEDUPE=false is a test-only switch (a retried push would be stored "
            "twice): inspect-central refuses to serve with it"
        )
    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, proxy_headers=False)
