"""The official documents of a stored inspection, as DOCX, for whoever may read the record.

The same writer as the tablet (`checklists.documents`), over the merged record the server holds
and the photos it holds (a photo not uploaded yet prints without its picture).
"""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from checklists.documents.writer import build_documents
from checklists.record.model import DocumentKind, Inspection, Layout, Photo
from checklists.template.model import Template
from sync.server.deps import CallerDep, ServicesDep, SessionDep
from sync.server.photo_files import PhotoFiles
from sync.server.records import held_record, record_template

__all__ = ["DOCX_TYPE", "document_routes", "docx_bytes", "download_document"]

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
document_routes = APIRouter(prefix="/api/v1", tags=["documents"])


def docx_bytes(
    record: Inspection,
    template: Template,
    kind: DocumentKind,
    layout: Layout | None,
    files: PhotoFiles,
) -> bytes:
    """One official document of the record, scored on `template`, as DOCX bytes (also the
    office pages' download)."""

    def photo(item: Photo) -> bytes | None:
        path = files.path(item.sha256)
        return path.read_bytes() if path.is_file() else None

    document = build_documents(record, template, layout, photo, kinds=(kind,))[kind]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@document_routes.get("/inspections/{inspection_id}/documents/{kind}")
async def download_document(
    inspection_id: str,
    kind: DocumentKind,
    caller: CallerDep,
    session: SessionDep,
    svc: ServicesDep,
    layout: Annotated[Layout | None, Query()] = None,
) -> Response:
    """The minutes, report or conclusion notice of the record as held now (DOCX); `layout`
    overrides the Documents form's choice (state or party)."""
    row = held_record(session=session, caller=caller, inspection_id=inspection_id)
    record = Inspection.model_validate_json(row.body)
    template = record_template(session, record)
    body = await run_in_threadpool(docx_bytes, record, template, kind, layout, svc.photos.files)
    name = f"{kind.value}-{inspection_id}.docx"
    return Response(
        content=body,
        media_type=DOCX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
