"""The filtered inspections as a spreadsheet: XLSX (totals + per-criterion scores) and CSV.

The same filters and order as the list (`listing.each_listed`), every match (no pages). XLSX is
written by openpyxl in write-only mode (rows streamed, not held as cells): numbers are numbers,
dates are dates shown dd/mm/yyyy, headers are Vietnamese. CSV is the totals sheet, UTF-8 with a
byte-order mark so Excel opens Vietnamese correctly, ISO dates and "." decimals.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from datetime import date
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
from checklists.text.labels import label
from sync.server.deps import ServicesDep
from sync.server.pages.filters import Filters, parse_filters
from sync.server.pages.guard import OfficeUserDep
from sync.server.pages.listing import each_listed, missing_photos
from sync.server.services import Services
from sync.server.tables import CriterionScore, ListedInspection

__all__ = [
    "XLSX_TYPE",
    "TOTAL_HEADERS",
    "SCORE_HEADERS",
    "export_routes",
    "total_row",
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
SCORE_HEADERS = (
    "Mã cuộc kiểm tra",
    "Ngày kiểm tra",
    "Đơn vị",
    "Nhóm",
    "Mã tiêu chí",
    "Tiêu chí",
    "Điểm Đoàn chấm",
    "Điểm tối đa",
    "Điểm tự chấm",
    "Chênh lệch (Đoàn - tự chấm)",
    "Tình trạng",
)
_STATES = {
    "scored": "Đã chấm",
    "not_applicable": "Không áp dụng",
    "conflict": "Chưa thống nhất",
    "unscored": "Chưa chấm",
    "info": "Chỉ ghi nhận",
    "invalid": "Giá trị không hợp lệ",
}
_CHUNK = 500
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
def _criteria(template_id: str, version: int) -> dict[str, tuple[str, str]]:
    """criterion id -> (section title, criterion label) of a template ({} when unknown)."""
    try:
        template = get_template(template_id, version)
    except UnknownTemplate:
        return {}
    return {c.id: (s.title, c.label) for s in template.sections for c in s.criteria}


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
    missing = missing_photos(session, [r.inspection_id for r in rows])
    for row in rows:
        yield row, missing.get(row.inspection_id, 0)


def _score_rows(
    session: Session, heads: list[tuple[str, date, str, str, int]]
) -> Iterator[list[Any]]:
    """The per-criterion lines of these inspections, in their order and the template's."""
    for chunk in _chunks(heads):
        by_id: dict[str, list[CriterionScore]] = {}
        query = (
            select(CriterionScore)
            .where(CriterionScore.inspection_id.in_([h[0] for h in chunk]))
            .order_by(CriterionScore.inspection_id, CriterionScore.position)
        )
        for score in session.scalars(query):
            by_id.setdefault(score.inspection_id, []).append(score)
        for inspection_id, day, unit, template_id, version in chunk:
            names = _criteria(template_id, version)
            for score in by_id.get(inspection_id, []):
                section, name = names.get(score.criterion_id, (score.section_id, ""))
                difference = (
                    round(score.points - score.self_points, 2)
                    if score.points is not None and score.self_points is not None
                    else None
                )
                yield [
                    inspection_id,
                    day,
                    unit,
                    section,
                    score.criterion_id,
                    name,
                    score.points,
                    score.max_points,
                    score.self_points,
                    difference,
                    _STATES.get(score.state, score.state),
                ]


def _sheet_row(sheet: WriteOnlyWorksheet, values: list[Any]) -> list[Any]:
    cells: list[Any] = []
    for value in values:
        if isinstance(value, date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = _DATE_FORMAT
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def _header(sheet: WriteOnlyWorksheet, names: Sequence[str]) -> list[WriteOnlyCell]:
    cells = []
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
    heads: list[tuple[str, date, str, str, int]] = []
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
    scores = book.create_sheet("Điểm tiêu chí")
    scores.freeze_panes = "A2"
    scores.append(_header(scores, SCORE_HEADERS))
    for values in _score_rows(session, heads):
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
    with svc.sessions() as session:
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
