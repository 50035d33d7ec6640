"""The two layouts element by element against DOMAIN.md §2.4 (Decree 30/2020) and §2.5 (HD 36):
sizes, styles and case of every header and footer element, the rules under them, number and date
forms, the appendices' own page numbers, and the English documents' words and number forms."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date

import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from checklists.documents.docx_kit import text_width_pt
from checklists.documents.parts import HEADER_WIDTHS_MM
from checklists.documents.rules import rules_for
from checklists.documents.writer import build_documents
from checklists.record.model import DocumentKind, Inspection, Layout
from checklists.record.paperwork import set_document_details
from checklists.record.sample import LEAD, SAMPLE_DOCUMENTS, build_sample_inspection
from checklists.template.catalog import get_template
from checklists.text.labels import LABELS, Lang

TEMPLATE_ID = ("cqtt-xa", 1)


def _record(layout: Layout, **changes: object) -> Inspection:
    details = {**SAMPLE_DOCUMENTS[layout], **changes}
    return set_document_details(build_sample_inspection(), author_id=LEAD, details=details)


@functools.cache
def _docs(layout: Layout, lang: Lang = "vi") -> dict[DocumentKind, Document]:
    record = _record(
        layout,
        numbers={DocumentKind.MINUTES: "3", DocumentKind.REPORT: "12", DocumentKind.NOTICE: "7"},
        issued_on=date(2024, 1, 5),
        distribution=("thành viên Đoàn kiểm tra", "- UBND phường Vĩnh Trại;", "Lưu: VT"),
    )
    return build_documents(record, get_template(*TEMPLATE_ID), layout, lang=lang)


def _cell_paragraphs(cell: _Cell) -> list[Paragraph]:
    return [p for p in cell.paragraphs if p.text]


def _look(paragraph: Paragraph) -> tuple[float, bool, bool]:
    runs = [r for r in paragraph.runs if r.text]
    looks = {(r.font.size.pt if r.font.size else 0.0, bool(r.font.bold), bool(r.font.italic))
             for r in runs}  # fmt: skip
    assert len(looks) == 1, (paragraph.text, looks)
    return looks.pop()


# (element, sizes allowed, bold, italic, in capitals) per layout, from DOMAIN.md's tables.
STATE_HEADER = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": ((12, 13), True, False, True),
    "Độc lập - Tự do - Hạnh phúc": ((13, 14), True, False, False),
    "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN": ((12, 13), False, False, True),
    "SỞ NỘI VỤ": ((12, 13), True, False, True),
    "Số: 07/TB-SNV": ((13, 13), False, False, False),
    "Lạng Sơn, ngày 05 tháng 01 năm 2024": ((13, 14), False, True, False),
}
PARTY_HEADER = {
    "ĐẢNG CỘNG SẢN VIỆT NAM": ((15, 16), True, False, True),
    "TỈNH ỦY LẠNG SƠN": ((13, 14), False, False, True),
    "BAN DÂN VẬN": ((13, 14), True, False, True),
    "*": ((13, 14), False, False, False),
    "Số 07-TB/BDVTU": ((13, 13), False, False, False),
    "Lạng Sơn, ngày 05 tháng 01 năm 2024": ((13, 14), False, True, False),
}


@pytest.mark.parametrize("layout", list(Layout), ids=lambda x: x.value)
def test_every_header_element_has_the_size_style_and_case_of_its_layout(layout: Layout) -> None:
    table = _docs(layout)[DocumentKind.NOTICE].tables[0]
    found = {
        p.text: p for cell in (table.cell(r, c) for r in (0, 1) for c in (0, 1)) for p in
        _cell_paragraphs(cell)
    }  # fmt: skip
    expected = PARTY_HEADER if layout is Layout.PARTY else STATE_HEADER
    assert set(found) == set(expected)  # nothing more: no motto in a Party header, no "*" in State
    for text, ((low, high), bold, italic, caps) in expected.items():
        size, is_bold, is_italic = _look(found[text])
        assert low <= size <= high, text
        assert (is_bold, is_italic) == (bold, italic), text
        assert (text == text.upper()) is caps or text == "*", text
        assert found[text].alignment == WD_ALIGN_PARAGRAPH.CENTER, text


def _rule_length_pt(paragraph: Paragraph, column_mm: float) -> float:
    column_pt = column_mm / 25.4 * 72 - 11.0  # less Word's default cell margins
    fmt = paragraph.paragraph_format
    assert fmt.left_indent == fmt.right_indent  # centred
    assert fmt.left_indent is not None
    return float(column_pt - 2 * fmt.left_indent.pt)


def _rules_after(cell: _Cell) -> dict[str, Paragraph]:
    """The rule paragraph under each text paragraph of a cell, by the text above it."""
    out, above = {}, ""
    for p in cell.paragraphs:
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None:
            out[above] = p
        elif p.text:
            above = p.text
    return out


@pytest.mark.parametrize("layout", list(Layout), ids=lambda x: x.value)
def test_the_header_rules_have_the_lengths_the_rules_give(layout: Layout) -> None:
    rules = rules_for(layout)
    table = _docs(layout)[DocumentKind.NOTICE].tables[0]
    right = _rules_after(table.cell(0, 1))
    left = _rules_after(table.cell(0, 0))
    if layout is Layout.PARTY:
        # "a solid rule below as long as the header"; no rule on the left: the "*" instead
        [(above, rule)] = right.items()
        assert above == "ĐẢNG CỘNG SẢN VIỆT NAM" and left == {}
        text = text_width_pt(above, rules.national)
    else:
        # under the motto, as long as the motto; under the issuing body, 1/3 to 1/2 of it
        [(above, rule)] = right.items()
        assert above == "Độc lập - Tự do - Hạnh phúc"
        text = text_width_pt(above, rules.motto)
        [(issuing, short)] = left.items()
        assert issuing == "SỞ NỘI VỤ"
        ratio = _rule_length_pt(short, HEADER_WIDTHS_MM[0]) / text_width_pt(issuing, rules.issuing)
        assert 1 / 3 <= ratio <= 1 / 2
    assert _rule_length_pt(rule, HEADER_WIDTHS_MM[1]) == pytest.approx(text, rel=0.01)


@pytest.mark.parametrize(
    "layout,kind,expected",
    [
        (Layout.STATE, DocumentKind.MINUTES, "Số: 03/BB-SNV"),
        (Layout.STATE, DocumentKind.REPORT, "Số: 12/BC-SNV"),
        (Layout.PARTY, DocumentKind.MINUTES, "Số 03-BB/BDVTU"),
        (Layout.PARTY, DocumentKind.REPORT, "Số 12-BC/BDVTU"),
    ],
)
def test_number_and_symbol_take_the_layouts_form_with_a_leading_zero(
    layout: Layout, kind: DocumentKind, expected: str
) -> None:
    assert _docs(layout)[kind].tables[0].cell(1, 0).paragraphs[0].text == expected


@pytest.mark.parametrize("layout", list(Layout), ids=lambda x: x.value)
def test_nơi_nhận_is_level_with_the_signer_and_each_recipient_starts_with_a_capital(
    layout: Layout,
) -> None:
    signature = _docs(layout)[DocumentKind.NOTICE].tables[-1]
    label, *recipients = _cell_paragraphs(signature.cell(0, 0))
    title = _cell_paragraphs(signature.cell(0, 1))[0]
    assert label.text == "Nơi nhận:"
    assert label.paragraph_format.space_before == title.paragraph_format.space_before
    assert label.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert [p.text for p in recipients] == [
        "- Thành viên Đoàn kiểm tra;",
        "- UBND phường Vĩnh Trại;",
        "- Lưu: VT.",
    ]
    prefix = "K/T" if layout is Layout.PARTY else "KT."
    assert title.text.startswith(prefix + " ")


def _numbering(doc: Document) -> list[tuple[str | None, bool]]:
    """Per section: the page number it starts at (None: continues) and whether page 1 of the
    section has its own (empty) header."""
    out = []
    for section in doc.sections:
        pg = section._sectPr.find(qn("w:pgNumType"))
        out.append((None if pg is None else pg.get(qn("w:start")),
                    section.different_first_page_header_footer))  # fmt: skip
    return out


def _page_field(paragraphs: list[Paragraph]) -> bool:
    return any("PAGE" in (t.text or "") for p in paragraphs for t in p._p.iter(qn("w:instrText")))


@pytest.mark.parametrize("layout", list(Layout), ids=lambda x: x.value)
def test_each_appendix_numbers_its_own_pages_from_one_with_none_on_its_first(
    layout: Layout,
) -> None:
    docs = _docs(layout)
    report = docs[DocumentKind.REPORT]
    assert _numbering(report) == [(None, True), ("1", True), ("1", True)]
    starts = [next(p.text for p in _section_paragraphs(report, i) if p.text) for i in range(1, 3)]
    assert starts == ["Phụ lục I", "Phụ lục II"]
    number = "số 12-BC/BDVTU" if layout is Layout.PARTY else "số 12/BC-SNV"
    attached = f"(Kèm theo Báo cáo {number} ngày 05 tháng 01 năm 2024)"
    assert [p.text for p in report.paragraphs].count(attached) == 2  # under each appendix title
    for section in report.sections:
        assert not _page_field(section.first_page_header.paragraphs)  # page 1: no number
        assert _page_field(section.header.paragraphs)  # later pages: centred number
    for kind in (DocumentKind.MINUTES, DocumentKind.NOTICE):
        assert _numbering(docs[kind]) == [(None, True)]


def _section_paragraphs(doc: Document, index: int) -> Iterator[Paragraph]:
    """The body paragraphs of section `index` (a section ends at a paragraph holding sectPr)."""
    current = 0
    for p in doc.paragraphs:
        if current == index:
            yield p
        if p._p.pPr is not None and p._p.pPr.find(qn("w:sectPr")) is not None:
            current += 1


FIXED_LABELS = [
    vi for code, (vi, en) in LABELS.items() if code.startswith("doc.") and "{" not in vi
]
"""The documents' own words that take no parameter: none may show in an English document."""


