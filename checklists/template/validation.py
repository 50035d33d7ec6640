"""Template validation: the one way outside data becomes a `Template`, and cross-field rules."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from checklists.errors import Problem, TemplateInvalid
from checklists.template.checks import (
    check_criterion,
    check_ranges,
    duplicates,
    is_multiple,
    unreachable,
)
from checklists.template.messages import (
    item_path,
    json_problem,
    readable_path,
    show,
    validation_problems,
)
from checklists.template.model import Template
from checklists.text.format import format_number

__all__ = ["parse_template", "check_template"]


def parse_template(data: Mapping[str, Any] | str | bytes, source: str = "") -> Template:
    """A template from JSON text or a parsed mapping, or `TemplateInvalid` listing every problem.

    Never raises anything else. JSON text is validated strictly (no `"4"` for 4, no `true` for 1)
    and must not repeat a key within an object. A mapping takes the same path: it is written out
    as JSON first, so it is held to the same rules (values JSON cannot hold are reported).
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problem = Problem("", f"tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {exc.start})")
            raise TemplateInvalid([problem], source) from exc
    text, parsed = _json_text(data, source) if isinstance(data, str | Mapping) else ("", data)
    if not isinstance(parsed, Mapping):
        message = f"mẫu phiếu phải là một đối tượng JSON {{...}}, đang là {show(parsed)}"
        raise TemplateInvalid([Problem("", message)], source)
    problems = _duplicate_keys(parsed)
    try:
        template = Template.model_validate_json(text, strict=True)
    except ValidationError as exc:
        problems += validation_problems(exc, parsed)
    if problems:
        raise TemplateInvalid(problems, source)
    problems = check_template(template)
    if problems:
        raise TemplateInvalid(problems, source)
    return template


class _JsonObject(dict[str, Any]):
    """A parsed JSON object that remembers the keys it held more than once."""

    duplicates: tuple[str, ...] = ()


def _json_object(pairs: list[tuple[str, Any]]) -> _JsonObject:
    obj = _JsonObject(pairs)
    if len(obj) < len(pairs):
        keys = [k for k, _ in pairs]
        obj.duplicates = tuple(dict.fromkeys(k for i, k in enumerate(keys) if k in keys[:i]))
    return obj


def _json_text(data: Mapping[str, Any] | str, source: str) -> tuple[str, Any]:
    """The JSON text and its parse (objects as `_JsonObject`); TemplateInvalid if unreadable."""
    try:
        text = data if isinstance(data, str) else json.dumps(dict(data), ensure_ascii=False)
        return text, json.loads(text, object_pairs_hook=_json_object)
    except json.JSONDecodeError as exc:
        raise TemplateInvalid([json_problem(exc)], source) from exc
    except RecursionError as exc:
        problem = Problem("", "dữ liệu JSON lồng nhau quá sâu nên không đọc được")
        raise TemplateInvalid([problem], source) from exc
    except (TypeError, ValueError) as exc:
        # A number too long for Python (4300 digits), a circular reference, a value JSON lacks.
        what = "số quá lớn" if "digits" in str(exc) else "giá trị không biểu diễn được bằng JSON"
        raise TemplateInvalid(
            [Problem("", f"dữ liệu JSON có {what} nên không đọc được")], source
        ) from exc


def _duplicate_keys(root: Any) -> list[Problem]:
    """A problem for every key written twice in one JSON object (the first value would be lost)."""
    problems = []
    stack: list[tuple[tuple[int | str, ...], Any]] = [((), root)]
    while stack:
        loc, node = stack.pop()
        if isinstance(node, _JsonObject):
            for key in node.duplicates:
                message = f"trường “{key}” được ghi nhiều lần trong cùng một đối tượng; chỉ giữ một"
                problems.append(Problem(readable_path((*loc, key), root), message))
        if isinstance(node, dict):
            stack += [((*loc, k), v) for k, v in node.items()]
        elif isinstance(node, list):
            stack += [((*loc, i), v) for i, v in enumerate(node)]
    return sorted(problems, key=lambda p: p.path)


def check_template(t: Template) -> list[Problem]:
    """Every rule that spans fields (ids, sums, bands, references); an empty list means usable."""
    problems = _check_ids(t) + _check_totals(t)
    for i, section in enumerate(t.sections):
        for j, c in enumerate(section.criteria):
            where = f"{item_path('sections', i, section.id)}.{item_path('criteria', j, c.id)}"
            problems += check_criterion(c, where)
    for k, adj in enumerate(t.adjustments):
        where = item_path("adjustments", k, adj.id)
        if adj.max_points <= 0:
            problems.append(Problem(f"{where}.max_points", "điểm tối đa phải lớn hơn 0"))
        # A per-unit line reaches its max through the cap, whatever the step.
        elif adj.per_unit is None and not is_multiple(adj.max_points, adj.step):
            problems.append(unreachable(f"{where}.max_points", adj.max_points, adj.step))
    bands = [
        (item_path("rating_bands", k, b.code), b.min, b.max) for k, b in enumerate(t.rating_bands)
    ]
    problems += check_ranges(bands, "xếp loại", "rating_bands")
    problems += _check_band_labels(t)
    for path, low, _ in bands:
        if math.isfinite(low) and low > t.total_points:
            message = (
                f"ngưỡng {format_number(low)} vượt quá tổng điểm {format_number(t.total_points)} "
                "nên không thể đạt"
            )
            problems.append(Problem(f"{path}.min", message))
    return problems + _check_hard_fails(t)


