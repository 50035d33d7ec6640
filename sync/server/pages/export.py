"""The filtered inspections as a spreadsheet: XLSX (totals + per-criterion scores) and CSV.

The same filters and order as the list (`listing.each_listed`), every match (no pages). XLSX is
written by openpyxl in write-only mode (rows streamed, not held as cells): numbers are numbers,
dates are dates shown dd/mm/yyyy, headers are Vietnamese. The per-criterion sheet has one line
per inspection and one column per criterion (a sheet per template version when the filter spans
several): 10,000 inspections are ~220,000 cells there instead of ~2 million in a long layout,
which is what keeps the export of all of them within its 15 s on a busy machine.

CSV is the totals sheet, UTF-8 with a byte-order mark so Excel opens Vietnamese correctly, ISO
dates and "." decimals.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time
from functools import cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from checklists.errors import UnknownTemplate
from checklists.template.catalog import get_template
from checklists.text.format import format_number
from checklists.text.labels import label
from sync.server.deps import ServicesDep
from sync.server.pages.filters import Filters, parse_filters
from sync.server.pages.guard import OfficeUserDep
from sync.server.pages.listing import each_listed, photos_missing
from sync.server.publishing import find_template
from sync.server.services import Services
from sync.server.tables import CriterionScore, ListedInspection

__all__ = [
    "XLSX_TYPE",
    "TOTAL_HEADERS",
    "SCORE_HEADERS",
    "export_routes",
    "total_row",
    "score_headers",
    "build_xlsx",
    "build_csv",
    "export_xlsx",
    "export_csv",
]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TOTAL_HEADERS = (
    "Mã cuộc kiểm tra",
    "Ngày kiểm tra",
    "Đơn vị",
    "Đơn vị cấp trên",
    "Đoàn kiểm tra",
    "Trưởng đoàn",
    "Bộ tiêu chí",
    "Phiên bản",
    "Tổng điểm",
    "Điểm tối đa",
    "Xếp loại",
    "Xếp loại tạm tính",
    "Tiêu chí đã chấm",
    "Số tiêu chí",
    "Tỷ lệ đã chấm (%)",
    "Trạng thái",
    "Số ảnh",
    "Ảnh chưa nhận",
)
SCORE_HEADERS = ("Mã cuộc kiểm tra", "Ngày kiểm tra", "Đơn vị")
"""The per-criterion sheet's first columns; one column per criterion follows (its points;
empty where not scored, not applicable or still disputed)."""
_CHUNK = 500
_Head = tuple[str, date, str, str, int]
"""An exported inspection: id, date, unit, template id and version."""
_DATE_FORMAT = "DD/MM/YYYY"

export_routes = APIRouter(prefix="/office", include_in_schema=False)


def total_row(row: ListedInspection, missing: int) -> list[Any]:
    """One inspection's line of the totals sheet (numbers as numbers, None for "none")."""
    return [
        row.inspection_id,
        row.inspection_date,
        row.unit_name,
        row.unit_parent,
        row.lead_body,
        row.leader_name,
        row.template_title,
        row.template_version,
        row.total,
        row.max_total,
        row.rating_label or None,
        ("Có" if row.provisional else "Không") if row.rating_code else None,
        row.criteria_scored,
        row.criteria_total,
        row.completeness,
        label(f"lifecycle.{row.status}", "vi"),
        row.photo_count,
        missing,
    ]


@cache
def _bundled_criteria(template_id: str, version: int) -> tuple[tuple[str, str, float], ...]:
    try:
        template = get_template(template_id, version)
    except UnknownTemplate:
        return ()
    return tuple((c.id, c.label, float(c.max_points)) for c in template.criteria())


def _criteria(
    template_id: str, version: int, session: Session | None = None
) -> tuple[tuple[str, str, float], ...]:
    """(criterion id, label, max points) of a template in order (() when unknown); with a
    session, versions the central office published are found too."""
    found = _bundled_criteria(template_id, version)
    if found or session is None:
        return found
    try:
        template = find_template(session, template_id, version)
    except UnknownTemplate:
        return ()
    return tuple((c.id, c.label, float(c.max_points)) for c in template.criteria())


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _totals(session: Session, filters: Filters) -> Iterator[tuple[ListedInspection, int]]:
    """Each matching summary with its missing photo count, a chunk of queries at a time."""
    batch: list[ListedInspection] = []
    for row in each_listed(session, filters):
        batch.append(row)
        if len(batch) == _CHUNK:
            yield from _with_missing(session, batch)
            batch = []
    yield from _with_missing(session, batch)


