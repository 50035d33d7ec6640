"""The inspection list's filters, sort and page, read from the query string (never trusted).

`parse_filters(params)` checks every value and raises `BadQuery` naming the field and why;
`Filters.query()` gives the query string back (for links that keep the filters: sort, pages,
exports).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from checklists.record.lifecycle import Lifecycle
from sync.server.pages.errors import BadQuery

__all__ = ["SORTS", "DELIVERY", "PAGE_SIZE", "Filters", "parse_filters"]

SORTS = ("date", "unit", "template", "total", "rating", "completeness", "status", "body")
"""Columns the list sorts by."""
DELIVERY = ("complete", "missing")
"""Delivery states: every photo received, or some still missing."""
PAGE_SIZE = 50
_TEXT_MAX = 300


@dataclass(frozen=True)
class Filters:
    """What the office asked for; empty strings and None mean "any"."""

    q: str = ""
    unit: str = ""
    body: str = ""
    template: str = ""
    rating: str = ""
    status: str = ""
    delivery: str = ""
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "date"
    desc: bool = True
    page: int = 1

    def pairs(self, **changes: object) -> list[tuple[str, str]]:
        """The non-default values as query pairs, with `changes` applied first."""
        current = replace(self, **changes)  # type: ignore[arg-type]
        values: list[tuple[str, str]] = []
        for name in ("q", "unit", "body", "template", "rating", "status", "delivery"):
            value = getattr(current, name)
            if value:
                values.append((name, value))
        if current.year is not None:
            values.append(("year", str(current.year)))
        if current.date_from is not None:
            values.append(("from", current.date_from.isoformat()))
        if current.date_to is not None:
            values.append(("to", current.date_to.isoformat()))
        if (current.sort, current.desc) != ("date", True):
            values += [("sort", current.sort), ("dir", "desc" if current.desc else "asc")]
        if current.page != 1:
            values.append(("page", str(current.page)))
        return values

    def query(self, **changes: object) -> str:
        """The query string for these filters with `changes` (e.g. `page=2`)."""
        return urlencode(self.pairs(**changes))

    def active(self) -> bool:
        """True when any filter or search narrows the list."""
        empty = Filters(sort=self.sort, desc=self.desc, page=self.page)
        return self != empty


def _text(params: Mapping[str, str], name: str) -> str:
    value = params.get(name, "").strip()
    if len(value) > _TEXT_MAX:
        raise BadQuery("error.bad_query", field=name, reason=f"> {_TEXT_MAX}")
    return value


def _date(params: Mapping[str, str], name: str) -> date | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise BadQuery("error.bad_query", field=name, reason="YYYY-MM-DD") from exc


def _int(params: Mapping[str, str], name: str, low: int, high: int) -> int | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or not low <= int(value) <= high:
        raise BadQuery("error.bad_query", field=name, reason=f"{low}…{high}")
    return int(value)


def _choice(params: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str:
    value = params.get(name, "").strip()
    if value and value not in allowed:
        raise BadQuery("error.bad_query", field=name, reason=", ".join(allowed))
    return value


def parse_filters(params: Mapping[str, str]) -> Filters:
    """The filters in a query string; `BadQuery` names the first wrong value."""
    statuses = tuple(s.value for s in Lifecycle)
    date_from = _date(params, "from")
    date_to = _date(params, "to")
    if date_from is not None and date_to is not None and date_from > date_to:
        raise BadQuery("error.bad_query", field="from", reason="> to")
    return Filters(
        q=_text(params, "q"),
        unit=_text(params, "unit"),
        body=_text(params, "body"),
        template=_text(params, "template"),
        rating=_text(params, "rating"),
        status=_choice(params, "status", statuses),
        delivery=_choice(params, "delivery", DELIVERY),
        year=_int(params, "year", 1900, 2999),
        date_from=date_from,
        date_to=date_to,
        sort=_choice(params, "sort", SORTS) or "date",
        desc=_choice(params, "dir", ("asc", "desc")) != "asc",
        page=_int(params, "page", 1, 1_000_000) or 1,
    )
