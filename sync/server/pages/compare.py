"""The compare page (`/office/compare`): ranking, shortfalls by criterion, a unit's trend."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from checklists.errors import UnknownTemplate
from checklists.text.format import format_number, format_percent
from sync.server.deps import ServicesDep
from sync.server.pages.charts import Bar, bar_chart, trend_chart
from sync.server.pages.comparison import Period, ranking, shortfalls, trend
from sync.server.pages.errors import BadQuery
from sync.server.pages.guard import OfficeUserDep
from sync.server.pages.render import render
from sync.server.pages.words import word
from sync.server.publishing import find_template
from sync.server.services import Services
from sync.server.tables import ListedInspection

__all__ = ["compare_routes", "compare_page"]

compare_routes = APIRouter(prefix="/office", include_in_schema=False)
_L = ListedInspection


def _tone(attainment: float) -> str:
    return "#a61b1b" if attainment < 50 else "#b7791f" if attainment < 80 else "#1f7a4d"


def _labels(session: Session, template_id: str, version: int, lang: str) -> dict[str, str]:
    try:
        template = find_template(session, template_id, version)  # published versions too
    except UnknownTemplate:
        return {}
    return {
        c.id: (c.label_en or c.label) if lang == "en" else c.label
        for s in template.sections
        for c in s.criteria
    }


def _gather(svc: Services, params: dict[str, str], lang: str) -> dict[str, Any]:
    svc.summaries.current()
    with svc.readers() as session:
        return _compare(session, params, lang)


def _compare(session: Session, params: dict[str, str], lang: str) -> dict[str, Any]:
    templates = list(
        session.execute(
            select(_L.template_id, func.max(_L.template_title), func.max(_L.template_version))
            .where(_L.total.is_not(None))
            .group_by(_L.template_id)
            .order_by(_L.template_id)
        )
    )
    known = {t[0] for t in templates}
    template_id = params.get("template", "") or (templates[0][0] if templates else "")
    if template_id and template_id not in known:
        raise BadQuery("error.bad_query", field="template", reason=word(lang, "compare.no_data"))
    years = list(
        session.scalars(
            select(_L.year).where(_L.template_id == template_id).distinct().order_by(_L.year.desc())
        )
    )
    year_text = params.get("year", "").strip()
    year = None
    if year_text:
        if not year_text.isdigit() or int(year_text) not in years:
            raise BadQuery("error.bad_query", field="year", reason=", ".join(map(str, years)))
        year = int(year_text)
    units = list(
        session.scalars(
            select(_L.unit_name)
            .where(_L.template_id == template_id, _L.total.is_not(None))
            .distinct()
            .order_by(_L.unit_name)
        )
    )
    unit = params.get("unit", "").strip()
    if unit and unit not in units:
        raise BadQuery("error.bad_query", field="unit", reason=word(lang, "compare.no_data"))
    period = Period(template_id, year)
    ranked = ranking(session, period) if template_id else []
    short = shortfalls(session, period) if template_id else []
    version = max((t[2] for t in templates if t[0] == template_id), default=1)
    unit = unit or (ranked[-1].unit if ranked else "")
    years_of_unit = trend(session, template_id, unit) if unit else []
    return {
        "templates": [(t[0], t[1]) for t in templates],
        "template_id": template_id,
        "years": years,
        "year": year,
        "units": units,
        "unit": unit,
        "ranked": ranked,
        "short": short,
        "names": _labels(session, template_id, version, lang),
        "trend": years_of_unit,
    }


@compare_routes.get("/compare", response_class=HTMLResponse)
async def compare_page(request: Request, user: OfficeUserDep, svc: ServicesDep) -> HTMLResponse:
    """Ranking of units, criteria where units fall short most, and a unit's trend."""
    lang = user.lang
    params = {k: v[:300] for k, v in request.query_params.items()}
    data = await run_in_threadpool(_gather, svc, params, lang)

    ranking_chart = bar_chart(
        word(lang, "compare.ranking"),
        [
            Bar(
                r.unit,
                r.average,
                format_number(r.average, 2, lang),
                _tone(100 * r.average / (r.max_total or 1)),
            )
            for r in data["ranked"][:30]
        ],
        max((r.max_total for r in data["ranked"]), default=100.0),
    )
    short_chart = bar_chart(
        word(lang, "compare.shortfalls"),
        [
            Bar(
                f"{s.criterion_id} {data['names'].get(s.criterion_id, '')}",
                s.attainment,
                format_percent(s.attainment, 1, lang),
                _tone(s.attainment),
            )
            for s in data["short"][:15]
        ],
        100.0,
    )
    points = data["trend"]
    top = max((p.max_total for p in points), default=100.0)
    trend_svg = trend_chart(
        word(lang, "compare.trend", unit=data["unit"]),
        [(str(p.year), p.average, format_number(p.average, 2, lang)) for p in points],
        0.0,
        top,
    )
    return render(
        request,
        user,
        "compare.html",
        title=word(lang, "nav.compare"),
        ranking_chart=ranking_chart,
        short_chart=short_chart,
        trend_chart=trend_svg,
        **data,
    )
