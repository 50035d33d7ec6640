"""The python-docx building blocks the documents are made of: page, paragraphs, rules, tables.

Every run is set in Times New Roman with the size and style of its element (`rules.Style`);
short rules are paragraph bottom borders narrowed by indents (as Decree 30 practice draws them),
never underlined text; two-column blocks are borderless tables.
"""

from __future__ import annotations

from docx import Document as new_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from checklists.documents.rules import Rules, Style

__all__ = [
    "FONT",
    "Container",
    "new_document",
    "add_text",
    "add_rule",
    "text_width_pt",
    "borderless_table",
    "grid_table",
    "restart_numbering",
    "keep_rows_whole",
    "repeat_header_row",
    "CENTER",
    "JUSTIFY",
    "LEFT",
]

FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT
Container = Document | _Cell


def new_document(rules: Rules) -> Document:
    """An empty A4 portrait document with the layout's margins and Times New Roman throughout
    (set once on the Normal style, for every script, which every paragraph and run inherits);
    page numbers centred in the top margin from page 2 (none on page 1)."""
    doc = new_docx()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = rules.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(10)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(rules.body.size)
    _all_scripts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(0)  # python-docx's template adds 8 pt
    normal.paragraph_format.line_spacing = 1.0
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = CENTER
    _page_field(number, rules.page_number)
    return doc


def _all_scripts(rpr: BaseOxmlElement) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _page_field(paragraph: Paragraph, style: Style) -> None:
    for kind, text in (("begin", ""), ("", "PAGE"), ("separate", ""), ("", "2"), ("end", "")):
        run = paragraph.add_run()
        _style_run(run, style)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            run.text = text


def _style_run(run: object, style: Style) -> None:
    # Only what differs from the Normal style (Times New Roman, not bold, not italic) is set:
    # python-docx is slow per property, and a 100-criterion report has over a thousand runs.
    font = run.font  # type: ignore[attr-defined]
    font.size = Pt(style.size)
    if style.bold:
        font.bold = True
    if style.italic:
        font.italic = True


def add_text(
    container: Container,
    text: str,
    style: Style,
    align: WD_ALIGN_PARAGRAPH = JUSTIFY,
    *,
    first_line_cm: float = 0,
    space_after: float = 0,
    space_before: float = 0,
    line_spacing: float = 1.0,
    keep_with_next: bool = False,
) -> Paragraph:
    """A paragraph of one run in the element's style (upper-cased where the style says so).

    The first paragraph of an empty table cell is reused, so cells hold no stray empty line.
    """
    paragraph = _fresh_paragraph(container)
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    if first_line_cm:
        fmt.first_line_indent = Cm(first_line_cm)
    fmt.space_after = Pt(space_after)
    if space_before:
        fmt.space_before = Pt(space_before)
    if line_spacing != 1.0:
        fmt.line_spacing = line_spacing
    if keep_with_next:
        fmt.keep_with_next = True
    shown = text.upper() if style.caps else text
    for i, line in enumerate(shown.split("\n")):
        run = paragraph.add_run(line)
        _style_run(run, style)
        if i < shown.count("\n"):
            run.add_break()
    return paragraph


def _fresh_paragraph(container: Container) -> Paragraph:
    """A new paragraph; in a table cell, its first (empty) paragraph is used first."""
    if isinstance(container, _Cell):
        paragraphs: list[Paragraph] = container.paragraphs
        if len(paragraphs) == 1 and not paragraphs[0].runs:
            return paragraphs[0]
    added: Paragraph = container.add_paragraph()
    return added


_NARROW = set(" .,;:-'()/*|!")


def text_width_pt(text: str, style: Style) -> float:
    """An estimate of the printed width of `text` in Times New Roman (capitals ~0.68 em, small
    letters ~0.46 em, punctuation and spaces ~0.27 em; bold 6% wider), for drawing rules."""
    shown = text.upper() if style.caps else text
    ems = sum(0.27 if c in _NARROW else 0.68 if c.isupper() else 0.46 for c in shown)
    return ems * style.size * (1.06 if style.bold else 1.0)


def add_rule(container: Container, length_pt: float, width_pt: float) -> Paragraph:
    """A solid rule `length_pt` long, centred in a column `width_pt` wide: an empty paragraph's
    bottom border, narrowed by equal left and right indents."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    side = max(0.0, (width_pt - length_pt) / 2)
    fmt.left_indent, fmt.right_indent = Pt(side), Pt(side)
    fmt.space_after = Pt(0)
    fmt.space_before = Pt(2)  # clear of the descenders of the line above
    fmt.line_spacing = Pt(2)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    return paragraph


def _table(container: Container, rows: int, widths_mm: tuple[float, ...], style: str) -> Table:
    table: Table = container.add_table(rows=rows, cols=len(widths_mm))
    table.style = style
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid LibreOffice and Word lay the table out by
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    return table


def borderless_table(container: Container, rows: int, widths_mm: tuple[float, ...]) -> Table:
    """A table with no borders (the header and signature blocks); in a cell, a nested one."""
    return _table(container, rows, widths_mm, "Normal Table")


def grid_table(doc: Document, rows: int, widths_mm: tuple[float, ...]) -> Table:
    """A table with single borders (the appendix)."""
    return _table(doc, rows, widths_mm, "Table Grid")


def restart_numbering(doc: Document) -> None:
    """Start a new section on a new page whose pages count again from 1, with no number on its
    first page (Decree 30: an appendix's pages are numbered on their own). The section keeps the
    page setup and the page-number header of the one before it."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = True
    numbering = section._sectPr.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        # Schema order: after the page size/margins/paper source/borders, before w:cols.
        cols = section._sectPr.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(numbering)
        else:
            section._sectPr.append(numbering)
    numbering.set(qn("w:start"), "1")


def keep_rows_whole(table: Table) -> None:
    """No row of the table is split across two pages (a signature block stays whole)."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def repeat_header_row(table: Table) -> None:
    """The first row is repeated at the top of every page the table runs onto."""
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
