"""The parts every document shares: the two-column header, the title, body text, headings, the
signature block and "Nơi nhận", each laid out by the layout's rules (`checklists.documents.rules`).
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Pt
from docx.table import _Cell

from checklists.documents.context import Context
from checklists.documents.docx_kit import (
    CENTER,
    JUSTIFY,
    LEFT,
    add_rule,
    add_text,
    borderless_table,
    keep_rows_whole,
    text_width_pt,
)
from checklists.documents.rules import Style, authority_prefix
from checklists.documents.text import number_line
from checklists.record.model import DocumentKind, Layout
from checklists.text.format import format_place_date
from checklists.text.labels import label

__all__ = [
    "HEADER_WIDTHS_MM",
    "SIGNATURE_WIDTHS_MM",
    "add_header",
    "add_title",
    "add_paragraph",
    "add_heading",
    "add_block",
    "add_signature",
    "signer_lines",
    "recipient_lines",
    "add_signers",
    "add_recipients",
]

HEADER_WIDTHS_MM = (64.0, 106.0)
"""Agency column and Quốc hiệu column (a little wider than the 165 mm text, as is usual)."""
SIGNATURE_WIDTHS_MM = (80.0, 85.0)
_CELL_PADDING_PT = 11.0  # Word's default left + right cell margins (0.19 cm each)
_SIGN_SPACE_LINES = 4
_SIGN_SPACE_BEFORE = 6.0


def _column_pt(width_mm: float) -> float:
    return width_mm / 25.4 * 72 - _CELL_PADDING_PT


def add_header(doc: Document, ctx: Context, kind: DocumentKind) -> None:
    """The borderless two-column header: bodies and number on the left; Quốc hiệu and Tiêu ngữ
    (State) or "ĐẢNG CỘNG SẢN VIỆT NAM" (Party) and the place/date line on the right."""
    rules, details = ctx.rules, ctx.details
    table = borderless_table(doc, 2, HEADER_WIDTHS_MM)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left_pt, right_pt = (_column_pt(w) for w in HEADER_WIDTHS_MM)
    if details.superior_body:
        superior = _fit(details.superior_body, rules.superior, left_pt)
        add_text(left, superior, rules.superior, CENTER)
    issuing = details.issuing_body or ctx.record.header.lead_body
    add_text(left, issuing, rules.issuing, CENTER)
    if rules.star_under_issuing:
        add_text(left, "*", Style(rules.issuing.size), CENTER)
    else:
        length = text_width_pt(issuing, rules.issuing) * 0.4
        add_rule(left, min(length, left_pt * 0.5), left_pt)
    if ctx.layout is Layout.PARTY:
        party = label("doc.party", ctx.lang)
        add_text(right, party, rules.national, CENTER)
        add_rule(right, min(text_width_pt(party, rules.national), right_pt), right_pt)
    else:
        add_text(right, label("doc.national", ctx.lang), rules.national, CENTER)
        motto = label("doc.motto", ctx.lang)
        add_text(right, motto, rules.motto, CENTER)
        add_rule(right, min(text_width_pt(motto, rules.motto), right_pt), right_pt)
    add_text(table.cell(1, 0), number_line(ctx, kind), rules.number, CENTER, space_before=6)
    if kind is not DocumentKind.MINUTES:  # Mẫu 1.9: minutes carry time and place in the body
        date_line = format_place_date(details.place_name, ctx.issued_on, ctx.lang)
        add_text(table.cell(1, 1), date_line, rules.place_date, CENTER, space_before=6)


_LEVEL_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")


def _fit(text: str, style: Style, width_pt: float) -> str:
    """A body's name too wide for its column, broken before its place ("ỦY BAN NHÂN DÂN" /
    "TỈNH LẠNG SƠN") rather than wherever the line runs out."""
    if text_width_pt(text, style) <= width_pt:
        return text
    lowered = text.lower()
    for word in _LEVEL_WORDS:
        at = lowered.find(" " + word + " ")
        if at > 0:
            return text[:at] + "\n" + text[at + 1 :]
    return text


def add_title(doc: Document, ctx: Context, kind: DocumentKind, summary: str) -> None:
    """Document type (IN HOA, bold) and the summary line (bold) centred, a short rule below."""
    rules = ctx.rules
    add_text(
        doc, label(f"doc.type.{kind.value}", ctx.lang), rules.doc_type, CENTER, space_before=18
    )
    add_text(doc, summary, rules.summary, CENTER)
    text_pt = (165 / 25.4) * 72
    length = min(text_width_pt(summary, rules.summary), text_pt) * 0.35
    rule = add_rule(doc, max(length, 60.0), text_pt)
    rule.paragraph_format.space_after = Pt(12)


def add_paragraph(
    doc: Document | _Cell, ctx: Context, text: str, style: Style | None = None
) -> None:
    """A body paragraph: justified, first-line indent, at least 6 pt after, 1.15 line spacing."""
    rules = ctx.rules
    add_text(
        doc,
        text,
        style or rules.body,
        JUSTIFY,
        first_line_cm=rules.first_line_indent_cm,
        space_after=rules.space_after_pt,
        line_spacing=rules.line_spacing,
    )


def add_heading(doc: Document, ctx: Context, mark: str, text: str, *, level: int = 1) -> None:
    """ "I. KẾT QUẢ KIỂM TRA" (level 1, IN HOA bold) or "1. Ghi nhận" (level 2, bold)."""
    rules = ctx.rules
    style = rules.heading if level == 1 else Style(rules.body.size, bold=True)
    shown = text.upper() if level == 1 else text
    add_text(
        doc,
        f"{mark}. {shown}",
        style,
        JUSTIFY,
        first_line_cm=rules.first_line_indent_cm,
        space_after=rules.space_after_pt,
        space_before=rules.space_after_pt,
        line_spacing=rules.line_spacing,
        keep_with_next=True,
    )


def add_block(doc: Document, ctx: Context, text: str) -> None:
    """A conclusion block: one paragraph a line ("- ..." lines keep their dash)."""
    for line in text.splitlines():
        if line.strip():
            add_paragraph(doc, ctx, line.strip())


def signer_lines(ctx: Context) -> list[str]:
    """The signer's title lines: "K/T TRƯỞNG BAN" then "PHÓ TRƯỞNG BAN", or just the position."""
    details = ctx.details
    position = details.signer_position or label("doc.sign.leader", ctx.lang)
    prefix = authority_prefix(details.signer_authority, ctx.layout)
    if prefix and details.signer_on_behalf:
        return [f"{prefix} {details.signer_on_behalf}", position]
    if prefix:
        return [f"{prefix} {position}"]
    return [position]


