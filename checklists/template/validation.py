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
    given,
    item_path,
    json_problem,
    readable_path,
    validation_problems,
)
from checklists.template.model import Template

__all__ = ["parse_template", "check_template"]

_problem = Problem.labelled


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
            problem = _problem("", "template.not_utf8", {"position": exc.start})
            raise TemplateInvalid([problem], source) from exc
    text, parsed = _json_text(data, source) if isinstance(data, str | Mapping) else ("", data)
    if not isinstance(parsed, Mapping):
        problem = _problem("", "template.not_object", {"value": given(parsed)})
        raise TemplateInvalid([problem], source)
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
        problem = _problem("", "template.too_deep")
        raise TemplateInvalid([problem], source) from exc
    except (TypeError, ValueError) as exc:
        # A number too long for Python (4300 digits), a circular reference, a value JSON lacks.
        big = "digits" in str(exc)
        code = "template.json_big_number" if big else "template.json_unrepresentable"
        raise TemplateInvalid([_problem("", code)], source) from exc


def _duplicate_keys(root: Any) -> list[Problem]:
    """A problem for every key written twice in one JSON object (the first value would be lost)."""
    problems = []
    stack: list[tuple[tuple[int | str, ...], Any]] = [((), root)]
    while stack:
        loc, node = stack.pop()
        if isinstance(node, _JsonObject):
            for key in node.duplicates:
                path = readable_path((*loc, key), root)
                problems.append(_problem(path, "template.duplicate_key", {"key": key}))
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
            problems.append(_problem(f"{where}.max_points", "template.adjustment_max"))
        # A per-unit line reaches its max through the cap, whatever the step.
        elif adj.per_unit is None and not is_multiple(adj.max_points, adj.step):
            problems.append(unreachable(f"{where}.max_points", adj.max_points, adj.step))
    bands = [
        (item_path("rating_bands", k, b.code), b.min, b.max) for k, b in enumerate(t.rating_bands)
    ]
    problems += check_ranges(bands, "template.range.rating", "rating_bands")
    problems += _check_band_labels(t)
    for path, low, _ in bands:
        if math.isfinite(low) and low > t.total_points:
            params = {"low": low, "total": t.total_points}
            problems.append(_problem(f"{path}.min", "template.rating_unreachable", params))
    return problems + _check_hard_fails(t) + _check_addressees(t)


def _check_addressees(t: Template) -> list[Problem]:
    """Addressee ids are unique and every recommendation names a declared one (or none)."""
    declared = [
        (a.id, f"{item_path('addressees', k, a.id)}.id") for k, a in enumerate(t.addressees)
    ]
    problems = duplicates(declared, "template.unique.addressee")
    known = {a.id for a in t.addressees}
    named = [
        (
            f"{item_path('sections', i, s.id)}.{item_path('criteria', j, c.id)}.recommendation_to",
            c.recommendation_to,
        )
        for i, s in enumerate(t.sections)
        for j, c in enumerate(s.criteria)
    ]
    named += [
        (f"general_recommendations[{k}].to", g.to) for k, g in enumerate(t.general_recommendations)
    ]
    codes = ", ".join(sorted(known))
    for path, to in named:
        if to and to not in known:
            params = {"to": to, "known": codes}
            problems.append(_problem(path, "template.unknown_addressee", params))
    return problems


def _check_band_labels(t: Template) -> list[Problem]:
    """Two rating bands with one label could not be told apart on a report."""
    seen: dict[str, str] = {}
    problems = []
    for k, band in enumerate(t.rating_bands):
        path = item_path("rating_bands", k, band.code)
        key = " ".join(band.label.split()).casefold()
        if key in seen:
            params = {"label": band.label, "first": seen[key]}
            problems.append(_problem(f"{path}.label", "template.rating_label_twice", params))
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
        duplicates(sections, "template.unique.section")
        + duplicates(criteria + adjustments, "template.unique.criterion")
        + duplicates(bands, "template.unique.rating")
        + duplicates(fails, "template.unique.hard_fail")
    )


def _check_totals(t: Template) -> list[Problem]:
    problems = []
    for i, s in enumerate(t.sections):
        total = sum(c.max_points for c in s.criteria)
        if not math.isclose(total, s.max_points, abs_tol=1e-9):
            path = f"{item_path('sections', i, s.id)}.max_points"
            params = {"max": s.max_points, "sum": total}
            problems.append(_problem(path, "template.section_total", params))
    total = sum(s.max_points for s in t.sections)
    if t.total_points <= 0:
        problems.append(_problem("total_points", "template.total_positive"))
    elif not math.isclose(total, t.total_points, abs_tol=1e-9):
        params = {"total": t.total_points, "sum": total}
        problems.append(_problem("total_points", "template.total_mismatch", params))
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
            params: dict[str, object] = {"criterion": fail.criterion}
            problems.append(
                _problem(f"{where}.criterion", "template.hard_fail.no_criterion", params)
            )
        elif criterion.scoring.kind == "info":
            params = {"criterion": fail.criterion}
            problems.append(_problem(f"{where}.criterion", "template.hard_fail.info", params))
        elif math.isfinite(fail.at_most) and fail.at_most >= criterion.max_points:
            params = {
                "at_most": fail.at_most,
                "max": criterion.max_points,
                "criterion": fail.criterion,
            }
            problems.append(_problem(f"{where}.at_most", "template.hard_fail.always", params))
        if not math.isfinite(fail.at_most):
            problems.append(_problem(f"{where}.at_most", "template.hard_fail.finite"))
        elif fail.at_most < 0:
            params = {"at_most": fail.at_most}
            problems.append(_problem(f"{where}.at_most", "template.hard_fail.never", params))
        if fail.cap not in codes:
            params = {"cap": fail.cap, "codes": ", ".join(codes)}
            problems.append(_problem(f"{where}.cap", "template.hard_fail.no_rating", params))
        elif fail.cap == top.code and codes.count(top.code) == 1:
            params = {"label": top.label, "code": top.code}
            problems.append(_problem(f"{where}.cap", "template.hard_fail.top", params))
    return problems
