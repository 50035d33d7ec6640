"""Báo cáo kết quả kiểm tra (the delegation's report to whoever issued the decision), DOMAIN §2.3b.

I. results per group of criteria with their figures and notes, and the score; II. the overall
assessment (the conclusion's acknowledgements and limitations); III. recommendations; then the
score table and the evidence photos as appendices.
"""

from __future__ import annotations

from docx.document import Document

from checklists.documents.appendix import add_appendices
from checklists.documents.context import Context
from checklists.documents.docx_kit import CENTER, add_text, new_document
from checklists.documents.parts import (
    add_block,
    add_header,
    add_heading,
    add_paragraph,
    add_signature,
    add_title,
)
from checklists.documents.text import (
    basis_phrases,
    criterion_lines,
    scores_by_section,
    title_in,
    total_line,
)
from checklists.record.model import ConclusionPart, DocumentKind
from checklists.text.format import format_date_long
from checklists.text.labels import label

__all__ = ["build_report"]


def build_report(ctx: Context) -> Document:
    """The delegation's report as a DOCX document, with its appendices."""
    doc = new_document(ctx.rules)
    lang, details = ctx.lang, ctx.details
    programme = ctx.template.programme
    add_header(doc, ctx, DocumentKind.REPORT)
    summary = label("doc.summary.report", lang, {"programme": programme, "unit": ctx.unit()})
    add_title(doc, ctx, DocumentKind.REPORT, summary)
    if details.addressee:
        add_text(
            doc,
            label("doc.to", lang, {"to": details.addressee}),
            ctx.rules.body,
            CENTER,
            space_after=12,
        )
    leader = ctx.leader()
    bases = basis_phrases(ctx)
    opening = {
        "basis": "; ".join(bases) if bases else label("doc.report.basis_none", lang),
        "date": format_date_long(ctx.record.header.inspection_date, lang),
        "leader": leader.name if leader else details.signer_name,
        "position": leader.position if leader else "",
        "programme": programme,
        "unit": ctx.unit(),
        "checklist": title_in(ctx.template, lang),
    }
    add_paragraph(doc, ctx, label("doc.report.opening", lang, opening))
    add_heading(doc, ctx, "I", label("doc.h.results", lang))
    lines = scores_by_section(ctx)
    for n, (section, line) in enumerate(zip(ctx.template.sections, lines, strict=True), 1):
        title = title_in(section, lang)
        add_heading(doc, ctx, str(n), title, level=2)
        score = line.removeprefix(f"{title}: ")  # the title is the heading above (it may hold ": ")
        add_paragraph(doc, ctx, score[:1].upper() + score[1:])
        for criterion in criterion_lines(ctx, section.id):
            add_paragraph(doc, ctx, criterion)
    add_heading(doc, ctx, str(len(lines) + 1), label("doc.h.rating", lang), level=2)
    add_paragraph(doc, ctx, total_line(ctx))
    add_heading(doc, ctx, "II", label("doc.h.general", lang))
    add_heading(doc, ctx, "1", label("doc.h.strengths", lang), level=2)
    add_block(doc, ctx, ctx.texts[ConclusionPart.ACKNOWLEDGEMENTS])
    add_heading(doc, ctx, "2", label("doc.h.weaknesses", lang), level=2)
    add_block(doc, ctx, ctx.texts[ConclusionPart.LIMITATIONS])
    add_heading(doc, ctx, "III", label("doc.h.proposals", lang))
    add_block(doc, ctx, ctx.texts[ConclusionPart.RECOMMENDATIONS])
    extra = (label("doc.as_above", lang),) if details.addressee else ()
    add_signature(doc, ctx, extra)
    add_appendices(doc, ctx, DocumentKind.REPORT)
    return doc
