"""Thông báo kết luận (conclusion notice), DOMAIN §2.3c: the leader's conclusion in three parts.

1. Ghi nhận, đánh giá cao; 2. Hạn chế, tồn tại; 3. Đề nghị trong thời gian tới - the leader's
text where written (else the draft), then the closing formula, the signature and "Nơi nhận".
"""

from __future__ import annotations

from docx.document import Document

from checklists.conclusion.draft import name_in_sentence
from checklists.documents.context import Context
from checklists.documents.docx_kit import new_document
from checklists.documents.parts import (
    add_block,
    add_header,
    add_heading,
    add_paragraph,
    add_signature,
    add_title,
)
from checklists.record.model import ConclusionPart, DocumentKind
from checklists.record.paperwork import issuer_name
from checklists.text.format import format_date_long
from checklists.text.labels import label

__all__ = ["build_notice"]

_PARTS = (
    ("1", "doc.h.ack", ConclusionPart.ACKNOWLEDGEMENTS),
    ("2", "doc.h.lim", ConclusionPart.LIMITATIONS),
    ("3", "doc.h.rec", ConclusionPart.RECOMMENDATIONS),
)


def build_notice(ctx: Context) -> Document:
    """The conclusion notice as a DOCX document."""
    doc = new_document(ctx.rules)
    lang, details = ctx.lang, ctx.details
    leader = ctx.leader()
    leader_name = leader.name if leader else details.signer_name
    add_header(doc, ctx, DocumentKind.NOTICE)
    values = {"leader": leader_name, "programme": ctx.template.programme, "unit": ctx.unit()}
    add_title(doc, ctx, DocumentKind.NOTICE, label("doc.summary.notice", lang, values))
    written = format_date_long(ctx.record.header.inspection_date, lang)
    opening = {
        "date": written[:1].upper() + written[1:],
        "leader": leader_name,
        "position": leader.position if leader else "",
        "programme": ctx.template.programme,
        "unit": ctx.unit(),
    }
    sentences = [label("doc.notice.opening", lang, opening)]
    people = [p for p in ctx.record.representatives.values() if not p.removed]
    if people:
        names = "; ".join(", ".join(x for x in (p.name, p.position) if x) for p in people)
        sentences.append(label("doc.notice.attendees", lang, {"names": names}))
    organisation = details.unit_organisation or ctx.record.header.unit_name
    sentences.append(label("doc.notice.heard", lang, {"unit": name_in_sentence(organisation)}))
    add_paragraph(doc, ctx, " ".join(sentences))
    for mark, heading, part in _PARTS:
        add_heading(doc, ctx, mark, label(heading, lang), level=2)
        add_block(doc, ctx, ctx.texts[part])
    body = issuer_name(details) or ctx.record.header.lead_body
    add_paragraph(doc, ctx, label("doc.notice.closing", lang, {"body": body}))
    add_signature(doc, ctx)
    return doc
