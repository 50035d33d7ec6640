"""Translation of JSON syntax and pydantic errors into `Problem`s with readable Vietnamese."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from checklists.errors import Problem
from checklists.template.model import (
    BandsScoring,
    InfoScoring,
    PointsScoring,
    StatusScoring,
    YesNoScoring,
)
from checklists.text.format import format_number

__all__ = [
    "SCORING_KINDS",
    "item_path",
    "readable_path",
    "json_problem",
    "validation_problems",
    "show",
]

SCORING_KINDS: tuple[str, ...] = tuple(
    str(model.model_fields["kind"].default)
    for model in (PointsScoring, StatusScoring, YesNoScoring, BandsScoring, InfoScoring)
)
_IDENTIFIER_HINT = (
    "chỉ được gồm chữ cái không dấu, chữ số và các dấu _ . - "
    "(không có dấu cách, không có chữ có dấu tiếng Việt)"
)
_JSON_MESSAGES = {
    "Expecting ',' delimiter": "thiếu dấu phẩy ',' giữa hai phần tử",
    "Expecting ':' delimiter": "thiếu dấu hai chấm ':' sau tên trường",
    "Expecting value": "thiếu giá trị (hoặc có dấu phẩy thừa)",
    "Expecting property name enclosed in double quotes": (
        "tên trường phải đặt trong dấu ngoặc kép (hoặc có dấu phẩy thừa trước '}')"
    ),
    "Unterminated string starting at": "chuỗi chưa có dấu ngoặc kép đóng",
    "Invalid control character at": "chuỗi chứa ký tự điều khiển (ví dụ xuống dòng) không hợp lệ",
    "Invalid \\escape": "chuỗi chứa ký tự thoát '\\' không hợp lệ",
    "Extra data": "có dữ liệu thừa sau khi đối tượng JSON đã kết thúc",
}


def item_path(name: str, index: int, ident: str = "") -> str:
    """One path step for a list item: `criteria[2] (B3)`, or `bands[0]` when it has no id."""
    return f"{name}[{index}] ({ident})" if ident else f"{name}[{index}]"


def show(value: Any) -> str:
    """A short, readable rendering of a value people typed, for use inside a message."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    try:
        if isinstance(value, int | float):
            return format_number(value)
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (OverflowError, ValueError):  # an int too large for a float, or for str()
        text = repr(value) if not isinstance(value, int) or value.bit_length() < 10_000 else "…"
    return text if len(text) <= 40 else text[:37] + "..."


def _ident(node: Any) -> str:
    if isinstance(node, Mapping):
        for key in ("id", "code"):
            if isinstance(node.get(key), str):
                return str(node[key])
    return ""


def readable_path(loc: Sequence[int | str], data: Any) -> str:
    """A pydantic location as people read it, with ids from the raw data.

    `('sections', 1, 'criteria', 2, 'max_points')` -> `sections[1] (B).criteria[2] (B3).max_points`.

    The discriminator tag pydantic inserts after `scoring` (`scoring.points.step`) is dropped,
    so the path matches what people wrote.
    """
    parts: list[str] = []
    node = data
    previous: int | str = ""
    for key in loc:
        if isinstance(key, int):
            child = node[key] if isinstance(node, Sequence) and 0 <= key < len(node) else None
            step = item_path("", key, _ident(child))
            if parts:
                parts[-1] += step
            else:
                parts.append(step)
            node = child
        elif key == "[key]":
            pass
        elif previous == "scoring" and isinstance(node, Mapping) and node.get("kind") == key:
            pass
        else:
            parts.append(key)
            node = node.get(key) if isinstance(node, Mapping) else None
        previous = key
    return ".".join(parts)


def json_problem(exc: json.JSONDecodeError) -> Problem:
    """A JSON syntax error as a problem naming the line and column."""
    reason = next((vi for en, vi in _JSON_MESSAGES.items() if exc.msg.startswith(en)), exc.msg)
    return Problem("", f"tệp JSON sai cú pháp ở dòng {exc.lineno}, cột {exc.colno}: {reason}")


def validation_problems(exc: ValidationError, data: Any) -> list[Problem]:
    """One problem per pydantic error, except follow-on "too short" errors caused by bad items."""
    problems = []
    for error in exc.errors(include_url=False):
        if _is_follow_on(error):
            continue
        problems.append(Problem(readable_path(error["loc"], data), _message(error)))
    return problems