def _check_band_labels(t: Template) -> list[Problem]:
    """Two rating bands with one label could not be told apart on a report."""
    seen: dict[str, str] = {}
    problems = []
    for k, band in enumerate(t.rating_bands):
        path = item_path("rating_bands", k, band.code)
        key = " ".join(band.label.split()).casefold()
        if key in seen:
            message = (
                f"tên xếp loại “{band.label}” trùng với {seen[key]}; "
                "mỗi xếp loại cần một tên riêng để phân biệt trên báo cáo"
            )
            problems.append(Problem(f"{path}.label", message))
        else:
            seen[key] = path
    return problems


def _check_ids(t: Template) -> list[Problem]:
    sections = [(s.id, f"{item_path('sections', i, s.id)}.id") for i, s in enumerate(t.sections)]
    criteria = [
        (c.id, f"{item_path('sections', i, s.id)}.{item_path('criteria', j, c.id)}.id")
        for i, s in enumerate(t.sections)
        for j, c in enumerate(s.criteria)
    ]
    adjustments = [
        (a.id, f"{item_path('adjustments', k, a.id)}.id") for k, a in enumerate(t.adjustments)
    ]
    bands = [
        (b.code, f"{item_path('rating_bands', k, b.code)}.code")
        for k, b in enumerate(t.rating_bands)
    ]
    fails = [(h.id, f"{item_path('hard_fails', k, h.id)}.id") for k, h in enumerate(t.hard_fails)]
    return (
        duplicates(sections, "mỗi nhóm tiêu chí cần một mã riêng")
        + duplicates(
            criteria + adjustments,
            "mỗi tiêu chí và mỗi dòng điểm thưởng/điểm trừ cần một mã riêng trong toàn mẫu phiếu",
        )
        + duplicates(bands, "mỗi xếp loại cần một mã riêng")
        + duplicates(fails, "mỗi điều kiện hạ xếp loại cần một mã riêng")
    )


def _check_totals(t: Template) -> list[Problem]:
    problems = []
    for i, s in enumerate(t.sections):
        total = sum(c.max_points for c in s.criteria)
        if not math.isclose(total, s.max_points, abs_tol=1e-9):
            message = (
                f"điểm tối đa của nhóm là {format_number(s.max_points)} nhưng tổng điểm tối đa "
                f"các tiêu chí là {format_number(total)}; hai số phải bằng nhau"
            )
            problems.append(Problem(f"{item_path('sections', i, s.id)}.max_points", message))
    total = sum(s.max_points for s in t.sections)
    if t.total_points <= 0:
        problems.append(Problem("total_points", "tổng điểm phải lớn hơn 0"))
    elif not math.isclose(total, t.total_points, abs_tol=1e-9):
        message = (
            f"tổng điểm của mẫu phiếu là {format_number(t.total_points)} nhưng tổng điểm tối đa "
            f"các nhóm là {format_number(total)}; hai số phải bằng nhau"
        )
        problems.append(Problem("total_points", message))
    return problems


def _check_hard_fails(t: Template) -> list[Problem]:
    criteria = {c.id: c for c in t.criteria()}
    codes = [b.code for b in t.rating_bands]
    top = max(t.rating_bands, key=lambda b: b.min)
    problems = []
    for k, fail in enumerate(t.hard_fails):
        where = item_path("hard_fails", k, fail.id)
        criterion = criteria.get(fail.criterion)
        if criterion is None:
            message = f"không có tiêu chí nào mang mã “{fail.criterion}”"
            problems.append(Problem(f"{where}.criterion", message))
        elif criterion.scoring.kind == "info":
            message = (
                f"tiêu chí “{fail.criterion}” chỉ ghi nhận số liệu, không có điểm "
                "nên không dùng được"
            )
            problems.append(Problem(f"{where}.criterion", message))
        elif math.isfinite(fail.at_most) and fail.at_most >= criterion.max_points:
            message = (
                f"ngưỡng {format_number(fail.at_most)} không nhỏ hơn điểm tối đa "
                f"{format_number(criterion.max_points)} "
                f"của tiêu chí “{fail.criterion}” nên điều kiện luôn xảy ra"
            )
            problems.append(Problem(f"{where}.at_most", message))
        if not math.isfinite(fail.at_most):
            problems.append(Problem(f"{where}.at_most", "phải là số hữu hạn"))
        elif fail.at_most < 0:
            message = (
                f"ngưỡng {format_number(fail.at_most)} nhỏ hơn 0 "
                "nên điều kiện không bao giờ xảy ra "
                "(điểm của tiêu chí không âm)"
            )
            problems.append(Problem(f"{where}.at_most", message))
        if fail.cap not in codes:
            message = (
                f"không có xếp loại nào mang mã “{fail.cap}”; các mã hiện có: {', '.join(codes)}"
            )
            problems.append(Problem(f"{where}.cap", message))
        elif fail.cap == top.code and codes.count(top.code) == 1:
            message = (
                f"“{top.label}” ({top.code}) là xếp loại cao nhất nên hạ xếp loại xuống mức này "
                "không có tác dụng; hãy chọn một xếp loại thấp hơn"
            )
            problems.append(Problem(f"{where}.cap", message))
    return problems
