"""One labels module: every code the domain uses has Vietnamese and English words, and each
message of template validation, evidence and scoring reads in English as well as Vietnamese."""

from __future__ import annotations

import ast
import re
import string
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from checklists.errors import Problem, RecordMalformed, Refusal, TemplateInvalid, UnknownTemplate
from checklists.record import editing
from checklists.record.lifecycle import Lifecycle
from checklists.record.model import Role, Value
from checklists.scoring.engine import score_inspection
from checklists.scoring.points import evaluate, evaluate_adjustment
from checklists.template.catalog import get_template
from checklists.template.model import (
    Adjustment,
    BandsScoring,
    Criterion,
    EvidenceRule,
    Figure,
    PerUnit,
    RatingBand,
    ScoreBand,
    Section,
    Status,
    StatusScoring,
    Template,
    YesNoScoring,
)
from checklists.template.validation import parse_template
from checklists.text.labels import LABELS, label

PACKAGE = Path(__file__).resolve().parents[2] / "checklists"
PREFIXES = {code.split(".", 1)[0] for code in LABELS}
CODE = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")


def codes_in_source() -> dict[str, str]:
    """Every string literal in `checklists` shaped like a label code with a known prefix, with
    where it is written (labels.py itself excluded: it defines them)."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "labels.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            text = node.value
            if CODE.match(text) and text.split(".", 1)[0] in PREFIXES:
                found.setdefault(text, f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    return found


VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")
# Modules whose messages are all codes now: no Vietnamese words may come back into their code.
WORDLESS = (
    "template/model.py",
    "template/catalog.py",
    "template/messages.py",
    "template/checks.py",
    "template/validation.py",
    "scoring/evidence.py",
    "scoring/points.py",
    "scoring/figures.py",
    "scoring/report.py",
    "scoring/engine.py",
)


def strings_outside_docstrings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = set()
    for node in ast.walk(tree):
        kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr):
            docstrings.add(id(node.body[0].value))
    for node in ast.walk(tree):  # attribute docstrings: a string statement after a field
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            docstrings.add(id(node.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


@pytest.mark.parametrize("module", WORDLESS)
def test_no_sentences_outside_the_labels_module(module: str) -> None:
    found = [
        (line, text)
        for line, text in strings_outside_docstrings(PACKAGE / module)
        if VIETNAMESE.search(text.lower())
    ]
    assert found == []


def placeholders(text: str) -> set[tuple[str, str]]:
    return {(name, spec or "") for _, name, spec, _ in string.Formatter().parse(text) if name}


def test_the_source_scan_finds_the_codes_of_every_group() -> None:
    prefixes = {code.split(".", 1)[0] for code in codes_in_source()}
    assert {"template", "evidence", "value", "edit", "log"} <= prefixes


def test_every_label_code_written_in_the_package_has_words_in_both_languages() -> None:
    unknown = {code: where for code, where in codes_in_source().items() if code not in LABELS}
    assert unknown == {}
    for code in codes_in_source():
        vi, en = LABELS[code]
        assert vi.strip() and en.strip(), code


def test_codes_built_from_enums_have_words() -> None:
    built = [f"status.{s.value}" for s in Status] + [f"lifecycle.{s.value}" for s in Lifecycle]
    assert [code for code in built if code not in LABELS] == []


@pytest.mark.parametrize("code", sorted(LABELS))
def test_vietnamese_and_english_have_the_same_placeholders(code: str) -> None:
    vi, en = LABELS[code]
    assert placeholders(vi) == placeholders(en)


@pytest.mark.parametrize("code", sorted(LABELS))
def test_english_words_are_english(code: str) -> None:
    """No Vietnamese letter slipped into the English column (names in quotes aside)."""
    _, en = LABELS[code]
    assert not VIETNAMESE.search(en.lower())


def test_a_missing_parameter_shows_as_its_placeholder() -> None:
    assert label("template.range_inverted", "en", {"max": "5"}) == (
        "the upper limit 5 must be above the lower limit {min:n}"
    )


def test_numbers_take_the_form_of_the_language() -> None:
    params = {"total": "1454.5", "sum": "1400"}
    assert label("template.total_mismatch", "vi", params).startswith(
        "tổng điểm của mẫu phiếu là 1.454,5 nhưng tổng điểm tối đa các nhóm là 1.400"
    )
    assert label("template.total_mismatch", "en", params) == (
        "the template's total is 1,454.5 but its sections' maximums add up to 1,400; "
        "the two must be equal"
    )


# -- template validation in English -----------------------------------------------------------

CRITERION: dict[str, Any] = {
    "id": "A1",
    "label": "Điểm",
    "max_points": 999.5,
    "scoring": {"kind": "points", "step": 2},
}
TEMPLATE: dict[str, Any] = {
    "id": "mini",
    "version": 1,
    "title": "Mẫu thử",
    "programme": "Thử nghiệm",
    "total_points": 999.5,
    "sections": [{"id": "A", "title": "Nhóm A", "max_points": 999.5, "criteria": [CRITERION]}],
    "rating_bands": [
        {"code": "dat", "label": "Đạt", "min": 0, "max": 50},
        {"code": "tot", "label": "Tốt", "min": 60},
    ],
}


def problems_of(data: Any) -> list[Problem]:
    with pytest.raises(TemplateInvalid) as excinfo:
        parse_template(data, source="thu.json")
    return excinfo.value.problems


def test_cross_field_problems_read_in_english() -> None:
    problems = problems_of(TEMPLATE)
    assert [(p.path, p.code) for p in problems] == [
        ("sections[0] (A).criteria[0] (A1).max_points", "template.unreachable_max"),
        ("rating_bands[0] (dat).max", "template.range_gap"),
    ]
    assert [p.message_in("en") for p in problems] == [
        "the maximum 999.5 is not a multiple of the step 2, so the maximum can never be given; "
        "choose a step that divides the maximum",
        "leaves a gap from 50 to 60 (rating_bands[1] (tot)); the upper limit must be 60",
    ]
    assert problems[0].message == (
        "điểm tối đa 999,5 không phải bội số của bước chấm 2 nên không thể chấm đủ điểm tối đa; "
        "hãy chọn bước chấm chia hết điểm tối đa"
    )
    assert problems[0].params == {"max": "999.5", "step": "2.0"}


def test_structural_problems_read_in_english() -> None:
    data = {**TEMPLATE, "total_points": "many", "colour": "red"}
    problems = problems_of(data)
    assert [(p.path, p.message_in("en")) for p in problems] == [
        ("total_points", 'must be a number; it is "many"'),
        (
            "colour",
            "field not allowed: a template has no field “colour”; "
            "check the spelling of the field name or remove the field",
        ),
    ]


def test_the_invalid_template_error_reads_in_either_language() -> None:
    with pytest.raises(TemplateInvalid) as excinfo:
        parse_template('{"id": "mini",\n  "version": 1\n  "title": "x"}', source="thu.json")
    error = excinfo.value
    assert error.message("en") == (
        "The template (thu.json) is not valid: 1 problem\n"
        "  - JSON syntax error at line 3, column 3: a comma ',' is missing between two items"
    )
    assert (
        str(error)
        == error.message("vi")
        == (
            "Mẫu phiếu không hợp lệ (thu.json): 1 lỗi\n"
            "  - tệp JSON sai cú pháp ở dòng 3, cột 3: thiếu dấu phẩy ',' giữa hai phần tử"
        )
    )


def test_status_levels_are_named_in_the_language_asked() -> None:
    problem = problems_of(
        {
            **TEMPLATE,
            "sections": [
                {
                    **TEMPLATE["sections"][0],
                    "criteria": [
                        {**CRITERION, "scoring": {"kind": "status", "fractions": {"dat": 1.0}}}
                    ],
                }
            ],
            "rating_bands": [{"code": "dat", "label": "Đạt", "min": 0}],
        }
    )
    assert [p.message_in("en") for p in problem] == [
        "no fraction of the points for: Partly met, Not met; "
        "all three levels Met, Partly met and Not met are needed"
    ]


# -- evidence and values in English -----------------------------------------------------------

LEADER = {"id": "lead", "name": "Trưởng đoàn", "role": Role.TRUONG_DOAN}
EVIDENCE_TEMPLATE = Template(
    id="ev",
    version=1,
    title="Phiếu thử",
    programme="Thử nghiệm",
    total_points=10,
    sections=(
        Section(
            id="A",
            title="Phần A",
            max_points=10,
            criteria=(
                Criterion(
                    id="Y",
                    label="Có",
                    max_points=10,
                    scoring=YesNoScoring(),
                    evidence=EvidenceRule(photo_required_when_no=True),
                ),
            ),
        ),
    ),
    rating_bands=(RatingBand(code="dat", label="Đạt", min=0),),
)


def test_missing_evidence_carries_its_code_and_reads_in_english() -> None:
    header = {"unit_name": "Xã Thử", "inspection_date": date(2024, 6, 1)}
    record = editing.new_inspection(EVIDENCE_TEMPLATE, header, members=(LEADER,))
    record = editing.assess(record, author_id="lead", criterion_id="Y", value=Value(answer=False))
    [missing] = score_inspection(EVIDENCE_TEMPLATE, record).missing_evidence
    assert (missing.code, missing.params) == ("evidence.photo_no", {})
    assert (missing.message, missing.message_en) == (
        "Cần ảnh minh chứng khi trả lời “Không”",
        "A photo is needed when the answer is “No”",
    )


def test_an_invalid_value_in_the_report_reads_in_english() -> None:
    header = {"unit_name": "Xã Thử", "inspection_date": date(2024, 6, 1)}
    template = EVIDENCE_TEMPLATE.model_copy(
        update={
            "adjustments": (Adjustment(id="T", label="Thưởng", kind="bonus", max_points=999.5),)
        }
    )
    record = editing.new_inspection(template, header, members=(LEADER,))
    record = editing.assess(record, author_id="lead", criterion_id="T", value=Value(score=1500))
    [invalid] = score_inspection(template, record).invalid
    assert (invalid.code, invalid.params, invalid.more) == (
        "value.score_range",
        {"score": "1500.0", "max": "999.5"},
        (),
    )
    assert (invalid.message, invalid.message_en) == (
        "Điểm 1.500 ngoài khoảng 0–999,5",
        "Score 1,500 is outside 0–999.5",
    )


RATE = Criterion(
    id="D2",
    label="Giải quyết đơn thư",
    max_points=6,
    allow_na=True,
    scoring=BandsScoring(
        figure="rate", bands=(ScoreBand(min=0, max=80, points=0), ScoreBand(min=80, points=6))
    ),
    figures=(
        Figure(id="received", label="Số đơn tiếp nhận", integer=True),
        Figure(id="resolved", label="Số đơn đã giải quyết", integer=True),
        Figure(id="rate", label="Tỷ lệ giải quyết", unit="%", rate_of=("resolved", "received")),
    ),
)


@pytest.mark.parametrize(
    "value,english",
    [
        (
            Value(figures={"received": -1815.5, "resolved": 2}),
            "“Số đơn tiếp nhận” cannot be negative; it is -1,815.5",
        ),
        (
            Value(figures={"received": 0, "resolved": 0}),
            "“Số đơn tiếp nhận” is 0, so “Tỷ lệ giải quyết” cannot be computed for scoring; "
            "if there were none in the period, choose “Not applicable”",
        ),
        (
            Value(figures={"received": 1000, "resolved": 1200}),
            "“Số đơn đã giải quyết” (1,200) is more than “Số đơn tiếp nhận” (1,000), "
            "so “Tỷ lệ giải quyết” exceeds 100%",
        ),
    ],
)
def test_impossible_figures_read_in_english(value: Value, english: str) -> None:
    outcome = evaluate(RATE, value)
    assert outcome.kind == "invalid"
    assert outcome.message_in("en") == english


def test_several_reasons_are_all_kept() -> None:
    outcome = evaluate(RATE, Value(figures={"received": -3, "resolved": -2}))
    assert [r.code for r in outcome.reasons] == ["value.negative", "value.negative"]
    assert outcome.message_in("en") == (
        "“Số đơn tiếp nhận” cannot be negative; it is -3; "
        "“Số đơn đã giải quyết” cannot be negative; it is -2"
    )


def test_status_and_count_reasons_read_in_english() -> None:
    status = Criterion(
        id="S",
        label="Mức",
        max_points=4,
        scoring=StatusScoring(fractions={Status.DAT: 1.0, Status.KHONG_DAT: 0.0}),
    )
    outcome = evaluate(status, Value(status=Status.DAT_MOT_PHAN))
    assert (outcome.message, outcome.message_in("en")) == (
        "Mức “Đạt một phần” không dùng ở tiêu chí này",
        "The level “Partly met” is not used on this criterion",
    )
    per_unit = Adjustment(
        id="P", label="Trừ", kind="penalty", max_points=5, per_unit=PerUnit(points=1, unit="vụ")
    )
    outcome = evaluate_adjustment(per_unit, Value(score=1.5))
    assert (outcome.message, outcome.message_in("en")) == (
        "Số vụ phải là số nguyên không âm, đang là 1,5",
        "The count (vụ) must be a whole number, 0 or more; it is 1.5",
    )


def test_an_unknown_template_reads_in_either_language() -> None:
    with pytest.raises(UnknownTemplate) as excinfo:
        get_template("cqtt-xa", 99)
    error = excinfo.value
    assert (error.code, error.params) == (
        "template.unknown_version_known",
        {"id": "cqtt-xa", "version": "99", "known": "1"},
    )
    assert error.message("vi") == str(error)
    assert error.message("en") == (
        "Template “cqtt-xa” version 99 does not come with the app (versions available: 1); "
        "install this template first."
    )


def test_an_unknown_template_raised_with_plain_words_keeps_them() -> None:
    assert UnknownTemplate("Không có mẫu").message("en") == "Không có mẫu"


def test_a_malformed_record_reads_in_either_language() -> None:
    error = RecordMalformed([Refusal("criteria.X", "check.unknown_criterion", {"criterion": "X"})])
    assert (
        str(error)
        == error.message("vi")
        == ("Biên bản không hợp lệ: 1 lỗi\n  - criteria.X: tiêu chí “X” không có trong mẫu phiếu")
    )
    assert error.message("en") == (
        "The record is not valid: 1 problem\n  - criteria.X: criterion “X” is not in the template"
    )
