"""Template spreadsheets: a template as rows and back, and every mistake placed at its cell."""

from __future__ import annotations

import copy

import pytest

from checklists.errors import Problem, TemplateInvalid
from checklists.template.catalog import bundled_templates, get_template
from checklists.template.model import Template
from checklists.template.sheet_layout import Cell
from checklists.template.sheet_reader import CellProblem, column_letter, template_from_sheets
from checklists.template.sheet_writer import Sheets, template_to_sheets

CRITERIA = "Tiêu chí"


def seed_sheets() -> Sheets:
    return template_to_sheets(get_template("cqtt-xa", 1))


def cell(sheets: Sheets, sheet: str, row_id: str, header: str) -> tuple[int, int]:
    """(list row index, column index) of the cell in the row whose id column holds `row_id`."""
    rows = sheets[sheet]
    column = rows[0].index(header)
    id_column = rows[0].index("Mã") if "Mã" in rows[0] else 0
    row = next(i for i, r in enumerate(rows) if i > 0 and r[id_column] == row_id)
    return row, column


def put(sheets: Sheets, sheet: str, row_id: str, header: str, value: Cell) -> tuple[int, str]:
    """Write `value` in that cell; its (1-based row number, column letter) as people see it."""
    row, column = cell(sheets, sheet, row_id, header)
    sheets[sheet][row][column] = value
    return row + 1, column_letter(column)


def problems(sheets: Sheets) -> list[Problem]:
    with pytest.raises(TemplateInvalid) as caught:
        template_from_sheets(sheets)
    return caught.value.problems


def only(sheets: Sheets) -> CellProblem:
    found = problems(sheets)
    assert len(found) == 1, [p.text() for p in found]
    problem = found[0]
    assert isinstance(problem, CellProblem)
    return problem


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("template", bundled_templates(), ids=lambda t: t.id)
def test_a_template_read_back_from_its_sheets_is_the_same_template(
    template: Template, lang: str
) -> None:
    back = template_from_sheets(template_to_sheets(template, lang))
    assert back == template
    assert back.content_hash() == template.content_hash()


def test_the_sheets_hold_one_row_per_criterion_under_named_headings() -> None:
    template = get_template("cqtt-xa", 1)
    sheets = template_to_sheets(template)
    assert list(sheets)[:3] == ["Thông tin chung", "Phần", CRITERIA]
    criteria = sheets[CRITERIA]
    assert len(criteria) == 1 + len(template.criteria())
    head = criteria[0]
    first = template.criteria()[0]
    assert criteria[1][head.index("Mã")] == first.id
    assert criteria[1][head.index("Điểm tối đa")] == first.max_points
    assert criteria[1][head.index("Phần")] == template.sections[0].id
    assert template_to_sheets(template, "en")["Criteria"][0][:3] == ["Section", "Id", "Label"]
    guide = sheets["Hướng dẫn"]  # how to write one, skipped when read (the round trip above)
    assert any("0..50=0" in str(row[0]) for row in guide)
    assert "Guide" in template_to_sheets(template, "en")


def test_text_where_a_number_belongs_is_placed_at_its_cell_in_both_languages() -> None:
    sheets = seed_sheets()
    row, column = put(sheets, CRITERIA, "B2", "Điểm tối đa", "năm")
    problem = only(sheets)
    assert (problem.sheet, problem.row, column_letter(problem.column or 0)) == (
        CRITERIA,
        row,
        column,
    )
    assert problem.code == "template.type.number"
    assert problem.text("vi").startswith(
        f"Trang tính “Tiêu chí”, dòng {row}, cột {column} (Điểm tối đa): phải là một số"
    )
    assert problem.text("en").startswith(
        f"Sheet “Tiêu chí”, row {row}, column {column} (Max points): must be a number"
    )


def test_a_negative_maximum_is_out_of_range_at_its_cell() -> None:
    sheets = seed_sheets()
    row, column = put(sheets, CRITERIA, "A1", "Điểm tối đa", -4)
    found = problems(sheets)
    at_cell = [p for p in found if isinstance(p, CellProblem) and p.row == row]
    assert [p.code for p in at_cell] == ["template.at_least"]
    assert column_letter(at_cell[0].column or 0) == column


def test_a_section_whose_criteria_do_not_add_up_points_to_the_section_row() -> None:
    sheets = seed_sheets()
    row, column = put(sheets, "Phần", "A", "Điểm tối đa", 21)
    found = problems(sheets)
    codes = {(p.sheet, p.row, p.code) for p in found if isinstance(p, CellProblem)}
    assert ("Phần", row, "template.section_total") in codes


def test_an_unknown_kind_lists_the_words_a_kind_cell_may_hold() -> None:
    sheets = seed_sheets()
    row, column = put(sheets, CRITERIA, "A2", "Cách chấm", "điểm số")
    problem = only(sheets)
    assert (problem.row, column_letter(problem.column or 0)) == (row, column)
    assert problem.code == "template.sheet.word"
    assert "“points”" in problem.text("en")


def test_kind_words_are_read_in_either_language_and_as_codes() -> None:
    template = get_template("cqtt-xa", 1)
    for word in ("points", "Chấm điểm", "POINTS"):
        sheets = template_to_sheets(template)
        put(sheets, CRITERIA, "A3", "Cách chấm", word)
        assert template_from_sheets(sheets) == template


