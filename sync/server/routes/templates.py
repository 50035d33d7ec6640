"""Published templates: the list (id, version, hash), each one's JSON for tablets to cache and
its XLSX for authors; preview and publish an upload (JSON or XLSX) for the central office."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool

from checklists.errors import TemplateInvalid, UnknownTemplate
from checklists.record.canonical import MAX_SAFE_INT
from checklists.template.sheet_writer import template_to_sheets
from sync.protocol import TemplatePreview, TemplatePublished, TemplateRef
from sync.server.access import OFFICE, Caller, require_role
from sync.server.bodies import read_body
from sync.server.deps import CallerDep, ServicesDep, SessionDep
from sync.server.errors import NotFound
from sync.server.publishing import (
    find_template,
    preview,
    problem_public,
    publish,
    read_upload,
    refused,
    template_refs,
)
from sync.server.services import Services
from sync.server.workbooks import XLSX_MIME, write_workbook

__all__ = [
    "template_routes",
    "templates",
    "template",
    "template_workbook",
    "preview_upload",
    "publish_upload",
]

template_routes = APIRouter(prefix="/api/v1/templates", tags=["templates"])

_UPLOAD_DOC = (
    "The body is the template: JSON (`Content-Type: application/json`) or an XLSX spreadsheet "
    f"(`Content-Type: {XLSX_MIME}`), as `GET /api/v1/templates/{{id}}/{{version}}/xlsx` writes it."
)


@template_routes.get("")
def templates(caller: CallerDep, session: SessionDep) -> list[TemplateRef]:
    """Every published template version (bundled ones included)."""
    return template_refs(session)


@template_routes.get("/{template_id}/{version}")
def template(
    template_id: str,
    version: Annotated[int, Path(ge=1, le=MAX_SAFE_INT)],
    caller: CallerDep,
    session: SessionDep,
    content_hash: str | None = None,
) -> Response:
    """One template version's JSON; `ETag` is its content hash (records name it). With
    `content_hash`, 404 unless the template published under this id and version has it."""
    try:
        found = find_template(session, template_id, version)
    except UnknownTemplate as exc:
        raise NotFound("no such template") from exc
    if content_hash is not None and content_hash != found.content_hash():
        raise NotFound("this template version has other content")
    return Response(
        content=found.model_dump_json(),
        media_type="application/json",
        headers={"ETag": f'"{found.content_hash()}"'},
    )


@template_routes.get("/{template_id}/{version}/xlsx")
def template_workbook(
    template_id: str,
    version: Annotated[int, Path(ge=1, le=MAX_SAFE_INT)],
    caller: CallerDep,
    session: SessionDep,
    lang: Annotated[Literal["vi", "en"], Query()] = "vi",
) -> Response:
    """One template version as an XLSX spreadsheet (sheets and headings in `lang`): authors
    start from it, change it and upload it again."""
    try:
        found = find_template(session, template_id, version)
    except UnknownTemplate as exc:
        raise NotFound("no such template") from exc
    name = f"{found.id}.v{found.version}.xlsx"
    return Response(
        content=write_workbook(template_to_sheets(found, lang)),
        media_type=XLSX_MIME,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )


async def _upload(request: Request, svc: ServicesDep) -> tuple[bytes, bool]:
    data = await read_body(request, svc.settings.max_record_bytes)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return data, kind == XLSX_MIME


@template_routes.post("/preview", description=_UPLOAD_DOC)
async def preview_upload(request: Request, caller: CallerDep, svc: ServicesDep) -> TemplatePreview:
    """What publishing this upload would do, and every problem in it (placed at its sheet, row
    and column for a spreadsheet); nothing is written. Central office and admins only."""
    require_role(caller, OFFICE)
    data, xlsx = await _upload(request, svc)
    return await run_in_threadpool(_preview, svc, data, xlsx)


def _preview(svc: Services, data: bytes, xlsx: bool) -> TemplatePreview:
    try:
        found = read_upload(data, xlsx=xlsx)
    except TemplateInvalid as exc:
        return TemplatePreview(problems=tuple(problem_public(p) for p in exc.problems))
    with svc.sessions() as session:
        return preview(session, found)


@template_routes.post("", status_code=status.HTTP_201_CREATED, description=_UPLOAD_DOC)
async def publish_upload(
    request: Request, response: Response, caller: CallerDep, svc: ServicesDep
) -> TemplatePublished:
    """Publish the upload as the next version of its template id (201); when the latest
    version already has this content, nothing changes (200, `created` false). 422 lists every
    problem. Central office and admins only."""
    require_role(caller, OFFICE)
    data, xlsx = await _upload(request, svc)
    ref, created = await run_in_threadpool(_publish, svc, caller, data, xlsx)
    if not created:
        response.status_code = status.HTTP_200_OK
    return TemplatePublished(ref=ref, created=created)


def _publish(svc: Services, caller: Caller, data: bytes, xlsx: bool) -> tuple[TemplateRef, bool]:
    try:
        found = read_upload(data, xlsx=xlsx)
    except TemplateInvalid as exc:
        raise refused(exc) from exc
    with svc.sessions() as session, session.begin():
        return publish(session=session, caller=caller, template=found)