def recipient_lines(ctx: Context, extra_first: tuple[str, ...] = ()) -> list[str]:
    """ "- X;" per recipient, the last one ending with "." (Decree 30, box 9b)."""
    names = [*extra_first, *(n for n in ctx.details.distribution if n.strip())]
    cleaned = [n.strip().lstrip("-").rstrip(";.").strip() for n in names]
    cleaned = [n[:1].upper() + n[1:] for n in cleaned]  # each line starts with a capital
    return [f"- {n}{'.' if i == len(cleaned) - 1 else ';'}" for i, n in enumerate(cleaned)]


def _sign(cell: _Cell, ctx: Context, titles: list[str], name: str) -> None:
    _titles(cell, ctx, titles)
    _name(cell, ctx, name)


def _titles(cell: _Cell, ctx: Context, titles: list[str]) -> None:
    for title in titles:
        add_text(cell, title, ctx.rules.signer_title, CENTER)


def _name(cell: _Cell, ctx: Context, name: str) -> None:
    for _ in range(_SIGN_SPACE_LINES):  # room for the signature and the seal
        add_text(cell, "", ctx.rules.body, CENTER)
    add_text(cell, name, ctx.rules.signer_name, CENTER)


def add_signature(doc: Document, ctx: Context, extra_recipients: tuple[str, ...] = ()) -> None:
    """The borderless footer table: "Nơi nhận" flush left, the signer's block on the right."""
    _keep_with_table(doc)
    table = borderless_table(doc, 1, SIGNATURE_WIDTHS_MM)
    keep_rows_whole(table)
    left, right = table.cell(0, 0), table.cell(0, 1)
    add_recipients(left, ctx, extra_recipients, space_before=_SIGN_SPACE_BEFORE)
    _sign(right, ctx, signer_lines(ctx), ctx.details.signer_name)
    # "Nơi nhận:" level with the signer's title (Decree 30, box 9b).
    right.paragraphs[0].paragraph_format.space_before = Pt(_SIGN_SPACE_BEFORE)


def add_recipients(
    container: Document | _Cell,
    ctx: Context,
    extra_first: tuple[str, ...] = (),
    *,
    space_before: float = 12,
) -> None:
    """ "Nơi nhận:" (12, bold italic) flush left, then one recipient a line (11)."""
    rules, lines = ctx.rules, recipient_lines(ctx, extra_first)
    heading = label("doc.recipients", ctx.lang)
    add_text(
        container,
        heading,
        rules.recipients_label,
        LEFT,
        space_before=space_before,
        keep_with_next=True,
    )
    for i, line in enumerate(lines):  # the list stays together, under its heading
        add_text(container, line, rules.recipients, LEFT, keep_with_next=i < len(lines) - 1)


def _keep_with_table(doc: Document) -> None:
    # The closing paragraph goes to the next page with the signature, never apart from it.
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True


def add_signers(
    doc: Document, ctx: Context, signers: list[tuple[list[str], str]], *, then_recipients: bool
) -> None:
    """Signers side by side, in equal columns (the minutes: unit, secretary, leader), with the
    "Nơi nhận" below them; the whole block is one unsplittable row, so it moves to a new page
    as one piece, with the closing line above it."""
    _keep_with_table(doc)
    total = sum(SIGNATURE_WIDTHS_MM)
    outer = borderless_table(doc, 1, (total,))
    keep_rows_whole(outer)
    block = outer.cell(0, 0)
    width = (total - 4) / len(signers)  # inside the outer cell and its padding
    # Titles in the first row, names in the second, aligned at the bottom: a name that wraps
    # in its narrow column ends on the same line as the others.
    inner = borderless_table(block, 2, tuple(width for _ in signers))
    for column, (titles, name) in enumerate(signers):
        _titles(inner.cell(0, column), ctx, titles)
        named = inner.cell(1, column)
        _name(named, ctx, name)
        named.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    if then_recipients:
        add_recipients(block, ctx)
