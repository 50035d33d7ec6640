"""The list of inspections (`/office/inspections`): filters, search, sort, pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from checklists.record.lifecycle import Lifecycle
from checklists.text.labels import label
from sync.server.deps import ServicesDep
from sync.server.pages.filters import SORTS, Filters, parse_filters
from sync.server.pages.guard import OfficeUserDep
from sync.server.pages.listing import Choices, Found, choices, find
from sync.server.pages.render import render
from sync.server.pages.words import word
from sync.server.services import Services

__all__ = ["list_routes", "inspection_list", "status_label"]

list_routes = APIRouter(prefix="/office", include_in_schema=False)


def status_label(status: str, lang: str) -> str:
    """A lifecycle status in words ("Đã khóa")."""
    return label(f"lifecycle.{status}", lang)


def _read(svc: Services, filters: Filters) -> tuple[Found, Choices]:
    svc.summaries.current()
    with svc.readers() as session:
        return find(session, filters), choices(session)


@list_routes.get("/inspections", response_class=HTMLResponse)
async def inspection_list(request: Request, user: OfficeUserDep, svc: ServicesDep) -> Response:
    """Every inspection held, filtered, sorted and paged."""
    filters = parse_filters(request.query_params)
    if any(value == "" for value in request.query_params.values()):
        # The filter form sends every field, empty ones too: keep addresses short to share.
        query = filters.query()
        return RedirectResponse("/office/inspections" + (f"?{query}" if query else ""), 303)
    found, options = await run_in_threadpool(_read, svc, filters)
    lang = user.lang
    columns = [
        ("date", word(lang, "list.col.date"), False),
        ("unit", word(lang, "list.col.unit"), False),
        ("body", word(lang, "list.col.body"), False),
        ("template", word(lang, "list.col.template"), False),
        ("total", word(lang, "list.col.total"), True),
        ("rating", word(lang, "list.col.rating"), False),
        ("completeness", word(lang, "list.col.completeness"), True),
        ("status", word(lang, "list.col.status"), False),
    ]
    assert all(key in SORTS for key, _, _ in columns)
    return render(
        request,
        user,
        "inspection_list.html",
        title=word(lang, "nav.inspections"),
        filters=filters,
        found=found,
        options=options,
        columns=columns,
        statuses=[(s.value, status_label(s.value, lang)) for s in Lifecycle],
        status_label=status_label,
    )
