"""The formatting rules of the two layouts, as data: Decree 30/2020/NĐ-CP and HD 36-HD/VPTW.

Each size and style is the one DOMAIN.md §2.4 / §2.5 gives for the element (where a range is
allowed, the value chosen is noted); the writer reads them from here, and the tests check the
generated documents against the same table, so a rule lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from checklists.record.model import DocumentKind, Layout

__all__ = ["Style", "Rules", "STATE", "PARTY", "rules_for", "TYPE_CODES", "authority_prefix"]


@dataclass(frozen=True)
class Style:
    """Size (pt) and style of one element."""

    size: float
    bold: bool = False
    italic: bool = False
    caps: bool = False


@dataclass(frozen=True)
class Rules:
    """Page and element rules of one layout."""

    layout: Layout
    margins_mm: tuple[float, float, float, float]
    """Top, bottom, left, right."""
    national: Style
    """Quốc hiệu (State) or "ĐẢNG CỘNG SẢN VIỆT NAM" (Party)."""
    motto: Style
    superior: Style
    issuing: Style
    number: Style
    place_date: Style
    doc_type: Style
    summary: Style
    basis: Style
    body: Style
    heading: Style
    signer_title: Style
    signer_name: Style
    recipients_label: Style
    recipients: Style
    page_number: Style
    table: Style
    first_line_indent_cm: float = 1.27
    space_after_pt: float = 6
    line_spacing: float = 1.15
    star_under_issuing: bool = False
    """HD 36 puts an asterisk under the issuing body's name."""
    number_colon: bool = True
    """Decree 30 writes "Số:"; the HD 36 copies show "Số" without a colon."""


_BODY = Style(14)
STATE = Rules(
    layout=Layout.STATE,
    margins_mm=(20, 20, 30, 15),  # top/bottom 20-25, left 30-35, right 15-20
    national=Style(13, bold=True, caps=True),  # 12-13
    motto=Style(14, bold=True),  # 13-14
    superior=Style(13, caps=True),  # 12-13, upright, not bold
    issuing=Style(13, bold=True, caps=True),  # 12-13
    number=Style(13),
    place_date=Style(14, italic=True),  # 13-14
    doc_type=Style(14, bold=True, caps=True),  # 13-14
    summary=Style(14, bold=True),
    basis=Style(14, italic=True),
    body=_BODY,
    heading=Style(14, bold=True, caps=True),
    signer_title=Style(14, bold=True, caps=True),
    signer_name=Style(14, bold=True),
    recipients_label=Style(12, bold=True, italic=True),
    recipients=Style(11),
    page_number=Style(14),
    table=Style(12),
)
PARTY = Rules(
    layout=Layout.PARTY,
    margins_mm=(20, 20, 30, 15),
    national=Style(15, bold=True, caps=True),  # 15-16
    motto=Style(15, bold=True),  # unused: the Party header has no motto
    superior=Style(14, caps=True),  # 13-14, not bold
    issuing=Style(14, bold=True, caps=True),  # 13-14
    number=Style(13),
    place_date=Style(14, italic=True),
    doc_type=Style(15, bold=True, caps=True),  # 15-16
    summary=Style(14, bold=True),
    basis=Style(14, italic=True),
    body=_BODY,
    heading=Style(14, bold=True, caps=True),
    signer_title=Style(14, bold=True, caps=True),
    signer_name=Style(14, bold=True),
    recipients_label=Style(12, bold=True, italic=True),
    recipients=Style(11),
    page_number=Style(14),
    table=Style(12),
    star_under_issuing=True,
    number_colon=False,
)

TYPE_CODES = {DocumentKind.MINUTES: "BB", DocumentKind.REPORT: "BC", DocumentKind.NOTICE: "TB"}
"""Abbreviations of the document types (Decree 30, Phụ lục III; the Party uses the same)."""

_PREFIXES = {
    "TM": ("TM.", "T/M"),
    "KT": ("KT.", "K/T"),
    "TL": ("TL.", "T/L"),
    "Q": ("Q.", "Q."),
    "TUQ": ("TUQ.", "TUQ."),
}


def rules_for(layout: Layout) -> Rules:
    """The rules of a layout."""
    return PARTY if layout is Layout.PARTY else STATE


def authority_prefix(given: str, layout: Layout) -> str:
    """The signer's authority prefix in the layout's own form: "KT." (Decree 30) is "K/T" in a
    Party document and the other way round; anything else is kept as typed."""
    key = given.strip().upper().replace("/", "").replace(".", "")
    forms = _PREFIXES.get(key)
    if forms is None:
        return given.strip()
    return forms[1] if layout is Layout.PARTY else forms[0]
