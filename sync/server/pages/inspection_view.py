"""One inspection (`/office/inspections/{id}`): header, scores beside the unit's self-scores,
each author's assessments and the leader's decisions, photos, conclusion, history, documents.

The numbers are the scoring engine's (`score_inspection` over the merged record held); the
photos and documents are served here under the office session, from the same photo store and
the same document writer as the device API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from checklists.errors import TemplateChanged, UnknownTemplate
from checklists.record.model import ConclusionPart, DocumentKind, Inspection, Layout
from checklists.scoring.engine import score_inspection
from checklists.scoring.report import ScoreReport
from checklists.template.catalog import Resolver, get_template, template_for
from checklists.template.model import Template
from checklists.text.format import format_number
from checklists.text.labels import has_label, label
from sync.server.deps import ServicesDep
from sync.server.pages.errors import BadQuery, PageNotFound
from sync.server.pages.guard import OfficeUserDep
from sync.server.pages.inspection_list import status_label
from sync.server.pages.listing import photos_missing
from sync.server.pages.render import render
from sync.server.pages.words import word
from sync.server.photo_files import is_photo_hash
from sync.server.publishing import resolver
from sync.server.routes.documents import DOCX_TYPE, docx_bytes
from sync.server.services import Services
from sync.server.tables import PhotoRef, StoredInspection, StoredPhoto

__all__ = [
    "view_routes",
    "CriterionLine",
    "score_lines",
    "history_lines",
    "when",
    "VIETNAM_TIME",
    "inspection_page",
    "inspection_detail",
    "photo_file",
    "office_document",
]

view_routes = APIRouter(prefix="/office", include_in_schema=False)


@dataclass(frozen=True)
class CriterionLine:
    """One criterion as the page shows it: the result, the unit's own score, who said what."""

    id: str
    section_id: str
    name: str
    max_points: float
    points: float | None
    state: str
    self_points: float | None
    authors: list[dict[str, Any]]
    decision: dict[str, Any] | None
    photos: int


def _value_text(value: Any, lang: str, figure_names: dict[str, str] | None = None) -> str:
    """What an assessment or decision gave, in words (status, yes/no, points, N/A)."""
    if value.not_applicable:
        return label("status.not_applicable", lang)
    if value.status is not None:
        return label(f"status.{value.status.value}", lang)
    if value.answer is not None:
        return word(lang, "view.yes" if value.answer else "view.no")
    if value.score is not None:
        return format_number(value.score, 2, lang)
    if value.figures:
        names = figure_names or {}
        return "; ".join(
            f"{names.get(k, k)}: {format_number(v, 2, lang)}" for k, v in value.figures.items()
        )
    return ""


def score_lines(
    record: Inspection, template: Template, report: ScoreReport, lang: str
) -> list[CriterionLine]:
    """Every criterion of the template with its result and the people behind it."""
    names = {m.id: m.name for m in record.members.values()}
    lines = []
    for result in report.criteria:
        criterion = template.criterion(result.id)
        figure_names = {
            f.id: (f.label_en or f.label) if lang == "en" else f.label for f in criterion.figures
        }
        written = record.assessments.get(result.id, {})
        authors = []
        for value in result.authors:
            held = written.get(value.author_id)
            authors.append(
                {
                    "name": names.get(value.author_id, value.author_id),
                    "points": value.points,
                    "state": value.state,
                    "value": _value_text(held, lang, figure_names) if held is not None else "",
                    "note": held.note if held is not None else "",
                }
            )
        decision = record.decision(result.id)
        lines.append(
            CriterionLine(
                id=result.id,
                section_id=result.section_id,
                name=(criterion.label_en or criterion.label) if lang == "en" else criterion.label,
                max_points=result.max_points,
                points=result.points,
                state=result.state,
                self_points=result.self_points,
                authors=authors,
                decision=None
                if decision is None
                else {
                    "name": names.get(decision.author_id, decision.author_id),
                    "value": _value_text(decision, lang, figure_names),
                    "reason": decision.reason,
                },
                photos=len(record.photos_of(result.id)),
            )
        )
    return lines


def history_lines(record: Inspection, lang: str) -> list[dict[str, Any]]:
    """The change log, newest first, in words."""
    names = {m.id: m.name for m in record.members.values()}
    lines = []
    for entry in sorted(record.log, key=lambda e: (e.counter, e.id), reverse=True):
        params = {k: label(v, lang) if has_label(v) else v for k, v in entry.params.items()}
        what = label(entry.code, lang, params) if has_label(entry.code) else entry.code
        lines.append(
            {
                "at": entry.at,
                "who": names.get(entry.author_id, entry.author_id),
                "what": what,
                "edits": entry.edits,
            }
        )
    return lines


def _template(record: Inspection, resolve: Resolver = get_template) -> Template | None:
    try:
        return template_for(record, resolve)
    except (UnknownTemplate, TemplateChanged):
        return None


def _stored_template(svc: Services, record: Inspection) -> Template | None:
    """The record's template among the bundled and the published versions (None if unknown)."""
    with svc.readers() as session:
        return _template(record, resolver(session))


def _held(svc: Services, inspection_id: str) -> tuple[Inspection, int, int]:
    with svc.readers() as session:
        row = session.get(StoredInspection, inspection_id)
        if row is None:
            raise PageNotFound("error.not_found", what="what.inspection")
        missing = photos_missing(session, [inspection_id]).get(inspection_id, 0)
        return Inspection.model_validate_json(row.body), row.revision, missing


