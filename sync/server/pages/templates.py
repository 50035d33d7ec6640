"""The templates page (`/office/templates`): published versions and their XLSX downloads, an
upload form (XLSX or JSON) leading to a preview with every problem at its sheet, row and column,
and the publish button.

The preview writes nothing: the template read from the upload travels in the preview page's
publish form as JSON, and is validated again when published (a form can be forged).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from checklists.errors import Problem, TemplateInvalid, UnknownTemplate
from checklists.template.changes import template_changes
from checklists.template.model import Template
from checklists.template.sheet_layout import LAYOUTS
from checklists.template.sheet_reader import CellProblem
from checklists.template.sheet_writer import template_to_sheets
from checklists.template.validation import parse_template
from checklists.text.format import format_date
from checklists.text.labels import label
from sync.server.access import Caller
from sync.server.deps import ServicesDep
from sync.server.pages.errors import PageNotFound
from sync.server.pages.guard import CheckedUserDep, OfficeUser, OfficeUserDep
from sync.server.pages.render import render
from sync.server.pages.words import word
from sync.server.publishing import (
    find_template,
    latest_version,
    preview,
    publish,
    published_on,
    read_upload,
    template_refs,
)
from sync.server.workbooks import XLSX_MIME, WorkbookUnreadable, write_workbook

__all__ = [
    "template_page_routes",
    "office_caller",
    "template_list",
    "template_preview",
    "template_publish",
    "template_download",
]

template_page_routes = APIRouter(prefix="/office", include_in_schema=False)


def office_caller(user: OfficeUser) -> Caller:
    """The signed-in person as the server's crud functions take them (no device)."""
    return Caller(
        user_id=user.user_id, username=user.username, name=user.name, role=user.role, device_id=""
    )


@dataclass(frozen=True)
class _Version:
    version: int
    title: str
    content_hash: str
    published: str
    """"" for a bundled version, else the day it was published (Vietnamese or English form)."""


def _listing(svc: ServicesDep, lang: str) -> list[tuple[str, list[_Version]]]:
    with svc.readers() as session:
        refs = template_refs(session)
        when = published_on(session)
    grouped: dict[str, list[_Version]] = {}
    for ref in refs:
        at = when.get((ref.id, ref.version))
        day = format_date(at.date(), lang) if at is not None else ""
        grouped.setdefault(ref.id, []).append(
            _Version(ref.version, ref.title, ref.content_hash, day)
        )
    return [(i, sorted(v, key=lambda x: -x.version)) for i, v in grouped.items()]


@template_page_routes.get("/templates", response_class=HTMLResponse)
def template_list(
    request: Request, user: OfficeUserDep, svc: ServicesDep, done: str = "", same: str = ""
) -> HTMLResponse:
    """Published templates with their downloads, and the upload form."""
    notice = ""
    if done or same:
        template_id, _, version = (done or same).rpartition(":")
        key = "templates.done" if done else "templates.unchanged"
        notice = word(user.lang, key, id=template_id, version=version)
    return render(
        request,
        user,
        "templates.html",
        title=word(user.lang, "nav.templates"),
        groups=_listing(svc, user.lang),
        notice=notice,
        error="",
    )


def _problem_rows(problems: list[Problem], lang: str) -> list[dict[str, str]]:
    rows = []
    for p in problems:
        place = p.place(lang) if isinstance(p, CellProblem) else p.path
        rows.append({"place": place, "message": p.message_in(lang)})
    return rows


def _summary(template: Template, lang: str) -> dict[str, Any]:
    """What the preview shows of a template: header, sections with criteria, ratings."""
    return {
        "id": template.id,
        "title": template.title_en if lang == "en" and template.title_en else template.title,
        "programme": template.programme,
        "total": template.total_points,
        "sections": [
            {
                "id": s.id,
                "title": s.title_en if lang == "en" and s.title_en else s.title,
                "max": s.max_points,
                "criteria": [
                    {
                        "id": c.id,
                        "label": c.label_en if lang == "en" and c.label_en else c.label,
                        "kind": label(f"template.sheet.kind.{c.scoring.kind}", lang),
                        "max": c.max_points,
                    }
                    for c in s.criteria
                ],
            }
            for s in template.sections
        ],
        "ratings": [
            {
                "label": b.label_en if lang == "en" and b.label_en else b.label,
                "min": b.min,
                "max": b.max,
            }
            for b in template.rating_bands
        ],
    }