def _is_follow_on(error: ErrorDetails) -> bool:
    # pydantic reports "at least 1 item after validation" when every item failed: noise.
    if error["type"] != "too_short":
        return False
    given = error["input"]
    minimum = error.get("ctx", {}).get("min_length", 0)
    return isinstance(given, Sequence) and len(given) >= minimum


def _choices(text: str) -> str:
    return text.replace("'", "").replace(" or ", ", ")


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    given = error["input"]
    now = f", đang là {show(given)}"
    last = error["loc"][-1] if error["loc"] else ""
    if kind == "missing":
        if isinstance(last, int):
            return "thiếu phần tử: danh sách này cần đủ số phần tử quy định"
        return "thiếu trường bắt buộc; hãy bổ sung giá trị cho trường này"
    if kind == "extra_forbidden":
        return (
            f"trường không được phép: mẫu phiếu không có trường “{last}”; "
            "kiểm tra lại chính tả tên trường hoặc xóa trường này"
        )
    if kind == "union_tag_invalid":
        return (
            f"kiểu chấm điểm (kind) “{ctx.get('tag', '')}” không hợp lệ; "
            f"chỉ chấp nhận: {', '.join(SCORING_KINDS)}"
        )
    if kind == "union_tag_not_found":
        kinds = ", ".join(SCORING_KINDS)
        return f"thiếu trường “kind” cho biết kiểu chấm điểm; chỉ chấp nhận: {kinds}"
    if kind in ("enum", "literal_error"):
        what = "tên khóa" if last == "[key]" else "giá trị"
        return f"{what} {show(given)} không hợp lệ; chỉ chấp nhận: {_choices(str(ctx['expected']))}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == r"^[A-Za-z0-9_.\-]+$":
            return f"mã {show(given)} không đúng định dạng: {_IDENTIFIER_HINT}"
        if ctx.get("pattern") == r"\S":
            return "không được để trống (chỉ có dấu cách)"
        return f"không đúng định dạng yêu cầu ({ctx.get('pattern')}){now}"
    simple = _SIMPLE.get(kind)
    if simple is None:
        return f"giá trị không hợp lệ ({kind}){now}"
    return simple(ctx) + now


_SIMPLE: dict[str, Callable[[dict[str, Any]], str]] = {
    "string_type": lambda c: "phải là chuỗi văn bản",
    "int_type": lambda c: "phải là số nguyên",
    "int_parsing": lambda c: "phải là số nguyên",
    "int_from_float": lambda c: "phải là số nguyên (không có phần thập phân)",
    "float_type": lambda c: "phải là một số",
    "float_parsing": lambda c: "phải là một số",
    "finite_number": lambda c: "phải là số hữu hạn (không chấp nhận NaN hay vô cực)",
    "bool_type": lambda c: "phải là true hoặc false",
    "bool_parsing": lambda c: "phải là true hoặc false",
    "tuple_type": lambda c: "phải là một danh sách (mảng JSON [...])",
    "list_type": lambda c: "phải là một danh sách (mảng JSON [...])",
    "dict_type": lambda c: "phải là một đối tượng JSON {...}",
    "model_type": lambda c: "phải là một đối tượng JSON {...}",
    "model_attributes_type": lambda c: "phải là một đối tượng JSON {...}",
    "string_too_short": lambda c: (
        "không được để trống"
        if c.get("min_length") == 1
        else f"quá ngắn: cần ít nhất {c.get('min_length')} ký tự"
    ),
    "string_too_long": lambda c: f"quá dài: tối đa {c.get('max_length')} ký tự",
    "too_short": lambda c: f"quá ít phần tử: cần ít nhất {c.get('min_length')}",
    "too_long": lambda c: f"quá nhiều phần tử: tối đa {c.get('max_length')}",
    "greater_than_equal": lambda c: (
        f"ngoài khoảng cho phép: phải lớn hơn hoặc bằng {show(c['ge'])}"
    ),
    "greater_than": lambda c: f"ngoài khoảng cho phép: phải lớn hơn {show(c['gt'])}",
    "less_than_equal": lambda c: f"ngoài khoảng cho phép: phải nhỏ hơn hoặc bằng {show(c['le'])}",
    "less_than": lambda c: f"ngoài khoảng cho phép: phải nhỏ hơn {show(c['lt'])}",
}
