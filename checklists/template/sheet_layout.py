"""The layout of a template spreadsheet: its sheets, their columns, and how a cell holds a value.

A template authored in a spreadsheet (the way ODK/Kobo users author XLSForms) is a few sheets,
each a heading row and one row per item: the template's header, its sections, one row per
criterion (section, id, label, guidance, kind, max points, bands, evidence, recommendation...),
the criteria's figures, bonus/penalty lines, ratings, hard fails, addressees and general
recommendations. Sheet and column names are read in Vietnamese or English (or as the JSON field
name); words in cells (kinds, yes/no) likewise. A column's `key` is the path of the JSON
field its cell fills in the item ("/" between names: `scoring/step`), so reading and writing
share one table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from checklists.template.messages import SCORING_KINDS
from checklists.text.labels import label

__all__ = [
    "Cell",
    "Codec",
    "Column",
    "SheetLayout",
    "LAYOUTS",
    "SECTION_REF",
    "CRITERION_REF",
    "WordProblem",
    "normal",
    "decode",
    "encode",
]

Cell = str | int | float | bool | None
"""A plain cell value, as a spreadsheet library reads and writes it."""

Codec = Literal[
    "text", "number", "bool", "kind", "adjustment", "na_mode", "fractions", "bands", "rate", "lines"
]

SECTION_REF = "@section"
"""The criteria sheet's column naming the section a criterion belongs to."""
CRITERION_REF = "@criterion"
"""The figures sheet's column naming the criterion a figure belongs to."""


@dataclass(frozen=True)
class Column:
    """One column: the JSON field it fills (a path, "/" between names), its headings, how its
    cell holds a value."""

    key: str
    vi: str
    en: str
    codec: Codec = "text"
    required: bool = False
    """The column must be there (the field is required, or it places the row)."""

    def header(self, lang: str = "vi") -> str:
        """The heading written in row 1."""
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True)
class SheetLayout:
    """One sheet: the template field its rows fill, its names, its columns."""

    key: str
    vi: str
    en: str
    columns: tuple[Column, ...]
    required: bool = False
    single: bool = False
    """One data row that fills the template itself (the header sheet)."""

    def name(self, lang: str = "vi") -> str:
        """The sheet's name in `lang`."""
        return self.en if lang == "en" else self.vi


def _c(key: str, vi: str, en: str, codec: Codec = "text", required: bool = False) -> Column:
    return Column(key, vi, en, codec, required)


_ID = _c("id", "Mã", "Id", required=True)
_LABEL = _c("label", "Nội dung", "Label", required=True)
_LABEL_EN = _c("label_en", "Nội dung (tiếng Anh)", "Label (English)")

