"""The generated DOCX files, opened with python-docx and checked against DOMAIN.md §2.4 / §2.5:
page, margins, fonts, the header of each layout, number and date forms, headings, signature,
"Nơi nhận", and an appendix whose totals are the scoring engine's."""

from __future__ import annotations

import functools
import struct
import zlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph

from checklists.documents.rules import authority_prefix
from checklists.documents.writer import build_documents, write_documents
from checklists.record.editing import assess
from checklists.record.model import DocumentKind, Inspection, Layout, Photo, Value
from checklists.record.paperwork import set_document_details
from checklists.record.photos import add_photo
from checklists.record.sample import (
    DEPUTY,
    LEAD,
    MEMBER_1,
    MEMBER_2,
    SAMPLE_DOCUMENTS,
    build_sample_inspection,
    with_sample_documents,
)
from checklists.scoring.engine import score_inspection
from checklists.template.catalog import get_template
from checklists.text.format import format_number

TEMPLATE = get_template("cqtt-xa", 1)
AUTHORS = {"lead-deputy": DEPUTY, "member-2": MEMBER_2}  # the two who score section C


def _png() -> bytes:
    """A valid 2x2 PNG (python-docx reads its header to size the picture)."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + (chunk(b"IEND", b""))
    )


PNG = _png()


def _with_photos(record: Inspection) -> Inspection:
    for n, (criterion, include, sha) in enumerate(
        [("C4", True, "aa"), ("", True, "bb"), ("B2", False, "cc"), ("C1", True, "dd")]
    ):
        record = add_photo(
            record,
            author_id=MEMBER_1,
            sha256=sha * 32,
            criterion_id=criterion,
            caption=f"Ảnh {n + 1}",
            taken_at=datetime(2023, 11, 24, 3, tzinfo=UTC),
            include_in_report=include,
        )
    return record


def _reader(photo: Photo) -> bytes | None:
    return None if photo.sha256.startswith("dd") else PNG  # the C1 photo is not on the device


@functools.cache
def _built(layout: Layout) -> dict[DocumentKind, Document]:
    record = _with_photos(with_sample_documents(build_sample_inspection(), layout))
    return build_documents(record, TEMPLATE, layout, _reader)


@pytest.fixture(params=list(Layout), ids=lambda x: x.value)
def built(request: pytest.FixtureRequest) -> tuple[Layout, dict[DocumentKind, Document]]:
    layout: Layout = request.param
    return layout, _built(layout)


def _paragraphs(doc: Document) -> Iterator[Paragraph]:
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _find(doc: Document, text: str) -> Paragraph:
    found = [p for p in _paragraphs(doc) if p.text == text]
    assert found, f"no paragraph reads {text!r}"
    return found[0]


def _look(paragraph: Paragraph) -> tuple[float, bool, bool]:
    """(size in pt, bold, italic) of a paragraph whose runs all share them."""
    runs = [r for r in paragraph.runs if r.text]
    looks = {
        (r.font.size.pt if r.font.size else 0, bool(r.font.bold), bool(r.font.italic)) for r in runs
    }
    assert len(looks) == 1, looks
    return looks.pop()


def _mm(length: Length | None) -> float:
    assert length is not None
    return round(length.mm, 1)


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_every_document_is_a4_portrait_within_the_decree_margins(
    built: tuple[Layout, dict[DocumentKind, Document]], kind: DocumentKind
) -> None:
    section = built[1][kind].sections[0]
    assert (_mm(section.page_width), _mm(section.page_height)) == (210.0, 297.0)
    assert 20 <= _mm(section.top_margin) <= 25
    assert 20 <= _mm(section.bottom_margin) <= 25
    assert 30 <= _mm(section.left_margin) <= 35
    assert 15 <= _mm(section.right_margin) <= 20


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_every_run_is_times_new_roman(
    built: tuple[Layout, dict[DocumentKind, Document]], kind: DocumentKind
) -> None:
    doc = built[1][kind]
    styles = {p.style.name for p in _paragraphs(doc)}
    assert styles <= {"Normal"}, styles  # every paragraph inherits the Normal style's font
    fonts = {r.font.name for p in _paragraphs(doc) for r in p.runs if r.text}
    assert fonts <= {None, "Times New Roman"}  # none overrides it
    assert doc.styles["Normal"].font.name == "Times New Roman"
    rfonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:hAnsi")) == rfonts.get(qn("w:eastAsia")) == "Times New Roman"


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_page_numbers_start_on_page_two_centred_in_the_top_margin(
    built: tuple[Layout, dict[DocumentKind, Document]], kind: DocumentKind
) -> None:
    section = built[1][kind].sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in "".join(t.text for t in header._p.iter(qn("w:instrText")))
    assert {r.font.size.pt for r in header.runs} <= {13.0, 14.0}


def _header(doc: Document) -> Table:
    table = doc.tables[0]
    assert table.style.name == "Normal Table"  # borderless
    return table


def test_the_state_header_has_the_national_title_motto_bodies_number_and_date() -> None:
    docs = _built(Layout.STATE)
    table = _header(docs[DocumentKind.NOTICE])
    left = [p for p in table.cell(0, 0).paragraphs if p.text]
    right = [p for p in table.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in left] == ["ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN", "SỞ NỘI VỤ"]
    assert _look(left[0])[1:] == (False, False) and 12 <= _look(left[0])[0] <= 13
    assert _look(left[1])[1] is True and 12 <= _look(left[1])[0] <= 13
    assert [p.text for p in right] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert 12 <= _look(right[0])[0] <= 13 and _look(right[0])[1]
    assert 13 <= _look(right[1])[0] <= 14 and _look(right[1])[1]
    number = table.cell(1, 0).paragraphs[0]
    assert number.text == "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/TB-SNV"
    assert _look(number) == (13.0, False, False)
    dated = table.cell(1, 1).paragraphs[0]
    assert dated.text == "Lạng Sơn, ngày 28 tháng 11 năm 2023"
    size, bold, italic = _look(dated)
    assert 13 <= size <= 14 and italic and not bold


def test_the_party_header_has_the_party_title_a_star_and_a_hyphenated_number() -> None:
    docs = _built(Layout.PARTY)
    table = _header(docs[DocumentKind.REPORT])
    left = [p.text for p in table.cell(0, 0).paragraphs if p.text]
    right = [p for p in table.cell(0, 1).paragraphs if p.text]
    assert left == ["TỈNH ỦY LẠNG SƠN", "BAN DÂN VẬN", "*"]
    assert [p.text for p in right] == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert 15 <= _look(right[0])[0] <= 16 and _look(right[0])[1]
    assert table.cell(1, 0).paragraphs[0].text.startswith("Số \u00a0")
    assert table.cell(1, 0).paragraphs[0].text.endswith("-BC/BDVTU")
    assert "CỘNG HÒA" not in "".join(p.text for p in _paragraphs(docs[DocumentKind.REPORT]))


def _has_bottom_rule(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn("w:pBdr")) is not None


def test_short_rules_are_borders_under_the_motto_and_issuing_body_never_underlines(
    built: tuple[Layout, dict[DocumentKind, Document]],
) -> None:
    layout, docs = built
    doc = docs[DocumentKind.NOTICE]
    table = _header(doc)
    right_rules = [p for p in table.cell(0, 1).paragraphs if _has_bottom_rule(p)]
    assert len(right_rules) == 1
    left_rules = [p for p in table.cell(0, 0).paragraphs if _has_bottom_rule(p)]
    assert len(left_rules) == (0 if layout is Layout.PARTY else 1)
    for rule in left_rules:  # 1/3 to 1/2 of the issuing body's name, centred by equal indents
        fmt = rule.paragraph_format
        assert fmt.left_indent == fmt.right_indent and fmt.left_indent.pt > 40
    assert not any(r.font.underline for p in _paragraphs(doc) for r in p.runs)


@pytest.mark.parametrize(
    "kind,doc_type,summary_start",
    [
        (DocumentKind.MINUTES, "BIÊN BẢN KIỂM TRA", "Việc thực hiện Đề án"),
        (DocumentKind.REPORT, "BÁO CÁO", "Kết quả kiểm tra việc thực hiện Đề án"),
        (DocumentKind.NOTICE, "THÔNG BÁO", "Kết luận của đồng chí Nguyễn Khắc Phương, Trưởng đoàn"),
    ],
)
def test_the_type_and_summary_are_bold_and_centred_with_the_layouts_sizes(
    built: tuple[Layout, dict[DocumentKind, Document]],
    kind: DocumentKind,
    doc_type: str,
    summary_start: str,
) -> None:
    layout, docs = built
    paragraphs = docs[kind].paragraphs
    [title] = [p for p in paragraphs if p.text == doc_type]
    summary = _next(paragraphs, title)
    size, bold, _ = _look(title)
    assert bold and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert (15 <= size <= 16) if layout is Layout.PARTY else (13 <= size <= 14)
    assert summary.text.startswith(summary_start)
    assert summary.text.endswith("tại phường Vĩnh Trại, thành phố Lạng Sơn")
    assert _look(summary)[:2] == (14.0, True)


def _next(paragraphs: list[Paragraph], after: Paragraph) -> Paragraph:
    index = [p._p for p in paragraphs].index(after._p)
    return paragraphs[index + 1]


def test_body_text_is_justified_indented_and_spaced(
    built: tuple[Layout, dict[DocumentKind, Document]],
) -> None:
    doc = built[1][DocumentKind.NOTICE]
    body = _find(doc, "3. Đề nghị trong thời gian tới")
    text = _next(doc.paragraphs, body)
    assert text.text.startswith("Ban Chỉ đạo thành phố và các phường, xã tiếp tục tuyên truyền")
    fmt = text.paragraph_format
    assert text.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(fmt.first_line_indent.cm, 2) in (1.0, 1.27)
    assert fmt.space_after.pt >= 6 and 1.0 <= fmt.line_spacing <= 1.5
    assert _look(text) == (14.0, False, False)


@pytest.mark.parametrize(
    "kind,headings",
    [
        (
            DocumentKind.MINUTES,
            [
                "I. THÀNH PHẦN",
                "II. NỘI DUNG KIỂM TRA",
                "III. KẾT QUẢ KIỂM TRA",
                "IV. Ý KIẾN CỦA ĐƠN VỊ ĐƯỢC KIỂM TRA",
                "V. KẾT LUẬN CỦA ĐOÀN KIỂM TRA",
            ],
        ),
        (
            DocumentKind.REPORT,
            ["I. KẾT QUẢ KIỂM TRA", "II. ĐÁNH GIÁ CHUNG", "III. ĐỀ XUẤT, KIẾN NGHỊ"],
        ),
        (
            DocumentKind.NOTICE,
            ["1. Ghi nhận, đánh giá cao", "2. Hạn chế, tồn tại", "3. Đề nghị trong thời gian tới"],
        ),
    ],
)
def test_section_headings_are_numbered_bold_and_in_order(
    built: tuple[Layout, dict[DocumentKind, Document]], kind: DocumentKind, headings: list[str]
) -> None:
    doc = built[1][kind]
    texts = [p.text for p in doc.paragraphs]
    positions = [texts.index(h) for h in headings]
    assert positions == sorted(positions)
    for heading in headings:
        assert _look(_find(doc, heading))[1] is True


def test_the_signature_uses_the_layouts_authority_prefix_and_nơi_nhận_its_sizes(
    built: tuple[Layout, dict[DocumentKind, Document]],
) -> None:
    layout, docs = built
    doc = docs[DocumentKind.NOTICE]
    signature = doc.tables[-1]
    right = [p for p in signature.cell(0, 1).paragraphs if p.text]
    if layout is Layout.PARTY:
        assert [p.text for p in right] == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Khắc Phương"]
    else:
        assert [p.text for p in right] == [
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Lê Văn Thành (minh họa)",
        ]
    assert all(_look(p)[:2] == (14.0, True) for p in right)
    left = [p for p in signature.cell(0, 0).paragraphs if p.text]
    assert left[0].text == "Nơi nhận:" and _look(left[0]) == (12.0, True, True)
    expected = list(SAMPLE_DOCUMENTS[layout]["distribution"])  # type: ignore[call-overload]
    assert [p.text for p in left[1:]] == [f"- {n};" for n in expected[:-1]] + [f"- {expected[-1]}."]
    assert {_look(p) for p in left[1:]} == {(11.0, False, False)}


def test_the_report_to_a_superior_has_kính_gửi_and_như_trên_first_in_nơi_nhận(
    built: tuple[Layout, dict[DocumentKind, Document]],
) -> None:
    layout, docs = built
    doc = docs[DocumentKind.REPORT]
    addressee = SAMPLE_DOCUMENTS[layout]["addressee"]
    _find(doc, f"Kính gửi: {addressee}.")
    left = [p.text for p in doc.tables[-3].cell(0, 0).paragraphs if p.text]
    assert left[:2] == ["Nơi nhận:", "- Như trên;"]


def test_the_minutes_carry_time_and_place_in_the_body_and_three_signers(
    built: tuple[Layout, dict[DocumentKind, Document]],
) -> None:
    doc = built[1][DocumentKind.MINUTES]
    assert not [p.text for p in _header(doc).cell(1, 1).paragraphs if p.text]  # no date line
    opening = next(p.text for p in doc.paragraphs if p.text.startswith("Hôm nay"))
    assert opening.startswith("Hôm nay, vào hồi 08 giờ 00 ngày 24 tháng 11 năm 2023, tại Trụ sở")
    closing = next(p.text for p in doc.paragraphs if p.text.startswith("Biên bản kết thúc"))
    assert closing.startswith("Biên bản kết thúc vào hồi 11 giờ 30 cùng ngày")
    block = doc.tables[-1].cell(0, 0)  # one unsplittable block: signers, then Nơi nhận
    inner = block.tables[0]
    signers = [
        [p.text for c in column.cells for p in c.paragraphs if p.text] for column in inner.columns
    ]
    # names in a row of their own, aligned at its bottom, so a wrapped name ends level
    assert {c.vertical_alignment for c in inner.rows[1].cells} == {
        WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    }
    assert signers == [
        ["ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA", "Phạm Công Cường"],
        ["THƯ KÝ", "Nông Thị Hoa (minh họa)"],
        ["TRƯỞNG ĐOÀN KIỂM TRA", "Nguyễn Khắc Phương"],
    ]
    assert [p.text for p in block.paragraphs if p.text][0] == "Nơi nhận:"


def _score_table(doc: Document) -> Table:
    [table] = [t for t in doc.tables if t.rows[0].cells[0].text == "TT" and len(t.columns) == 6]
    return table


def _appendix_totals(doc: Document) -> dict[str, str]:
    rows = {}
    for row in _score_table(doc).rows[1:]:
        cells = [c.text for c in row.cells]
        rows[cells[0] or cells[1]] = cells[4]
    return rows


def test_the_appendix_totals_are_the_scoring_engines(
    built: tuple[Layout, dict[DocumentKind, Document]],
) -> None:
    doc = built[1][DocumentKind.REPORT]
    report = score_inspection(TEMPLATE, build_sample_inspection())
    rows = _appendix_totals(doc)
    for section in report.sections:
        assert rows[section.id] == format_number(section.raw_points, 2)
    for result in report.criteria:
        assert rows[result.id] == format_number(result.points, 2)  # type: ignore[arg-type]
    assert rows["Tổng cộng"] == format_number(report.final_total, 2) == "93"
    last = [c.text for c in _score_table(doc).rows[-1].cells]
    assert last[1] == "Xếp loại" and last[2] == "Tốt"
    assert rows["A3"] == "5,5"  # the leader's decision, not either member's value


def test_appendix_totals_follow_the_engine_when_scores_change_and_a_criterion_is_na() -> None:
    record = with_sample_documents(build_sample_inspection(), Layout.STATE)
    na = Value(not_applicable=True)
    for author in ("lead-deputy", "member-2"):
        record = assess(
            record, author_id=AUTHORS[author], criterion_id="C5", value=na, note="Không phát sinh"
        )
    record = set_document_details(
        record,
        author_id=LEAD,
        details={**SAMPLE_DOCUMENTS[Layout.STATE], "numbers": {"report": "5"}},
    )
    report = score_inspection(TEMPLATE, record)
    doc = build_documents(record, TEMPLATE, Layout.STATE, kinds=(DocumentKind.REPORT,))[
        DocumentKind.REPORT
    ]
    rows = _appendix_totals(doc)
    c = next(s for s in report.sections if s.id == "C")
    assert rows["C"] == f"{format_number(c.raw_points, 2)} ({format_number(c.scaled_points, 2)})"
    assert rows["C"] == "16 (19,05)"  # 16 of the 21 points that still apply, scaled to 25
    assert rows["C5"] == "Không áp dụng"
    assert rows["Tổng cộng"] == format_number(report.final_total, 2)
    assert report.final_total != 93
    assert _header(doc).cell(1, 0).paragraphs[0].text == "Số: 05/BC-SNV"


def test_the_evidence_list_shows_only_photos_marked_for_the_report(
    built: tuple[Layout, dict[DocumentKind, Document]],
) -> None:
    doc = built[1][DocumentKind.REPORT]
    [table] = [t for t in doc.tables if len(t.columns) == 3 and t.rows[0].cells[0].text == "TT"]
    captions = [row.cells[2].paragraphs[0].text for row in table.rows[1:]]
    assert captions == ["Ảnh 2", "Ảnh 4", "Ảnh 1"]  # general first, then C1, C4; B2 left out
    pictures = [len(row.cells[1]._tc.findall(".//" + qn("w:drawing"))) for row in table.rows[1:]]
    assert pictures == [1, 0, 1]  # the C1 photo's bytes are not on the device
    assert table.rows[2].cells[1].paragraphs[-1].text == "(tệp ảnh không có trên máy)"
    assert table.rows[3].cells[2].paragraphs[1].text.startswith("C4. Cơ sở vật chất")


def test_a_record_without_a_documents_form_gets_the_defaults(tmp_path: Path) -> None:
    record = build_sample_inspection()
    paths = write_documents(record, TEMPLATE, None, None, tmp_path / "out")
    assert sorted(p.name.split("-party-")[0] for p in paths.values()) == [
        "bao-cao-ket-qua-kiem-tra",
        "bien-ban-kiem-tra",
        "thong-bao-ket-luan",
    ]
    notice = docx.Document(str(paths[DocumentKind.NOTICE]))
    left = [p.text for p in notice.tables[0].cell(0, 0).paragraphs if p.text]
    assert left == ["TỈNH ỦY LẠNG SƠN", "BAN DÂN VẬN", "*"]
    date_line = notice.tables[0].cell(1, 1).paragraphs[0].text
    assert date_line == "Lạng Sơn, ngày 24 tháng 11 năm 2023"  # the inspection date
    signer = [p.text for p in notice.tables[-1].cell(0, 1).paragraphs if p.text]
    assert signer == ["T/M ĐOÀN KIỂM TRA", "TRƯỞNG ĐOÀN", "Nguyễn Khắc Phương"]
    assert date(2023, 11, 24) == record.header.inspection_date
    recipients = [p.text for p in notice.tables[-1].cell(0, 0).paragraphs if p.text]
    assert recipients == [
        "Nơi nhận:",
        "- Phường Vĩnh Trại, thành phố Lạng Sơn;",
        "- Thành viên Đoàn kiểm tra;",
        "- Lưu: VT.",
    ]
    report = docx.Document(str(paths[DocumentKind.REPORT]))
    assert "Kính gửi: Thường trực Tỉnh ủy Lạng Sơn." in [p.text for p in report.paragraphs]


@pytest.mark.parametrize(
    "given,layout,expected",
    [
        ("KT.", Layout.PARTY, "K/T"),
        ("K/T", Layout.STATE, "KT."),
        ("tm", Layout.STATE, "TM."),
        ("T/L", Layout.PARTY, "T/L"),
        ("TUQ.", Layout.PARTY, "TUQ."),
        ("Q.", Layout.STATE, "Q."),
        ("", Layout.STATE, ""),
        ("Thay mặt", Layout.STATE, "Thay mặt"),
    ],
)
def test_authority_prefixes_take_the_layouts_form(
    given: str, layout: Layout, expected: str
) -> None:
    assert authority_prefix(given, layout) == expected


def test_only_the_report_which_has_the_appendix_points_to_it(
    built: tuple[Layout, dict[DocumentKind, Document]],
) -> None:
    docs = built[1]

    def mentions(kind: DocumentKind) -> bool:
        return any("(chi tiết tại Phụ lục)" in p.text for p in docs[kind].paragraphs)

    assert mentions(DocumentKind.REPORT)
    assert not mentions(DocumentKind.MINUTES)
    total = next(p.text for p in docs[DocumentKind.MINUTES].paragraphs if "Tổng điểm" in p.text)
    assert total == "Tổng điểm Đoàn kiểm tra chấm: 93/100 điểm, xếp loại Tốt."
