"""Finding inspections by their summary columns: filtered, sorted, paged; the filter choices.

Everything reads `inspection_summaries` (and `photo_refs`/`photos` for the delivery state),
never a record's body, so a page costs the same with 10 or 10,000 inspections held.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, select
from sqlalchemy.orm import Session

from sync.server.pages.filters import PAGE_SIZE, Filters
from sync.server.summaries import folded
from sync.server.tables import ListedInspection, PhotoRef, StoredPhoto

__all__ = ["Choices", "Found", "where", "find", "photos_missing", "each_listed", "choices"]

_L = ListedInspection
_ORDER: dict[str, Any] = {
    "date": _L.inspection_date,
    "unit": _L.unit_name,
    "template": _L.template_title,
    "total": _L.total,
    "rating": _L.total,
    "completeness": _L.completeness,
    "status": _L.status,
    "body": _L.lead_body,
}


@dataclass(frozen=True)
class Found:
    """One page of the list: its rows, how many match in all, photos missing per row."""

    rows: list[ListedInspection]
    count: int
    missing: dict[str, int]
    page: int
    pages: int


@dataclass(frozen=True)
class Choices:
    """The values the filters offer (what the held inspections have)."""

    units: list[str]
    bodies: list[str]
    templates: list[tuple[str, str]]
    ratings: list[tuple[str, str, str]]
    years: list[int]


def _lacking() -> ColumnElement[bool]:
    """True for a summary whose record points at a photo the server does not hold yet."""
    return exists(
        select(PhotoRef.sha256)
        .outerjoin(StoredPhoto, StoredPhoto.sha256 == PhotoRef.sha256)
        .where(PhotoRef.inspection_id == _L.inspection_id, StoredPhoto.sha256.is_(None))
    )


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where(filters: Filters) -> list[ColumnElement[bool]]:
    """The conditions the filters put on `inspection_summaries`."""
    found: list[ColumnElement[bool]] = []
    for word in folded(filters.q).split():
        found.append(_L.search.like(_like(word), escape="\\"))
    if filters.unit:
        found.append(_L.unit_name == filters.unit)
    if filters.body:
        found.append(_L.lead_body == filters.body)
    if filters.template:
        found.append(_L.template_id == filters.template)
    if filters.rating == "-":
        found.append(_L.rating_code == "")
    elif filters.rating:
        found.append(_L.rating_code == filters.rating)
    if filters.status:
        found.append(_L.status == filters.status)
    if filters.year is not None:
        found.append(_L.year == filters.year)
    if filters.date_from is not None:
        found.append(_L.inspection_date >= filters.date_from)
    if filters.date_to is not None:
        found.append(_L.inspection_date <= filters.date_to)
    if filters.delivery == "missing":
        found.append(_lacking())
    elif filters.delivery == "complete":
        found.append(~_lacking())
    return found


def _ordered(query: Select[Any], filters: Filters) -> Select[Any]:
    column = _ORDER[filters.sort]
    first = column.desc() if filters.desc else column.asc()
    # NULL totals last either way; the id breaks ties so pages never overlap.
    return query.order_by(column.is_(None), first, _L.inspection_id)


def find(session: Session, filters: Filters) -> Found:
    """The page of summaries the filters ask for (a page past the end shows the last one)."""
    conditions = where(filters)
    count = session.scalar(select(func.count()).select_from(_L).where(and_(True, *conditions)))
    total = int(count or 0)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(filters.page, pages)
    query = _ordered(select(_L).where(*conditions), filters)
    rows = list(session.scalars(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)))
    return Found(rows, total, photos_missing(session, [r.inspection_id for r in rows]), page, pages)


def photos_missing(session: Session, ids: list[str]) -> dict[str, int]:
    """For each of these records that lacks photos, how many the server does not hold yet."""
    if not ids:
        return {}
    query = (
        select(PhotoRef.inspection_id, func.count())
        .outerjoin(StoredPhoto, StoredPhoto.sha256 == PhotoRef.sha256)
        .where(PhotoRef.inspection_id.in_(ids), StoredPhoto.sha256.is_(None))
        .group_by(PhotoRef.inspection_id)
    )
    return {inspection_id: int(n) for inspection_id, n in session.execute(query)}


def each_listed(
    session: Session, filters: Filters, batch: int = 1000
) -> Iterator[ListedInspection]:
    """Every summary the filters match, in the list's order, read a batch at a time."""
    query = _ordered(select(_L).where(*where(filters)), filters)
    result = session.execute(query.execution_options(yield_per=batch))
    yield from result.scalars()


def choices(session: Session) -> Choices:
    """The distinct units, bodies, templates, ratings and years held."""
    units = session.scalars(select(_L.unit_name).distinct().order_by(_L.unit_name).limit(2000))
    bodies = session.scalars(
        select(_L.lead_body).where(_L.lead_body != "").distinct().order_by(_L.lead_body)
    )
    templates = session.execute(
        select(_L.template_id, func.max(_L.template_title))
        .group_by(_L.template_id)
        .order_by(_L.template_id)
    )
    ratings = session.execute(
        select(_L.rating_code, func.max(_L.rating_label), func.max(_L.rating_label_en))
        .where(_L.rating_code != "")
        .group_by(_L.rating_code)
        .order_by(func.max(_L.total).desc())
    )
    years = session.scalars(select(_L.year).distinct().order_by(_L.year.desc()))
    return Choices(
        units=list(units),
        bodies=list(bodies),
        templates=[(t, title) for t, title in templates],
        ratings=[(code, vi, en) for code, vi, en in ratings],
        years=list(years),
    )