def _all_text(doc: Document) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
                for inner in cell.tables:
                    parts.extend(c.text for r in inner.rows for c in r.cells)
    return "\n".join(parts)


@pytest.mark.parametrize("layout", list(Layout), ids=lambda x: x.value)
def test_english_documents_have_english_labels_numbers_and_dates(layout: Layout) -> None:
    docs = _docs(layout, "en")
    for kind, doc in docs.items():
        lines = [line.strip() for line in _all_text(doc).splitlines() if line.strip()]
        shown = {line.upper() for line in lines}
        leaked = [vi for vi in FIXED_LABELS if vi.upper() in shown]
        assert leaked == [], (kind, leaked)
        starts = ("Số", "Kính gửi", "Căn cứ", "Nơi nhận", "Phụ lục", "Đồng chí", "Hôm nay")
        assert [x for x in lines if x.startswith(starts)] == [], kind
    notice = docs[DocumentKind.NOTICE]
    header = notice.tables[0]
    number = header.cell(1, 0).paragraphs[0].text
    assert number == ("No. 07-TB/BDVTU" if layout is Layout.PARTY else "No. 07/TB-SNV")
    assert header.cell(1, 1).paragraphs[0].text == "Lạng Sơn, 5 January 2024"
    national = "COMMUNIST PARTY OF VIET NAM" if layout is Layout.PARTY else (
        "SOCIALIST REPUBLIC OF VIET NAM")  # fmt: skip
    assert national in [p.text for p in header.cell(0, 1).paragraphs]
    assert "Recipients:" in _all_text(notice)
    report = docs[DocumentKind.REPORT]
    appendix = _all_text(report)
    assert "Appendix I" in appendix
    assert "(Attached to Report No. 12-BC/BDVTU of 5 January 2024)" in appendix or (
        "(Attached to Report No. 12/BC-SNV of 5 January 2024)" in appendix
    )
    scores = next(t for t in report.tables if t.rows[0].cells[0].text == "No.")
    a3 = next(r for r in scores.rows if r.cells[0].text == "A3")
    assert a3.cells[4].text == "5.5"  # the English decimal point, as the app shows it
    # the template's English labels, as the app shows them
    template = get_template(*TEMPLATE_ID)
    assert a3.cells[1].text == template.criterion("A3").label_en
    assert scores.rows[-1].cells[2].text == "Good"
    assert "rated Good" in appendix
    first = template.sections[0]
    heading = next(p for p in report.paragraphs if p.text == f"1. {first.title_en}")
    following = report.paragraphs[[p._p for p in report.paragraphs].index(heading._p) + 1]
    assert following.text == "The delegation gave 18 of 20 points; the unit gave itself 20."
    assert "On 24 November 2023, the delegation" in _all_text(notice)
