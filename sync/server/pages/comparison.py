"""Comparing units from the summary columns: a ranking for a template and period, the criteria
where units fall short most, one unit's totals across years.

Only inspections with a total count (scored at least in part); each query says how many it
used. Averages are computed by the database over `inspection_summaries` / `criterion_scores`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from sync.server.tables import CriterionScore, ListedInspection

__all__ = [
    "Period",
    "RankedUnit",
    "Shortfall",
    "YearPoint",
    "ranking",
    "shortfalls",
    "trend",
]

_L = ListedInspection
_C = CriterionScore


@dataclass(frozen=True)
class Period:
    """Which inspections: one template, optionally one year."""

    template_id: str
    year: int | None = None

    def where(self) -> list[ColumnElement[bool]]:
        """Conditions on `inspection_summaries`."""
        found = [_L.template_id == self.template_id, _L.total.is_not(None)]
        if self.year is not None:
            found.append(_L.year == self.year)
        return found


@dataclass(frozen=True)
class RankedUnit:
    """A unit's average total over its inspections in the period, best first."""

    rank: int
    unit: str
    average: float
    best: float
    count: int
    max_total: float


@dataclass(frozen=True)
class Shortfall:
    """A criterion's average points against its maximum, over the period's inspections."""

    criterion_id: str
    section_id: str
    average: float
    max_points: float
    attainment: float
    """Average as a percentage of the maximum (lowest first: where units fall short most)."""
    count: int
    below_half: int
    """Inspections scoring it under half its maximum."""


@dataclass(frozen=True)
class YearPoint:
    """One year of a unit's inspections on a template."""

    year: int
    average: float
    count: int
    max_total: float


def ranking(session: Session, period: Period) -> list[RankedUnit]:
    """Units by average total, highest first (ties by name)."""
    average = func.avg(_L.total)
    query = (
        select(_L.unit_name, average, func.max(_L.total), func.count(), func.max(_L.max_total))
        .where(*period.where())
        .group_by(_L.unit_name)
        .order_by(average.desc(), _L.unit_name)
    )
    return [
        RankedUnit(i + 1, unit, round(float(avg), 2), float(best), int(n), float(top))
        for i, (unit, avg, best, n, top) in enumerate(session.execute(query))
    ]


def shortfalls(session: Session, period: Period) -> list[Shortfall]:
    """Criteria by average attainment, lowest first; N/A and unscored results left out."""
    average = func.avg(_C.points)
    maximum = func.max(_C.max_points)
    below = func.sum(case((_C.points < _C.max_points / 2, 1), else_=0))
    query = (
        select(_C.criterion_id, func.min(_C.section_id), average, maximum, func.count(), below)
        .join(_L, _L.inspection_id == _C.inspection_id)
        .where(*period.where(), _C.points.is_not(None), _C.max_points > 0)
        .group_by(_C.criterion_id)
    )
    found = [
        Shortfall(
            criterion_id=cid,
            section_id=section,
            average=round(float(avg), 2),
            max_points=float(top),
            attainment=round(100.0 * float(avg) / float(top), 1),
            count=int(n),
            below_half=int(under or 0),
        )
        for cid, section, avg, top, n, under in session.execute(query)
    ]
    return sorted(found, key=lambda s: (s.attainment, s.criterion_id))


def trend(session: Session, template_id: str, unit: str) -> list[YearPoint]:
    """The unit's average total per year on this template, oldest first."""
    query = (
        select(_L.year, func.avg(_L.total), func.count(), func.max(_L.max_total))
        .where(_L.template_id == template_id, _L.unit_name == unit, _L.total.is_not(None))
        .group_by(_L.year)
        .order_by(_L.year)
    )
    return [
        YearPoint(int(year), round(float(avg), 2), int(n), float(top))
        for year, avg, n, top in session.execute(query)
    ]
