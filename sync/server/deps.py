"""Request dependencies as typed aliases: the server's parts, a database session, the caller.

Authentication is a dependency chain: bearer token -> device -> active user -> `Caller`
(plain data; the session that read it is closed before the route runs).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from sync.server.access import Caller
from sync.server.accounts import authenticate
from sync.server.errors import NotAuthenticated
from sync.server.security import token_digest
from sync.server.services import Services

__all__ = ["ServicesDep", "SessionDep", "CallerDep", "services", "session", "caller"]

_bearer = HTTPBearer(auto_error=False, description="A device token from POST /api/v1/devices")


async def services(request: Request) -> Services:
    """The running server's parts (async: FastAPI runs a plain function dependency on a
    worker thread, a hop this needs no more than the request does)."""
    found: Services = request.app.state.services
    return found


ServicesDep = Annotated[Services, Depends(services)]


def session(svc: ServicesDep) -> Iterator[Session]:
    """A session for this request; routes that write commit it themselves before answering."""
    with svc.sessions() as opened:
        yield opened


SessionDep = Annotated[Session, Depends(session)]


async def caller(
    svc: ServicesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    """Who sends this request: 401 without a valid, unrevoked device token. A token checked
    a moment ago is taken from `svc.tokens` (no thread, no database); otherwise checked."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise NotAuthenticated("a device token is required")
    digest = token_digest(credentials.credentials)
    found = svc.tokens.get(digest)
    if found is not None:
        return found
    return await run_in_threadpool(_check, svc, digest)


def _check(svc: Services, digest: str) -> Caller:
    generation = svc.tokens.generation()
    with svc.readers() as opened:
        checked = authenticate(session=opened, digest=digest)
    svc.tokens.put(digest, checked, generation)
    return checked


CallerDep = Annotated[Caller, Depends(caller)]
