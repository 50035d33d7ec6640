"""Biên bản kiểm tra (minutes), after Decree 30 Mẫu 1.9 adapted for an inspection (DOMAIN §2.3a).

No date line in the header: time and place are in the body. Signed on site by the unit's
representative and the leader, with the secretary who kept the minutes.
"""

from __future__ import annotations

from docx.document import Document

from checklists.documents.context import Context
from checklists.documents.docx_kit import new_document
from checklists.documents.parts import (
    add_header,
    add_heading,
    add_paragraph,
    add_signers,
    add_title,
)
from checklists.documents.text import (
    basis_lines,
    listed,
    member_line,
    scores_by_section,
    title_in,
    total_line,
)
from checklists.record.model import DocumentKind, Role
from checklists.text.format import format_date_long, format_time
from checklists.text.labels import label

__all__ = ["build_minutes"]


def build_minutes(ctx: Context) -> Document:
    """The minutes of the visit as a DOCX document."""
    doc = new_document(ctx.rules)
    lang, header = ctx.lang, ctx.record.header
    programme = ctx.template.programme
    add_header(doc, ctx, DocumentKind.MINUTES)
    summary = label("doc.summary.minutes", lang, {"programme": programme, "unit": ctx.unit()})
    add_title(doc, ctx, DocumentKind.MINUTES, summary)
    for line in basis_lines(ctx):
        add_paragraph(doc, ctx, line, ctx.rules.basis)
    opening = {
        "time": format_time(ctx.details.start_time, lang),
        "date": format_date_long(header.inspection_date, lang),
        "place": header.place or ctx.unit(),
        "programme": programme,
        "unit": ctx.unit(),
    }
    add_paragraph(doc, ctx, label("doc.minutes.opening", lang, opening))
    add_heading(doc, ctx, "I", label("doc.h.members", lang))
    add_heading(doc, ctx, "1", label("doc.h.delegation", lang), level=2)
    for line in listed([member_line(m, lang) for m in ctx.members_in_order()]):
        add_paragraph(doc, ctx, line)
    organisation = ctx.details.unit_organisation or header.unit_name
    add_heading(doc, ctx, "2", label("doc.h.unit", lang, {"unit": organisation}), level=2)
    people = [p for p in ctx.record.representatives.values() if not p.removed]
    lines = [
        label("doc.representative", lang, {"who": ", ".join(x for x in (p.name, p.position) if x)})
        for p in people
    ]
    for line in listed(lines):
        add_paragraph(doc, ctx, line)
    add_heading(doc, ctx, "II", label("doc.h.content", lang))
    titles = [
        label("doc.content_item", lang, {"title": title_in(s, lang)}) for s in ctx.template.sections
    ]
    for line in listed(titles):
        add_paragraph(doc, ctx, line)
    add_heading(doc, ctx, "III", label("doc.h.results", lang))
    for n, line in enumerate(scores_by_section(ctx), 1):
        add_paragraph(doc, ctx, f"{n}. {line}")
    add_paragraph(doc, ctx, total_line(ctx, appendix=False))
    add_heading(doc, ctx, "IV", label("doc.h.unit_opinion", lang))
    for _ in range(3):
        add_paragraph(doc, ctx, "." * 110)
    add_heading(doc, ctx, "V", label("doc.h.delegation_conclusion", lang))
    add_paragraph(doc, ctx, label("doc.minutes.later", lang))
    closing = {"time": format_time(ctx.details.end_time, lang)}
    add_paragraph(doc, ctx, label("doc.minutes.closing", lang, closing))
    _signatures(doc, ctx)
    return doc


def _signatures(doc: Document, ctx: Context) -> None:
    """The unit's representative, the secretary who kept the minutes, and the leader."""
    lang = ctx.lang
    people = [p for p in ctx.record.representatives.values() if not p.removed]
    secretary = next((m for m in ctx.members_in_order() if m.role is Role.THU_KY), None)
    leader = ctx.leader()
    add_signers(
        doc,
        ctx,
        [
            ([label("doc.sign.unit", lang)], people[0].name if people else ""),
            ([label("doc.sign.secretary", lang)], secretary.name if secretary else ""),
            ([label("doc.sign.leader", lang)], leader.name if leader else ""),
        ],
        then_recipients=bool(ctx.details.distribution),
    )
