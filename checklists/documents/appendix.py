"""The appendices: the score table (Phụ lục I) and the evidence photos (Phụ lục II).

The score table prints the scoring engine's own numbers (criterion points, section totals, the
final total and rating), never re-adds them, so the document and the app always agree.
"""

from __future__ import annotations

import io
import math

from docx.document import Document
from docx.image.exceptions import UnrecognizedImageError
from docx.shared import Mm
from docx.table import _Cell

from checklists.conclusion.draft import criterion_notes
from checklists.documents.context import Context
from checklists.documents.docx_kit import (
    CENTER,
    LEFT,
    add_text,
    grid_table,
    keep_rows_whole,
    repeat_header_row,
    restart_numbering,
)
from checklists.documents.rules import Style
from checklists.documents.text import in_lang, number_line, title_in
from checklists.record.model import DocumentKind, Photo
from checklists.text.format import format_date, format_date_long, format_number
from checklists.text.labels import label

__all__ = [
    "SCORE_WIDTHS_MM",
    "EVIDENCE_WIDTHS_MM",
    "add_appendices",
    "add_score_table",
    "add_evidence",
    "report_photos",
]

SCORE_WIDTHS_MM = (11.0, 58.0, 15.0, 15.0, 16.0, 50.0)
EVIDENCE_WIDTHS_MM = (12.0, 58.0, 95.0)
_THUMB_MM = 52.0


def _n(value: float | None, lang: str = "vi") -> str:
    return "" if value is None else format_number(value, 2, lang)


def _cell(cell: _Cell, text: str, style: Style, align: object = CENTER) -> None:
    add_text(cell, text, style, align)  # type: ignore[arg-type]


def _appendix_heading(
    doc: Document, ctx: Context, kind: DocumentKind, number: str, title: str
) -> None:
    rules = ctx.rules
    restart_numbering(doc)
    add_text(doc, f"{label('doc.appendix', ctx.lang)} {number}", Style(14, bold=True), CENTER)
    add_text(doc, title, Style(rules.body.size, bold=True, caps=True), CENTER)
    line = number_line(ctx, kind)
    number = line.replace("Số:", "số").replace("Số", "số") if ctx.lang == "vi" else line
    document = f"{label(f'doc.type.{kind.value}', ctx.lang)} {number}"
    attached = label(
        "doc.appendix.attached",
        ctx.lang,
        # Decree 30, Mẫu 2.1: "(Kèm theo Báo cáo số …/BC-… ngày … tháng … năm …)"
        {"document": document, "date": format_date_long(ctx.issued_on, ctx.lang)},
    )
    add_text(doc, attached, Style(rules.body.size, italic=True), CENTER, space_after=12)


def add_appendices(doc: Document, ctx: Context, kind: DocumentKind) -> None:
    """Phụ lục I (scores) and Phụ lục II (evidence photos), each a section of its own whose
    pages are numbered from 1 with no number on its first page: Decree 30 (Phụ lục I) numbers a
    multi-page appendix's pages on their own, per appendix, and the first-page rule then holds
    for each appendix as for the document (HD 36 gives no other rule, so both layouts do so)."""
    _appendix_heading(doc, ctx, kind, "I", label("doc.appendix.scores", ctx.lang))
    add_score_table(doc, ctx)
    _appendix_heading(doc, ctx, kind, "II", label("doc.appendix.evidence", ctx.lang))
    add_evidence(doc, ctx)


