"""Translation of JSON syntax and pydantic errors into `Problem`s: label codes with parameters."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
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
from checklists.text.labels import show_value

__all__ = [
    "SCORING_KINDS",
    "item_path",
    "readable_path",
    "json_problem",
    "validation_problems",
    "show",
    "given",
]

SCORING_KINDS: tuple[str, ...] = tuple(
    str(model.model_fields["kind"].default)
    for model in (PointsScoring, StatusScoring, YesNoScoring, BandsScoring, InfoScoring)
)
_JSON_REASONS = {
    "Expecting ',' delimiter": "template.json.comma",
    "Expecting ':' delimiter": "template.json.colon",
    "Expecting value": "template.json.value",
    "Expecting property name enclosed in double quotes": "template.json.property",
    "Unterminated string starting at": "template.json.unterminated",
    "Invalid control character at": "template.json.control",
    "Invalid \\escape": "template.json.escape",
    "Extra data": "template.json.extra",
}


def item_path(name: str, index: int, ident: str = "") -> str:
    """One path step for a list item: `criteria[2] (B3)`, or `bands[0]` when it has no id."""
    return f"{name}[{index}] ({ident})" if ident else f"{name}[{index}]"


def given(value: Any) -> str:
    """A value people typed, as a label parameter (`{x:show}` renders it in either language):
    a number as Python writes it, anything else as short JSON."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    try:
        if isinstance(value, int | float):
            float(value)  # an int too large for a float raises OverflowError
            return str(value)
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (OverflowError, ValueError):  # an int too large for a float, or for str()
        text = repr(value) if not isinstance(value, int) or value.bit_length() < 10_000 else "…"
    return text if len(text) <= 40 else text[:37] + "..."


def show(value: Any, lang: str = "vi") -> str:
    """A short, readable rendering of a value people typed, as a message shows it in `lang`."""
    return show_value(given(value), lang)


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
    reason = next((c for en, c in _JSON_REASONS.items() if exc.msg.startswith(en)), exc.msg)
    params = {"line": exc.lineno, "column": exc.colno, "reason": reason}
    return Problem.labelled("", "template.json_syntax", params)


def validation_problems(exc: ValidationError, data: Any) -> list[Problem]:
    """One problem per pydantic error, except follow-on "too short" errors caused by bad items."""
    problems = []
    for error in exc.errors(include_url=False):
        if _is_follow_on(error):
            continue
        problems.append(Problem.labelled(readable_path(error["loc"], data), *_reason(error)))
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


def _reason(error: ErrorDetails) -> tuple[str, dict[str, object]]:
    """The label code and parameters saying what is wrong with one pydantic error."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    now = given(error["input"])
    last = error["loc"][-1] if error["loc"] else ""
    kinds = ", ".join(SCORING_KINDS)
    if kind == "missing":
        return ("template.missing_item" if isinstance(last, int) else "template.missing_field"), {}
    if kind == "extra_forbidden":
        return "template.extra_field", {"field": last}
    if kind == "union_tag_invalid":
        return "template.kind_invalid", {"kind": ctx.get("tag", ""), "kinds": kinds}
    if kind == "union_tag_not_found":
        return "template.kind_missing", {"kinds": kinds}
    if kind in ("enum", "literal_error"):
        code = "template.key_not_allowed" if last == "[key]" else "template.value_not_allowed"
        return code, {"value": now, "choices": _choices(str(ctx["expected"]))}
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == r"^[A-Za-z0-9_.\-]+$":
            return "template.identifier", {"value": now}
        if ctx.get("pattern") == r"\S":
            return "template.blank", {}
        return "template.pattern", {"pattern": ctx.get("pattern"), "value": now}
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "template.text_empty", {"value": now}
    simple = _SIMPLE.get(kind)
    if simple is None:
        return "template.value_invalid", {"kind": kind, "value": now}
    code, param, key = simple
    params: dict[str, object] = {"value": now}
    if param:
        limit = ctx.get(key)
        params[param] = given(limit) if param == "limit" else limit
    return code, params


# pydantic error type -> (label code, the label's parameter from ctx, the ctx key it reads)
_SIMPLE: dict[str, tuple[str, str, str]] = {
    "string_type": ("template.type.string", "", ""),
    "int_type": ("template.type.int", "", ""),
    "int_parsing": ("template.type.int", "", ""),
    "int_from_float": ("template.type.int_fraction", "", ""),
    "float_type": ("template.type.number", "", ""),
    "float_parsing": ("template.type.number", "", ""),
    "finite_number": ("template.type.finite", "", ""),
    "bool_type": ("template.type.bool", "", ""),
    "bool_parsing": ("template.type.bool", "", ""),
    "tuple_type": ("template.type.list", "", ""),
    "list_type": ("template.type.list", "", ""),
    "dict_type": ("template.type.object", "", ""),
    "model_type": ("template.type.object", "", ""),
    "model_attributes_type": ("template.type.object", "", ""),
    "string_too_short": ("template.text_too_short", "min", "min_length"),
    "string_too_long": ("template.text_too_long", "max", "max_length"),
    "too_short": ("template.too_few", "min", "min_length"),
    "too_long": ("template.too_many", "max", "max_length"),
    "greater_than_equal": ("template.at_least", "limit", "ge"),
    "greater_than": ("template.above", "limit", "gt"),
    "less_than_equal": ("template.at_most", "limit", "le"),
    "less_than": ("template.below", "limit", "lt"),
}