LAYOUTS: tuple[SheetLayout, ...] = (
    SheetLayout(
        "",
        "Thông tin chung",
        "Template",
        (
            _c("id", "Mã mẫu phiếu", "Template id", required=True),
            _c("version", "Phiên bản", "Version", "number"),
            _c("title", "Tên mẫu phiếu", "Title", required=True),
            _c("title_en", "Tên (tiếng Anh)", "Title (English)"),
            _c("programme", "Chương trình", "Programme", required=True),
            _c("issued_by", "Cơ quan ban hành", "Issued by"),
            _c("total_points", "Tổng điểm", "Total points", "number", True),
            _c("na_mode", "Cách tính khi không áp dụng", "N/A mode", "na_mode"),
        ),
        required=True,
        single=True,
    ),
    SheetLayout(
        "sections",
        "Phần",
        "Sections",
        (
            _ID,
            _c("title", "Tên phần", "Title", required=True),
            _c("title_en", "Tên (tiếng Anh)", "Title (English)"),
            _c("max_points", "Điểm tối đa", "Max points", "number", True),
        ),
        required=True,
    ),
    SheetLayout(
        "criteria",
        "Tiêu chí",
        "Criteria",
        (
            _c(SECTION_REF, "Phần", "Section", required=True),
            _ID,
            _LABEL,
            _LABEL_EN,
            _c("guidance", "Hướng dẫn chấm", "Guidance"),
            _c("scoring/kind", "Cách chấm", "Kind", "kind", True),
            _c("max_points", "Điểm tối đa", "Max points", "number", True),
            _c("scoring/step", "Bước điểm", "Step", "number"),
            _c("scoring/fractions", "Tỷ lệ theo mức đạt", "Status fractions", "fractions"),
            _c("scoring/yes_scores", "Trả lời Có được điểm", "Yes scores", "bool"),
            _c("scoring/figure", "Số liệu tính khung", "Banded figure"),
            _c("scoring/bands", "Khung điểm", "Bands", "bands"),
            _c("allow_na", "Cho phép không áp dụng", "Allow N/A", "bool"),
            _c("critical", "Tiêu chí trọng yếu", "Critical", "bool"),
            _c("evidence/photo_required", "Cần ảnh", "Photo required", "bool"),
            _c(
                "evidence/photo_required_below_max",
                "Cần ảnh khi chưa đạt tối đa",
                "Photo below max",
                "bool",
            ),
            _c(
                "evidence/photo_required_when_no",
                "Cần ảnh khi trả lời Không",
                "Photo if no",
                "bool",
            ),
            _c(
                "evidence/note_required_below_max",
                "Cần ghi chú khi chưa đạt tối đa",
                "Note below max",
                "bool",
            ),
            _c(
                "evidence/note_required_when_na",
                "Cần ghi chú khi không áp dụng",
                "Note when N/A",
                "bool",
            ),
            _c("evidence/hints", "Gợi ý minh chứng", "Evidence hints", "lines"),
            _c("recommendation", "Kiến nghị khi chưa đạt", "Recommendation"),
            _c("recommendation_to", "Kiến nghị gửi", "Recommendation to"),
            _c("limitation_below", "Ngưỡng nêu hạn chế", "Limitation below", "number"),
            _c("reference", "Tham khảo", "Reference"),
        ),
        required=True,
    ),
    SheetLayout(
        "figures",
        "Số liệu",
        "Figures",
        (
            _c(CRITERION_REF, "Tiêu chí", "Criterion", required=True),
            _ID,
            _LABEL,
            _LABEL_EN,
            _c("unit", "Đơn vị tính", "Unit"),
            _c("integer", "Số nguyên", "Whole number", "bool"),
            _c("rate_of", "Tỷ lệ của", "Rate of", "rate"),
        ),
    ),
    SheetLayout(
        "adjustments",
        "Điểm thưởng, trừ",
        "Bonus and penalty",
        (
            _ID,
            _LABEL,
            _LABEL_EN,
            _c("kind", "Loại", "Kind", "adjustment", True),
            _c("max_points", "Điểm tối đa", "Max points", "number", True),
            _c("step", "Bước điểm", "Step", "number"),
            _c("per_unit/points", "Điểm mỗi đơn vị", "Points per unit", "number"),
            _c("per_unit/unit", "Đơn vị đếm", "Counted unit"),
        ),
    ),
    SheetLayout(
        "rating_bands",
        "Xếp loại",
        "Ratings",
        (
            _c("code", "Mã", "Code", required=True),
            _LABEL,
            _LABEL_EN,
            _c("min", "Từ điểm", "From", "number", True),
            _c("max", "Dưới điểm", "Below", "number"),
        ),
        required=True,
    ),
    SheetLayout(
        "hard_fails",
        "Điểm liệt",
        "Hard fails",
        (
            _ID,
            _LABEL,
            _LABEL_EN,
            _c("criterion", "Tiêu chí", "Criterion", required=True),
            _c("at_most", "Khi điểm không quá", "At most", "number"),
            _c("cap", "Xếp loại cao nhất", "Rating cap", required=True),
        ),
    ),
    SheetLayout("addressees", "Nơi nhận kiến nghị", "Addressees", (_ID, _LABEL, _LABEL_EN)),
    SheetLayout(
        "general_recommendations",
        "Kiến nghị chung",
        "General recommendations",
        (
            _c("text", "Nội dung", "Text", required=True),
            _c("to", "Gửi", "To"),
        ),
    ),
)


def normal(text: str) -> str:
    """A heading or word as matched: lower case, spaces collapsed."""
    return " ".join(text.split()).casefold()


_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_BOOLS = {"có": True, "x": True, "yes": True, "true": True, "đúng": True, "1": True}
_BOOLS |= {"không": False, "no": False, "false": False, "sai": False, "0": False}


def _words(prefix: str, codes: tuple[str, ...]) -> dict[str, str]:
    """Every way a cell may name a code: the code, its Vietnamese and English words."""
    table = {}
    for code in codes:
        for lang in ("vi", "en"):
            table[normal(label(f"{prefix}{code}", lang))] = code
        table[normal(code)] = code
    return table


_KIND, _ADJUSTMENT, _NA_MODE = (
    "template.sheet.kind.",
    "template.sheet.adjustment.",
    ("template.sheet.na_mode."),
)
"""Label code prefixes of the words a cell may hold (the code follows)."""
_WORDS: dict[str, tuple[str, dict[str, str]]] = {
    "kind": (_KIND, _words(_KIND, SCORING_KINDS)),
    "adjustment": (_ADJUSTMENT, _words(_ADJUSTMENT, ("bonus", "penalty"))),
    "na_mode": (_NA_MODE, _words(_NA_MODE, ("section_weighted", "pooled"))),
}


