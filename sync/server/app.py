"""`create_app(settings)`: the central endpoint as a FastAPI app (no import-time globals).

Every `ServerError` becomes a JSON answer with its status (`detail`, and `refusals` with field
paths for 422, FastAPI's own validation errors included); a database that is busy or
unreachable answers 503 with `Retry-After`, so a tablet backs off and retries; nothing a client
sends is meant to reach a 500.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.middleware.gzip import GZipMiddleware

from sync.protocol import PROTOCOL_VERSION, ErrorAnswer, RefusalPublic
from sync.server.clock import Clock, system_clock
from sync.server.config import Settings
from sync.server.errors import NotAuthenticated, Refused, ServerError, TooManyAttempts
from sync.server.pages.mount import mount_pages
from sync.server.routes import accounts, documents, health, inspections, photos, templates
from sync.server.services import start_services

__all__ = ["create_app"]

_log = logging.getLogger("inspect_central")
_REFUSED: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorAnswer, "description": what}
    for status, what in {
        401: "No valid device token: enroll the device (again)",
        403: "This role or delegation may not do this",
        404: "No such thing visible to this person",
        409: "The state moved: re-read it",
        413: "Too large: send less",
        422: "Refused content: each field path and why",
        429: "Too many failed sign-ins: wait `Retry-After` seconds",
        503: "The database is unavailable: retry after `Retry-After` seconds",
    }.items()
}
"""Every refusal the API answers, in its real shape (FastAPI's default 422 is not ours)."""


def create_app(settings: Settings, *, clock: Clock = system_clock) -> FastAPI:
    """The app over the database and photo folder the settings name (migrated, admin made);
    `clock` is its "now" (sign-in limits, abandoned uploads), set by tests."""
    services = start_services(settings, clock)
    if services.admin_password is not None:
        _log.warning(
            "First start: admin account %r created with password %s (shown once; change it)",
            settings.admin_username,
            services.admin_password,
        )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        services.summaries.close()
        services.engine.dispose()

    app = FastAPI(
        title="Inspect central endpoint",
        version=str(PROTOCOL_VERSION),
        lifespan=lifespan,
    )
    app.state.services = services
    app.add_middleware(
        GZipMiddleware,
        minimum_size=1024,
        compresslevel=6,
        # Photos are compressed already: gzip would spend CPU to save nothing.
        exclude_content_types=("text/event-stream", "image/*"),
    )
    app.add_exception_handler(ServerError, _server_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(PoolTimeout, _database_unavailable)
    app.include_router(health.health_routes)  # refuses nothing
    for routes in (
        accounts.account_routes,
        inspections.inspection_routes,
        photos.photo_routes,
        documents.document_routes,
        templates.template_routes,
    ):
        app.include_router(routes, responses=_REFUSED)
    mount_pages(app)
    return app


async def _server_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ServerError)
    content: dict[str, object] = {"detail": exc.detail}
    if isinstance(exc, Refused):
        content["refusals"] = [r.model_dump() for r in exc.refusals]
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, NotAuthenticated) else None
    if isinstance(exc, TooManyAttempts):
        headers = {"Retry-After": str(exc.retry_after)}
    return JSONResponse(content, status_code=exc.status, headers=headers)


async def _invalid_request(_request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's own validation errors, in the same shape as every other refusal."""
    assert isinstance(exc, RequestValidationError)
    refusals = [
        RefusalPublic(
            path="/".join(str(part) for part in error.get("loc", ())),
            code=f"schema.{error.get('type', 'invalid')}",
            message=str(error.get("msg", "")),
        ).model_dump()
        for error in list(exc.errors())[:50]
    ]
    return JSONResponse({"detail": "invalid request", "refusals": refusals}, status_code=422)


async def _database_unavailable(_request: Request, exc: Exception) -> JSONResponse:
    _log.error("database unavailable: %s", exc)
    return JSONResponse(
        {"detail": "database unavailable, retry later"},
        status_code=503,
        headers={"Retry-After": "5"},
    )