def add_score_table(doc: Document, ctx: Context) -> None:
    """Per criterion: max, the unit's self-score, the delegation's score, notes; section totals;
    bonus and penalty lines; the total and the rating, all as the scoring engine gave them."""
    report, template, style = ctx.report, ctx.template, ctx.rules.table
    bold = Style(style.size, bold=True)
    notes_style = Style(style.size - 1)
    rows: list[tuple[tuple[str, ...], bool]] = []
    sections = {s.id: s for s in report.sections}
    for section in template.sections:
        totals = sections[section.id]
        results = [report.criterion(c.id) for c in section.criteria]
        selfs = [r.self_points for r in results if r.self_points is not None]
        shown = _n(totals.raw_points, ctx.lang)
        if not math.isclose(totals.scaled_points, totals.raw_points):
            shown = f"{shown} ({_n(totals.scaled_points, ctx.lang)})"
        rows.append(
            (
                (
                    section.id,
                    title_in(section, ctx.lang),
                    _n(section.max_points, ctx.lang),
                    _n(math.fsum(selfs), ctx.lang) if selfs else "",
                    shown,
                    "",
                ),
                True,
            )
        )
        for c, r in zip(section.criteria, results, strict=True):
            if r.state == "not_applicable":
                points = label("doc.na", ctx.lang)
            else:
                points = _n(r.points, ctx.lang) if r.state in ("scored", "info") else "—"
            notes = "; ".join(criterion_notes(ctx.record, c.id))
            rows.append(
                (
                    (
                        c.id,
                        in_lang(c, ctx.lang),
                        _n(c.max_points, ctx.lang),
                        _n(r.self_points, ctx.lang),
                        points,
                        notes,
                    ),
                    False,
                )
            )
    for adj, result in zip(template.adjustments, report.adjustments, strict=True):
        sign = "+" if adj.kind == "bonus" else "−"
        points = f"{sign}{_n(result.points, ctx.lang)}" if result.points else ""
        name = label(f"doc.{adj.kind}", ctx.lang, {"label": in_lang(adj, ctx.lang)})
        rows.append((("", name, _n(adj.max_points, ctx.lang), "", points, ""), False))
    all_self = [r.self_points for r in report.criteria if r.self_points is not None]
    total = (
        "",
        label("doc.total_row", ctx.lang),
        _n(template.total_points, ctx.lang),
        _n(math.fsum(all_self), ctx.lang) if all_self else "",
        _n(report.final_total, ctx.lang),
        "",
    )
    rows.append((total, True))
    head = tuple(
        label(f"doc.col.{k}", ctx.lang)
        for k in ("no", "criterion", "max", "self", "delegation", "notes")
    )
    table = grid_table(doc, len(rows) + 2, SCORE_WIDTHS_MM)
    repeat_header_row(table)
    keep_rows_whole(table)  # a criterion's row is never split across two pages
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        _cell(cell, text, bold)
    for row, (values, strong) in zip(table.rows[1:], rows, strict=False):
        for i, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            look = bold if strong else notes_style if i == 5 else style
            _cell(cell, text, look, LEFT if i in (1, 5) else CENTER)
    last = table.rows[-1].cells
    _cell(last[1], label("doc.rating_row", ctx.lang), bold, LEFT)
    merged = last[2].merge(last[5])
    rating = in_lang(report.rating, ctx.lang) if report.rating else label("doc.unrated", ctx.lang)
    _cell(merged, rating, bold)


def report_photos(ctx: Context) -> list[Photo]:
    """Photos marked for the report, not detached: general ones first, then by criterion in
    template order, each in its own order."""
    order = {c.id: i for i, c in enumerate(ctx.template.criteria(), 1)}
    chosen = [p for p in ctx.record.photos.values() if p.include_in_report and not p.removed]
    return sorted(chosen, key=lambda p: (order.get(p.criterion_id, 0), p.order, p.counter, p.id))


def _caption(ctx: Context, photo: Photo) -> str:
    if photo.criterion_id:
        try:
            found = ctx.template.criterion(photo.criterion_id)
            criterion = f"{photo.criterion_id}. {in_lang(found, ctx.lang)}"
        except KeyError:
            criterion = photo.criterion_id
    else:
        criterion = label("doc.photo.general", ctx.lang)
    if photo.taken_at is not None:
        meta = label(
            "doc.photo.meta",
            ctx.lang,
            {"criterion": criterion, "date": format_date(photo.taken_at.date())},
        )
    else:
        meta = label("doc.photo.meta_undated", ctx.lang, {"criterion": criterion})
    return f"{photo.caption}\n{meta}" if photo.caption else meta


def add_evidence(doc: Document, ctx: Context) -> None:
    """One row per photo: number, thumbnail (bytes from the photo reader), caption."""
    style = ctx.rules.table
    photos = report_photos(ctx)
    if not photos:
        add_text(doc, label("doc.no_evidence", ctx.lang), ctx.rules.body, CENTER)
        return
    table = grid_table(doc, len(photos) + 1, EVIDENCE_WIDTHS_MM)
    repeat_header_row(table)
    keep_rows_whole(table)
    head = ("no", "photo", "caption")
    for cell, key in zip(table.rows[0].cells, head, strict=True):
        _cell(cell, label(f"doc.col.{key}", ctx.lang), Style(style.size, bold=True))
    for n, (row, photo) in enumerate(zip(table.rows[1:], photos, strict=True), 1):
        cells = row.cells
        _cell(cells[0], str(n), style)
        data = ctx.photo_reader(photo) if ctx.photo_reader else None
        if not _picture(cells[1], data):
            _cell(cells[1], label("doc.photo.missing", ctx.lang), Style(style.size, italic=True))
        for i, line in enumerate(_caption(ctx, photo).split("\n")):
            _cell(cells[2], line, Style(style.size, italic=i > 0), LEFT)


def _picture(cell: _Cell, data: bytes | None) -> bool:
    if not data:
        return False
    paragraph = cell.paragraphs[0]
    paragraph.alignment = CENTER
    try:
        paragraph.add_run().add_picture(io.BytesIO(data), width=Mm(_THUMB_MM))
    except UnrecognizedImageError:
        return False
    return True