class WordProblem(ValueError):
    """A cell that should name one of a few words, or follow a small syntax, does not."""

    def __init__(self, code: str, params: Mapping[str, object]) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


def _number(text: str) -> float | int | None:
    if not _NUMBER.match(text.strip()):
        return None
    value = float(text.strip().replace(",", "."))
    return int(value) if value.is_integer() and "." not in text and "," not in text else value


def _whole(value: float | int) -> float | int:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def decode(codec: Codec, value: object) -> Any:
    """The JSON value a non-empty cell stands for. A value this cannot read is passed on as it
    is (validation then says what it should be), except words and small syntaxes, which raise
    `WordProblem` naming what the cell may hold."""
    text = value.strip() if isinstance(value, str) else None
    if codec == "number":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _whole(value)
        parsed = _number(text) if text is not None else None
        return value if parsed is None else parsed
    if codec == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            return True if value == 1 else False if value == 0 else value
        return _BOOLS.get(normal(str(value)), value)
    if codec in _WORDS:
        prefix, table = _WORDS[codec]
        found = table.get(normal(str(value)))
        if found is None:
            choices = ", ".join(f"“{c}”" for c in dict.fromkeys(table.values()))
            raise WordProblem("template.sheet.word", {"choices": choices, "value": str(value)})
        return found
    if text is None:
        return _text(value) if codec in ("text", "lines") else value
    if codec == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if codec == "fractions":
        return _fractions(text)
    if codec == "bands":
        return _bands(text)
    if codec == "rate":
        parts = [p.strip() for p in text.split("/")]
        if len(parts) != 2 or not all(parts):
            raise WordProblem("template.sheet.rate", {"value": text})
        return parts
    return value


def _text(value: object) -> object:
    """A number typed where text belongs (an id like 1) is the text it shows."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(_whole(value))
    return value


def _pairs(text: str) -> list[tuple[str, str]]:
    items = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
    pairs = [tuple(p.strip() for p in item.split("=", 1)) for item in items]
    return [(p[0], p[1]) for p in pairs if len(p) == 2]


def _fractions(text: str) -> dict[str, object]:
    pairs = _pairs(text)
    items = [p for p in re.split(r"[;\n]", text) if p.strip()]
    if len(pairs) != len(items) or not pairs:
        raise WordProblem("template.sheet.pairs", {"value": text})
    return {
        key: _number(number) if _number(number) is not None else number for key, number in pairs
    }


def _bands(text: str) -> list[dict[str, object]]:
    bands: list[dict[str, object]] = []
    items = [p for p in re.split(r"[;\n]", text) if p.strip()]
    for key, points in _pairs(text):
        low, sep, high = key.partition("..")
        number = _number(points)
        if not sep or _number(low) is None or (high.strip() and _number(high) is None):
            raise WordProblem("template.sheet.bands", {"value": text})
        band: dict[str, object] = {
            "min": _number(low),
            "points": points if number is None else number,
        }
        band["max"] = _number(high) if high.strip() else None
        bands.append(band)
    if len(bands) != len(items) or not bands:
        raise WordProblem("template.sheet.bands", {"value": text})
    return bands


def _number_text(value: float, lang: str) -> str:
    text = str(int(value)) if float(value).is_integer() else repr(float(value))
    return text.replace(".", ",") if lang != "en" else text


def encode(codec: Codec, value: Any, lang: str = "vi") -> Cell:
    """The cell that holds a JSON value (None for an absent one)."""
    if value is None:
        return None
    if codec == "number":
        number: float | int = value
        return _whole(number)
    if codec == "bool":
        return label("template.sheet.yes" if value else "template.sheet.no", lang)
    if codec in _WORDS:
        return label(f"{_WORDS[codec][0]}{value}", lang)
    if codec == "lines":
        return "\n".join(value) or None
    if codec == "fractions":
        return "; ".join(f"{k}={_number_text(v, lang)}" for k, v in value.items())
    if codec == "bands":
        return "; ".join(
            f"{_number_text(b['min'], lang)}.."
            f"{'' if b['max'] is None else _number_text(b['max'], lang)}"
            f"={_number_text(b['points'], lang)}"
            for b in value
        )
    if codec == "rate":
        return f"{value[0]}/{value[1]}"
    text: str = value
    return text or None