def inspection_page(
    record: Inspection, lang: str, template: Template | None = None
) -> dict[str, Any]:
    """Everything the page shows of one record (plain values for the template); `template` is
    the record's, when found among the published versions (else the bundled catalog's)."""
    template = template if template is not None else _template(record)
    report = score_inspection(template, record) if template is not None else None
    lines = score_lines(record, template, report, lang) if template and report else []
    sections = []
    if template is not None and report is not None:
        for section in template.sections:
            result = report.section(section.id)
            own = [line.self_points for line in lines if line.section_id == section.id]
            known = [p for p in own if p is not None]
            sections.append(
                {
                    "id": section.id,
                    "title": (section.title_en or section.title) if lang == "en" else section.title,
                    "points": result.scaled_points,
                    "max": result.declared_max,
                    "self": round(sum(known), 2) if known else None,
                    "lines": [line for line in lines if line.section_id == section.id],
                }
            )
    leaders = record.leader_ids()
    members = [
        {"name": m.name, "position": m.position, "body": m.body, "leader": m.id in leaders}
        for m in record.active_members().values()
    ]
    photos = sorted(
        (p for p in record.photos.values() if not p.removed),
        key=lambda p: (p.criterion_id, p.order, p.counter, p.id),
    )
    names = {m.id: m.name for m in record.members.values()}
    return {
        "record": record,
        "checklist": template,
        "report": report,
        "sections": sections,
        "members": members,
        "representatives": [r for r in record.representatives.values() if not r.removed],
        "photos": [
            {
                "sha256": p.sha256,
                "caption": p.caption,
                "criterion": p.criterion_id,
                "author": names.get(p.author_id, p.author_id),
                "taken_at": p.taken_at,
            }
            for p in photos
        ],
        "conclusion": [
            (label(f"conclusion.{part.value}", lang), record.conclusion[part].text)
            for part in ConclusionPart
            if part in record.conclusion and record.conclusion[part].text.strip()
        ],
        "history": history_lines(record, lang),
        "status": status_label(record.status().value, lang),
    }


VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")
"""Vietnam's clock (UTC+7 all year, no summer time): records keep UTC, offices read local."""


def when(moment: datetime | None) -> str:
    """A device time as an office in Vietnam reads it ("" when unknown)."""
    if moment is None:
        return ""
    return moment.astimezone(VIETNAM_TIME).strftime("%d/%m/%Y %H:%M")


@view_routes.get("/inspections/{inspection_id}", response_class=HTMLResponse)
async def inspection_detail(
    request: Request, inspection_id: str, user: OfficeUserDep, svc: ServicesDep
) -> HTMLResponse:
    """One inspection, everything the office reads of it."""
    if len(inspection_id) > 64:
        raise PageNotFound("error.not_found", what="what.inspection")
    record, revision, missing = await run_in_threadpool(_held, svc, inspection_id)
    template = await run_in_threadpool(_stored_template, svc, record)
    values = await run_in_threadpool(inspection_page, record, user.lang, template)
    return render(
        request,
        user,
        "inspection.html",
        title=record.header.unit_name,
        revision=revision,
        missing=missing,
        when=when,
        kinds=[k.value for k in DocumentKind],
        **values,
    )


def _photo(svc: Services, sha256: str) -> tuple[str, str]:
    with svc.readers() as session:
        held = session.scalars(
            select(StoredPhoto.mime)
            .join(PhotoRef, PhotoRef.sha256 == StoredPhoto.sha256)
            .where(StoredPhoto.sha256 == sha256)
            .limit(1)
        ).first()
    path = svc.photos.files.path(sha256)
    if held is None or not path.is_file():
        raise PageNotFound("error.not_found", what="what.photo")
    return str(path), held


@view_routes.get("/photos/{sha256}")
async def photo_file(sha256: str, user: OfficeUserDep, svc: ServicesDep) -> Response:
    """A stored photo's bytes, full size (a photo some record points at)."""
    if not is_photo_hash(sha256):
        raise PageNotFound("error.not_found", what="what.photo")
    path, mime = await run_in_threadpool(_photo, svc, sha256)
    return FileResponse(
        path, media_type=mime, headers={"Cache-Control": "private, max-age=86400, immutable"}
    )


@view_routes.get("/inspections/{inspection_id}/documents/{kind}")
async def office_document(
    inspection_id: str,
    kind: str,
    user: OfficeUserDep,
    svc: ServicesDep,
    layout: Annotated[str, Query()] = "",
) -> Response:
    """The minutes, report or conclusion notice as DOCX (the device API's document code)."""
    kinds = {k.value: k for k in DocumentKind}
    layouts = {item.value: item for item in Layout}
    if kind not in kinds:
        raise BadQuery("error.bad_query", field="kind", reason=", ".join(kinds))
    if layout and layout not in layouts:
        raise BadQuery("error.bad_query", field="layout", reason=", ".join(layouts))
    if len(inspection_id) > 64:
        raise PageNotFound("error.not_found", what="what.inspection")
    record, _revision, _missing = await run_in_threadpool(_held, svc, inspection_id)
    template = await run_in_threadpool(_stored_template, svc, record)
    if template is None:
        raise PageNotFound("error.not_found", what="what.template")
    chosen = layouts[layout] if layout else None
    files = svc.photos.files
    body = await run_in_threadpool(docx_bytes, record, template, kinds[kind], chosen, files)
    name = f"{kind}-{inspection_id}.docx"
    return Response(
        content=body,
        media_type=DOCX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
