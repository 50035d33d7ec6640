"""Records: plan a visit, push a copy (merge), pull one, list what changed, get a receipt."""

from __future__ import annotations

import functools
import hashlib
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy.orm import Session

from sync.protocol import InspectionPage, PushResult, Receipt, RefusalPublic, VisitCreate
from sync.server.access import Caller
from sync.server.bodies import read_body
from sync.server.deps import CallerDep, ServicesDep, SessionDep
from sync.server.errors import Refused, WrongState
from sync.server.receipts import signed_receipt
from sync.server.records import (
    Stored,
    create,
    held_record,
    list_changed,
    parse_push,
    photo_refs,
    push,
)
from sync.server.services import Services
from sync.server.visits import build_visit

__all__ = [
    "inspection_routes",
    "plan_visit",
    "push_record",
    "pull_record",
    "list_records",
    "receipt",
]

inspection_routes = APIRouter(prefix="/api/v1", tags=["inspections"])

_RECORD_BODY = {
    "requestBody": {
        "required": True,
        "description": "The whole record as the tablet holds it (JSON, optionally gzip).",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


@inspection_routes.post("/visits", status_code=status.HTTP_201_CREATED)
def plan_visit(
    visit: VisitCreate, caller: CallerDep, session: SessionDep, svc: ServicesDep
) -> PushResult:
    """Create a visit's record (central office, admin, or the team leader who leads it)."""
    record = build_visit(session=session, caller=caller, visit=visit)
    stored = create(session=session, caller=caller, record=record)
    result = _result(session, stored, "", svc.receipt_key)
    session.commit()
    svc.summaries.notify(record.id)
    return result


@inspection_routes.put("/inspections/{inspection_id}", openapi_extra=_RECORD_BODY)
async def push_record(
    inspection_id: str, request: Request, caller: CallerDep, svc: ServicesDep
) -> PushResult:
    """Push the tablet's whole copy: 422 with every refused register, or the merged result."""
    body = await read_body(request, svc.settings.max_record_bytes)
    work = functools.partial(_push, svc, caller, inspection_id, body)
    # Parsed and stored on the group commit's thread, awaited without a thread of our own
    # (under the GIL, parsing on other threads would only add switching).
    result = await svc.group.submit_async(work, key=inspection_id)
    if result.changed:
        svc.summaries.notify(inspection_id)
    return result


def _push(
    svc: Services, caller: Caller, inspection_id: str, body: bytes, session: Session
) -> PushResult:
    record = parse_push(body)
    if record.id != inspection_id:
        raise Refused("id differs from the URL", [RefusalPublic(path="id", code="push.id")])
    # A tablet sends its stored copy's canonical JSON (merge-normal), so the hash of the bytes
    # is its content hash; a body that is not canonical only gets the merged copy sent back.
    sent_hash = hashlib.sha256(body).hexdigest()
    stored = push(
        session=session,
        caller=caller,
        record=record,
        held_records=svc.held,
        sent_hash=sent_hash,
        dedupe=svc.settings.dedupe,
    )
    return _result(session, stored, sent_hash, svc.receipt_key)


def _result(session: Session, stored: Stored, sent_hash: str, key: bytes) -> PushResult:
    # The photo index is rewritten from the record with every revision: a record pointing at
    # no photo has no rows to ask for.
    refs, missing = photo_refs(session, stored.row.id) if stored.record.photo_hashes() else ([], [])
    return PushResult(
        inspection_id=stored.row.id,
        content_hash=stored.row.content_hash,
        revision=stored.row.revision,
        changed=stored.changed,
        missing_photos=tuple(missing),
        record=None
        if stored.row.content_hash == sent_hash
        else stored.record.model_dump(mode="json"),
        receipt=None if missing else signed_receipt(stored.row, refs, key),
    )


@inspection_routes.get("/inspections/{inspection_id}")
def pull_record(
    inspection_id: str, request: Request, caller: CallerDep, session: SessionDep
) -> Response:
    """The merged record (canonical JSON); `ETag` is its content hash, `X-Revision` its
    revision; `If-None-Match` with the hash answers 304 with no body."""
    row = held_record(session=session, caller=caller, inspection_id=inspection_id)
    etag = f'"{row.content_hash}"'
    headers = {"ETag": etag, "X-Revision": str(row.revision), "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(content=row.body, media_type="application/json", headers=headers)


@inspection_routes.get("/inspections")
def list_records(
    caller: CallerDep,
    session: SessionDep,
    since: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> InspectionPage:
    """The caller's inspections changed after cursor `since` (0: all), oldest change first."""
    items, cursor, more = list_changed(session=session, caller=caller, since=since, limit=limit)
    return InspectionPage(items=tuple(items), cursor=cursor, more=more)


@inspection_routes.get("/inspections/{inspection_id}/receipt")
def receipt(
    inspection_id: str, caller: CallerDep, session: SessionDep, svc: ServicesDep
) -> Receipt:
    """The signed receipt of the record as held now; 409 while a referenced photo is missing."""
    row = held_record(session=session, caller=caller, inspection_id=inspection_id)
    refs, missing = photo_refs(session, inspection_id)
    if missing:
        raise WrongState(f"{len(missing)} photos missing: {', '.join(missing[:20])}")
    return signed_receipt(row, refs, svc.receipt_key)