def _upload_error(
    request: Request, user: OfficeUser, svc: ServicesDep, key: str, **params: object
) -> HTMLResponse:
    return render(
        request,
        user,
        "templates.html",
        status_code=422,
        title=word(user.lang, "nav.templates"),
        groups=_listing(svc, user.lang),
        notice="",
        error=word(user.lang, key, **params),
    )


def _changes(latest: Template | None, new: Template, lang: str) -> list[str]:
    """One line per kind of difference from the latest version, in `lang`."""
    if latest is None:
        return []
    found = template_changes(latest, new)
    headers = {c.key: c.header(lang) for c in LAYOUTS[0].columns}
    sheets = {layout.key: layout.name(lang) for layout in LAYOUTS}
    lines = []
    for kind, names in (
        ("header", [headers.get(f, f) for f in found.header]),
        ("sections_added", found.sections_added),
        ("sections_removed", found.sections_removed),
        ("sections_changed", found.sections_changed),
        ("criteria_added", found.criteria_added),
        ("criteria_removed", found.criteria_removed),
        ("criteria_changed", found.criteria_changed),
        ("lists", [sheets.get(f, f) for f in found.lists]),
    ):
        if names:
            lines.append(word(lang, f"templates.change.{kind}", names=", ".join(names)))
    return lines


@template_page_routes.post("/templates/preview", response_class=HTMLResponse)
def template_preview(
    request: Request,
    user: CheckedUserDep,
    svc: ServicesDep,
    file: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    """Check an uploaded file: its problems (at sheet, row and column), or what publishing it
    would make; nothing is written."""
    limit = svc.settings.max_record_bytes
    if file is None or not file.filename:
        return _upload_error(request, user, svc, "templates.no_file")
    data = file.file.read(limit + 1)
    if len(data) > limit:
        return _upload_error(request, user, svc, "templates.too_large", size=limit // 2**20 or 1)
    name = file.filename.lower()
    xlsx = name.endswith((".xlsx", ".xlsm")) or file.content_type == XLSX_MIME
    try:
        found = read_upload(data, xlsx=xlsx, source=file.filename)
    except WorkbookUnreadable:
        return _upload_error(request, user, svc, "templates.unreadable")
    except TemplateInvalid as exc:
        return render(
            request,
            user,
            "template_preview.html",
            status_code=422,
            title=word(user.lang, "templates.preview"),
            problems=_problem_rows(exc.problems, user.lang),
            file_name=file.filename,
            summary=None,
            template_json="",
            outcome="",
            changes=[],
            since=None,
        )
    with svc.readers() as session:
        shown = preview(session, found)
        latest = latest_version(session, found.id)
    changes = _changes(latest, found, user.lang) if shown.same_as_version is None else []
    if latest is None:
        changes = [word(user.lang, "templates.new_id", id=found.id)]
    if shown.same_as_version is not None:
        outcome = word(user.lang, "templates.same_as", id=found.id, version=shown.same_as_version)
    else:
        outcome = word(user.lang, "templates.will_be", id=found.id, version=shown.next_version)
    return render(
        request,
        user,
        "template_preview.html",
        title=word(user.lang, "templates.preview"),
        problems=[],
        file_name=file.filename,
        summary=_summary(found, user.lang),
        template_json=found.model_dump_json(),
        outcome=outcome,
        changes=changes,
        since=latest.version if latest is not None else None,
    )


@template_page_routes.post("/templates/publish")
def template_publish(
    request: Request,
    user: CheckedUserDep,
    svc: ServicesDep,
    template_json: Annotated[str, Form()] = "",
) -> Response:
    """Publish the previewed template as the next version of its id (post/redirect/get)."""
    try:
        found = parse_template(template_json)
    except TemplateInvalid:
        return _upload_error(request, user, svc, "templates.bad_json")
    with svc.sessions() as session, session.begin():
        ref, created = publish(session=session, caller=office_caller(user), template=found)
    query = urlencode({"done" if created else "same": f"{ref.id}:{ref.version}"})
    return RedirectResponse(f"/office/templates?{query}", status_code=303)


@template_page_routes.get("/templates/{template_id}/{version}/xlsx")
def template_download(
    template_id: str, version: int, user: OfficeUserDep, svc: ServicesDep, lang: str = "vi"
) -> Response:
    """One published version as an XLSX workbook, headed in `lang`."""
    try:
        with svc.readers() as session:
            found = find_template(session, template_id, version)
    except UnknownTemplate as exc:
        raise PageNotFound("error.not_found", what="what.template") from exc
    name = f"{found.id}.v{found.version}.xlsx"
    return Response(
        content=write_workbook(template_to_sheets(found, "en" if lang == "en" else "vi")),
        media_type=XLSX_MIME,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )
