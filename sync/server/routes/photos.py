"""Photos by hash: have it? (HEAD/GET), the upload's offset (GET), a chunk (PUT)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from sync.protocol import UploadState, UploadStates, UploadStatesQuery
from sync.server.bodies import read_body
from sync.server.deps import CallerDep, ServicesDep

__all__ = [
    "photo_routes",
    "photo_head",
    "photo_bytes",
    "upload_state",
    "upload_states",
    "upload_chunk",
]

photo_routes = APIRouter(prefix="/api/v1/photos", tags=["photos"])

Sha = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]
_CHUNK_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@photo_routes.head("/{sha256}")
def photo_head(sha256: Sha, caller: CallerDep, svc: ServicesDep) -> Response:
    """200 when the server holds the photo, 404 when not (yet)."""
    row = svc.photos.held(caller, sha256)
    return Response(headers={"Content-Length": str(row.byte_size), "Content-Type": row.mime})


@photo_routes.get("/{sha256}", response_class=FileResponse)
def photo_bytes(sha256: Sha, caller: CallerDep, svc: ServicesDep) -> FileResponse:
    """The photo's bytes (immutable: their name is their hash)."""
    row = svc.photos.held(caller, sha256)
    return FileResponse(
        svc.photos.files.path(sha256),
        media_type=row.mime,
        headers={"Cache-Control": "private, max-age=31536000, immutable"},
    )


@photo_routes.get("/{sha256}/upload")
def upload_state(sha256: Sha, caller: CallerDep, svc: ServicesDep) -> UploadState:
    """How many bytes of this photo the server has: resume the upload from `offset`."""
    svc.sweeper.sweep_if_due()
    return svc.photos.state(caller, sha256)


@photo_routes.post("/upload-states")
def upload_states(query: UploadStatesQuery, caller: CallerDep, svc: ServicesDep) -> UploadStates:
    """`GET .../upload` for many photos in one round trip (a tablet asks before it uploads
    the photos a push said the server lacks); 403 if any is not the caller's to upload."""
    return UploadStates(states=tuple(svc.photos.states(caller, query.hashes)))


@photo_routes.put("/{sha256}/upload", openapi_extra=_CHUNK_BODY)
async def upload_chunk(
    sha256: Sha,
    request: Request,
    caller: CallerDep,
    svc: ServicesDep,
    offset: Annotated[int, Query(ge=0, le=2**40)],
    length: Annotated[int, Query(ge=1, le=2**40)],
) -> UploadState:
    """Append the body at `offset` of a photo of `length` bytes (409 if the server is elsewhere:
    ask `GET .../upload`); the last chunk is verified against the hash and stored."""
    chunk = await read_body(request, svc.settings.max_chunk_bytes)
    await run_in_threadpool(svc.sweeper.sweep_if_due)
    return await run_in_threadpool(svc.photos.append, caller, sha256, offset, length, chunk)
