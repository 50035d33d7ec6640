"""Cross-field rules within one criterion (figures, fractions, step, score bands) and for ranges.

Each rule's problem is a label code with parameters (`checklists.text.labels`, "template.*").
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from checklists.errors import Problem
from checklists.template.messages import item_path
from checklists.template.model import Criterion, ScoreBand, Status

__all__ = ["check_criterion", "check_ranges", "duplicates", "is_multiple", "unreachable"]

_problem = Problem.labelled


def is_multiple(value: float, step: float) -> bool:
    """Whether `value` is reached in whole steps (within float noise)."""
    ratio = value / step
    return math.isclose(ratio, round(ratio), abs_tol=1e-9)


def unreachable(path: str, max_points: float, step: float) -> Problem:
    """The problem of a maximum that whole steps never reach."""
    return _problem(path, "template.unreachable_max", {"max": max_points, "step": step})


def duplicates(entries: Iterable[tuple[str, str]], rule: str) -> list[Problem]:
    """A problem at every (key, path) whose key was seen before; `rule` is the label code saying
    what must be unique ("template.unique.*")."""
    seen: dict[str, str] = {}
    problems = []
    for key, path in entries:
        if key in seen:
            params = {"key": key, "first": seen[key], "rule": rule}
            problems.append(_problem(path, "template.duplicate_id", params))
        else:
            seen[key] = path.rsplit(".", 1)[0]
    return problems


def check_criterion(c: Criterion, where: str) -> list[Problem]:
    """Problems of one criterion; `where` is its path, e.g. `sections[0] (A).criteria[2] (A3)`."""
    problems = _check_figures(c, where) + _check_flags(c, where)
    scoring = c.scoring
    if scoring.kind == "info":
        if c.max_points != 0:
            params: dict[str, object] = {"max": c.max_points}
            problems.append(_problem(f"{where}.max_points", "template.info_max", params))
        return problems
    if c.max_points <= 0:
        params = {"kind": scoring.kind}
        return [*problems, _problem(f"{where}.max_points", "template.scored_max", params)]
    if scoring.kind == "points" and not is_multiple(c.max_points, scoring.step):
        problems.append(unreachable(f"{where}.max_points", c.max_points, scoring.step))
    if scoring.kind == "status":
        problems += _check_fractions(dict(scoring.fractions), f"{where}.scoring.fractions")
    if scoring.kind == "bands":
        figure_ids = [f.id for f in c.figures]
        if scoring.figure not in figure_ids:
            code = "template.bands_figure" if figure_ids else "template.bands_figure_none"
            params = {"figure": scoring.figure, "known": ", ".join(figure_ids)}
            problems.append(_problem(f"{where}.scoring.figure", code, params))
        path = f"{where}.scoring"
        ranges = [
            (item_path(f"{path}.bands", k), b.min, b.max) for k, b in enumerate(scoring.bands)
        ]
        problems += check_ranges(ranges, "template.range.band", f"{path}.bands")
        for (band_path, _, _), band in zip(ranges, scoring.bands, strict=True):
            if band.points > c.max_points:
                params = {"points": band.points, "max": c.max_points}
                problems.append(_problem(f"{band_path}.points", "template.band_over_max", params))
        problems += _beyond_percent(c, scoring.figure, ranges, scoring.bands)
        best = max((b.points for b in scoring.bands), default=0.0)
        if scoring.bands and best < c.max_points:
            params = {"best": best, "max": c.max_points}
            problems.append(_problem(f"{path}.bands", "template.bands_top_short", params))
    return problems


def _beyond_percent(
    c: Criterion,
    figure_id: str,
    ranges: list[tuple[str, float, float | None]],
    bands: tuple[ScoreBand, ...],
) -> list[Problem]:
    """Bands on a percentage that start above 100 %: no value can ever fall in them."""
    figure = next((f for f in c.figures if f.id == figure_id), None)
    if figure is None or not (figure.unit == "%" or figure.rate_of is not None):
        return []
    problems = []
    for (path, low, _), band in zip(ranges, bands, strict=True):
        if math.isfinite(low) and low > 100:
            top = band.points >= c.max_points
            code = "template.band_over_100_top" if top else "template.band_over_100"
            params = {"low": low, "figure": figure.label, "points": band.points}
            if top:
                params["max"] = c.max_points
            problems.append(_problem(f"{path}.min", code, params))
    return problems


def _check_flags(c: Criterion, where: str) -> list[Problem]:
    """Evidence rules and marks that can never apply to this kind of criterion."""
    problems = []
    kind = c.scoring.kind
    if c.evidence.photo_required_when_no and kind != "yes_no":
        path = f"{where}.evidence.photo_required_when_no"
        problems.append(_problem(path, "template.photo_no_kind", {"kind": kind}))
    if c.evidence.photo_required_below_max and kind == "info":
        path = f"{where}.evidence.photo_required_below_max"
        problems.append(_problem(path, "template.photo_below_max_info"))
    if c.critical and kind == "info":
        problems.append(_problem(f"{where}.critical", "template.critical_info"))
    return problems


def _check_fractions(fractions: dict[Status, float], path: str) -> list[Problem]:
    missing = [f"status.{status.value}" for status in Status if status not in fractions]
    if missing:
        return [_problem(path, "template.fractions_missing", {"missing": ",".join(missing)})]
    problems = []
    if fractions[Status.DAT] != 1.0:
        params = {"value": fractions[Status.DAT]}
        problems.append(_problem(f"{path}.{Status.DAT.value}", "template.fraction_full", params))
    if not fractions[Status.DAT] >= fractions[Status.DAT_MOT_PHAN] >= fractions[Status.KHONG_DAT]:
        problems.append(_problem(f"{path}.{Status.DAT_MOT_PHAN.value}", "template.fraction_order"))
    return problems


def _check_figures(c: Criterion, where: str) -> list[Problem]:
    paths = {f.id: f"{where}.{item_path('figures', k, f.id)}" for k, f in enumerate(c.figures)}
    problems = duplicates(
        ((f.id, f"{where}.{item_path('figures', k, f.id)}.id") for k, f in enumerate(c.figures)),
        "template.unique.figure",
    )
    for figure in c.figures:
        if figure.rate_of is None:
            continue
        wrong = [ref for ref in figure.rate_of if ref not in paths or ref == figure.id]
        numerator, denominator = figure.rate_of
        if numerator == denominator and not wrong:
            params = {"figure": numerator}
            problems.append(_problem(f"{paths[figure.id]}.rate_of", "template.rate_self", params))
        derived = [
            ref
            for ref in figure.rate_of
            if ref not in wrong and any(f.id == ref and f.rate_of for f in c.figures)
        ]
        if derived:
            params = {"figures": ", ".join(derived)}
            path = f"{paths[figure.id]}.rate_of"
            problems.append(_problem(path, "template.rate_derived", params))
        if wrong:
            params = {"figures": ", ".join(wrong)}
            problems.append(_problem(f"{paths[figure.id]}.rate_of", "template.rate_wrong", params))
    return problems


def check_ranges(
    ranges: list[tuple[str, float, float | None]], what: str, where: str
) -> list[Problem]:
    """Ranges [min, max) must tile from 0 (or below) upwards with no gap, no overlap, top open.

    `what` is the label code naming one range ("template.range.band" or "...rating").
    """
    bad = [
        _problem(f"{p}.{end}", "template.limit_finite")
        for p, lo, hi in ranges
        for end, value in (("min", lo), ("max", hi))
        if value is not None and not math.isfinite(value)
    ]
    if bad or not ranges:
        return bad or [_problem(where, "template.range_none", {"what": what})]
    problems = [
        _problem(f"{p}.max", "template.range_inverted", {"max": hi, "min": lo})
        for p, lo, hi in ranges
        if hi is not None and hi <= lo
    ]
    ordered = sorted(ranges, key=lambda r: r[1])
    path, low, _ = ordered[0]
    if low > 0:
        problems.append(_problem(f"{path}.min", "template.range_start", {"what": what, "low": low}))
    for (path, _, high), (next_path, next_low, _) in zip(ordered, ordered[1:], strict=False):
        if high is None or high > next_low:
            params: dict[str, object] = {"next": next_path, "limit": next_low}
            problems.append(_problem(f"{path}.max", "template.range_overlap", params))
        elif high < next_low:
            params = {"high": high, "low": next_low, "next": next_path}
            problems.append(_problem(f"{path}.max", "template.range_gap", params))
    path, _, high = ordered[-1]
    if high is not None:
        problems.append(_problem(f"{path}.max", "template.range_top", {"what": what, "high": high}))
    return problems