def test_a_criterion_in_an_unknown_section_names_the_sections_sheet() -> None:
    sheets = seed_sheets()
    row, column = put(sheets, CRITERIA, "E2", "Phần", "Z")
    found = problems(sheets)
    placed = [p for p in found if isinstance(p, CellProblem) and p.row == row]
    assert [p.code for p in placed] == ["template.sheet.unknown_section"]
    assert column == "A"
    assert "“Z”" in placed[0].text() and "“Phần”" in placed[0].text()


def test_bands_that_do_not_follow_the_syntax_say_how_to_write_them() -> None:
    sheets = seed_sheets()
    banded = next(c for c in get_template("cqtt-xa", 1).criteria() if c.scoring.kind == "bands")
    row, _ = put(sheets, CRITERIA, banded.id, "Khung điểm", "từ 0 đến 50 được 1")
    problem = only(sheets)
    assert (problem.row, problem.code) == (row, "template.sheet.bands")
    assert "0..50=0" in problem.text()


def test_a_wrong_value_inside_a_bands_cell_names_the_band() -> None:
    sheets = seed_sheets()
    banded = next(c for c in get_template("cqtt-xa", 1).criteria() if c.scoring.kind == "bands")
    row, column = cell(sheets, CRITERIA, banded.id, "Khung điểm")
    text = sheets[CRITERIA][row][column]
    assert isinstance(text, str)
    first, rest = text.split("; ", 1)
    sheets[CRITERIA][row][column] = first.split("=")[0] + "=-1; " + rest
    found = [p for p in problems(sheets) if isinstance(p, CellProblem) and p.row == row + 1]
    assert found and found[0].detail == "[0].points"
    assert found[0].code == "template.at_least"
    assert "[0].points" in found[0].text("en")


def test_a_blank_required_cell_is_missing_at_that_cell() -> None:
    sheets = seed_sheets()
    row, column = put(sheets, CRITERIA, "C1", "Nội dung", "   ")
    problem = only(sheets)
    assert (problem.row, column_letter(problem.column or 0)) == (row, column)
    assert problem.code == "template.missing_field"


def test_a_criterion_id_used_twice_is_placed_at_the_second_row() -> None:
    sheets = seed_sheets()
    row, _ = put(sheets, CRITERIA, "A2", "Mã", "A1")
    found = [p for p in problems(sheets) if isinstance(p, CellProblem)]
    [twice] = [p for p in found if p.row == row and p.code == "template.duplicate_id"]
    assert "'Tiêu chí'!2:2" in twice.text("vi")  # the first A1, as a spreadsheet names its row
    assert "'Tiêu chí'!2:2" in twice.text("en")


def test_a_figure_of_an_unknown_criterion_is_placed_at_its_criterion_cell() -> None:
    sheets = seed_sheets()
    figures = sheets["Số liệu"]
    assert len(figures) > 1
    figures[1][0] = "Q9"
    found = [p for p in problems(sheets) if isinstance(p, CellProblem) and p.sheet == "Số liệu"]
    assert [(p.row, p.column, p.code) for p in found][0] == (
        2,
        0,
        "template.sheet.unknown_criterion",
    )


def test_a_missing_sheet_an_unknown_sheet_and_an_unknown_heading_are_each_reported() -> None:
    sheets = seed_sheets()
    del sheets["Xếp loại"]
    sheets["Tieu chi cu"] = [["x"]]
    sheets[CRITERIA][0][4] = "Huong dan"
    codes = sorted(p.code for p in problems(sheets))
    assert codes == [
        "template.sheet.missing_sheet",
        "template.sheet.unknown_column",
        "template.sheet.unknown_sheet",
    ]


def test_a_missing_required_column_is_reported_once_on_the_heading_row() -> None:
    sheets = seed_sheets()
    column = sheets[CRITERIA][0].index("Điểm tối đa")
    sheets[CRITERIA] = [r[:column] + r[column + 1 :] for r in sheets[CRITERIA]]
    problem = only(sheets)
    assert (problem.code, problem.row) == ("template.sheet.missing_column", 1)


def test_the_header_sheet_holds_exactly_one_row() -> None:
    sheets = seed_sheets()
    sheets["Thông tin chung"].append(copy.copy(sheets["Thông tin chung"][1]))
    assert only(sheets).code == "template.sheet.one_row"


def test_what_people_type_in_cells_is_read_as_they_mean_it() -> None:
    template = get_template("cqtt-xa", 1)
    sheets = template_to_sheets(template)
    put(sheets, "Phần", "A", "Điểm tối đa", "20")  # a number typed as text
    put(sheets, CRITERIA, "A1", "Cho phép không áp dụng", "x")  # a mark for yes
    put(sheets, CRITERIA, "A3", "Bước điểm", "0,5")  # the Vietnamese decimal comma
    put(sheets, CRITERIA, "A3", "Điểm tối đa", float(template.criterion("A3").max_points))
    sheets["Hướng dẫn"] = [["Ghi chú của người soạn"]]  # an author's notes are skipped
    back = template_from_sheets(sheets)
    assert back.criteria()[0].allow_na is True
    assert back.criterion("A3") == template.criterion("A3")
    assert back.sections[0].max_points == 20


def test_a_template_with_no_version_cell_is_version_1() -> None:
    sheets = template_to_sheets(get_template("mot-cua", 1))
    head = sheets["Thông tin chung"]
    head[1][head[0].index("Phiên bản")] = None
    assert template_from_sheets(sheets).version == 1