def _with_missing(
    session: Session, rows: list[ListedInspection]
) -> Iterator[tuple[ListedInspection, int]]:
    missing = photos_missing(session, [r.inspection_id for r in rows])
    for row in rows:
        yield row, missing.get(row.inspection_id, 0)


def score_headers(template_id: str, version: int, session: Session | None = None) -> list[str]:
    """The per-criterion sheet's headers: the inspection, then one column per criterion."""
    criteria = _criteria(template_id, version, session)
    return list(SCORE_HEADERS) + [
        f"{cid}. {name} (tối đa {format_number(top, 2)})" for cid, name, top in criteria
    ]


def _score_rows(session: Session, heads: list[_Head]) -> Iterator[list[Any]]:
    """One line per inspection (all of one template version): each criterion's points."""
    for chunk in _chunks(heads):
        by_id: dict[str, dict[str, float | None]] = {}
        query = select(
            CriterionScore.inspection_id, CriterionScore.criterion_id, CriterionScore.points
        ).where(CriterionScore.inspection_id.in_([h[0] for h in chunk]))
        for inspection_id, criterion_id, points in session.execute(query):
            by_id.setdefault(inspection_id, {})[criterion_id] = points
        for inspection_id, day, unit, template_id, version in chunk:
            points_of = by_id.get(inspection_id, {})
            criteria = _criteria(template_id, version, session)
            yield [inspection_id, day, unit] + [points_of.get(c[0]) for c in criteria]


def _sheet_row(sheet: WriteOnlyWorksheet, values: list[Any]) -> list[Any]:
    cells: list[Any] = []
    for value in values:
        if isinstance(value, date):
            cell = WriteOnlyCell(sheet, value=datetime.combine(value, time()))
            cell.number_format = _DATE_FORMAT
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def _header(sheet: WriteOnlyWorksheet, names: Sequence[str]) -> list[Any]:
    cells: list[Any] = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def build_xlsx(session: Session, filters: Filters) -> bytes:
    """The workbook: "Tổng hợp" (one line per inspection) and "Điểm tiêu chí" (per criterion)."""
    book = Workbook(write_only=True)
    totals = book.create_sheet("Tổng hợp")
    totals.freeze_panes = "A2"
    totals.append(_header(totals, TOTAL_HEADERS))
    heads: list[_Head] = []
    for row, missing in _totals(session, filters):
        totals.append(_sheet_row(totals, total_row(row, missing)))
        heads.append(
            (
                row.inspection_id,
                row.inspection_date,
                row.unit_name,
                row.template_id,
                row.template_version,
            )
        )
    groups: dict[tuple[str, int], list[_Head]] = {}
    for head in heads:
        groups.setdefault((head[3], head[4]), []).append(head)
    for (template_id, version), members in sorted(groups.items()):
        name = "Điểm tiêu chí" if len(groups) == 1 else f"Điểm {template_id} v{version}"[:31]
        scores = book.create_sheet(name)
        scores.freeze_panes = "D2"
        scores.append(_header(scores, score_headers(template_id, version, session)))
        for values in _score_rows(session, members):
            scores.append(_sheet_row(scores, values))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def build_csv(session: Session, filters: Filters) -> bytes:
    """The totals as CSV: UTF-8 with a byte-order mark, ISO dates, "." decimals."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TOTAL_HEADERS)
    for row, missing in _totals(session, filters):
        writer.writerow(
            [
                "" if v is None else v.isoformat() if isinstance(v, date) else v
                for v in total_row(row, missing)
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _build(svc: Services, filters: Filters, xlsx: bool) -> bytes:
    svc.summaries.current()
    with svc.readers() as session:
        return build_xlsx(session, filters) if xlsx else build_csv(session, filters)


def _download(body: bytes, media_type: str, suffix: str) -> Response:
    name = f"kiem-tra-{date.today().isoformat()}.{suffix}"
    return Response(
        content=body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


@export_routes.get("/inspections/export.xlsx")
async def export_xlsx(request: Request, user: OfficeUserDep, svc: ServicesDep) -> Response:
    """Every inspection the filters match, as an Excel workbook."""
    filters = parse_filters(request.query_params)
    body = await run_in_threadpool(_build, svc, filters, True)
    return _download(body, XLSX_TYPE, "xlsx")


@export_routes.get("/inspections/export.csv")
async def export_csv(request: Request, user: OfficeUserDep, svc: ServicesDep) -> Response:
    """Every inspection the filters match, as CSV (the totals)."""
    filters = parse_filters(request.query_params)
    body = await run_in_threadpool(_build, svc, filters, False)
    return _download(body, "text/csv; charset=utf-8", "csv")
