"""`uv run inspect-central`: the central endpoint on uvicorn, configured from the environment.

On PostgreSQL it runs several server processes (`Settings.workers`): this process migrates the
database and makes the first admin before any starts, so they never race to do it, and each
then opens its own app over the same database and photo folder (everything they share lives
there: accounts, tokens, office sign-ins, uploads under file locks).
"""

from __future__ import annotations

import logging

import uvicorn
from fastapi import FastAPI

from sync.server.app import create_app
from sync.server.config import Settings, get_settings

__all__ = ["serve", "worker_app"]


def serve() -> None:
    """Serve on INSPECT_CENTRAL_HOST:INSPECT_CENTRAL_PORT (127.0.0.1:8000 by default)."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    _check(settings)
    app = create_app(settings)
    processes = settings.processes()
    if processes == 1:
        uvicorn.run(app, host=settings.host, port=settings.port, proxy_headers=False)
        return
    # Migrated and the admin made here; each worker process opens its own app.
    services = app.state.services
    services.summaries.close()
    services.engine.dispose()
    uvicorn.run(
        "sync.server.main:worker_app",
        factory=True,
        workers=processes,
        host=settings.host,
        port=settings.port,
        proxy_headers=False,
    )


def worker_app() -> FastAPI:
    """The app one of several server processes serves (uvicorn calls this in each)."""
    return create_app(get_settings())


def _check(settings: Settings) -> None:
    if not settings.dedupe:
        raise SystemExit(
            "INSPECT_CENTRAL_DEDUPE=false is a test-only switch (a retried push would be stored "
            "twice): inspect-central refuses to serve with it"
        )
    if settings.on_sqlite and settings.processes() > 1:
        raise SystemExit(
            f"INSPECT_CENTRAL_WORKERS={settings.workers}: SQLite has one writer at a time, so "
            "the embedded database is served by one process; set INSPECT_CENTRAL_DATABASE_URL "
            "to a PostgreSQL database to run several"
        )
