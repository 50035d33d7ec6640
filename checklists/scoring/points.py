"""Points of one value for one criterion: the per-kind scoring rules.

Why a value is invalid is a list of reasons: label codes ("value.*") with parameters, which
`checklists.text.labels` puts into Vietnamese or English words (numbers in that language's form,
status levels by their labels).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from checklists.record.model import Value
from checklists.scoring.bands import band_containing, exact
from checklists.scoring.figures import exact_figures, figure_problems
from checklists.scoring.report import Reason
from checklists.template.model import Adjustment, BandsScoring, Criterion, ScoreBand

__all__ = [
    "Outcome",
    "evaluate",
    "evaluate_adjustment",
    "criterion_points",
    "band_points",
]

OutcomeKind = Literal["points", "not_applicable", "empty", "invalid"]

_EPS = 1e-9


@dataclass(frozen=True)
class Outcome:
    """What one value amounts to: points, N/A, nothing yet (empty) or invalid (with reasons)."""

    kind: OutcomeKind
    points: float | None = None
    reasons: tuple[Reason, ...] = ()

    @property
    def message(self) -> str:
        """Why the value is invalid, in Vietnamese ("" unless invalid)."""
        return self.message_in("vi")

    def message_in(self, lang: str = "vi") -> str:
        """Why the value is invalid, in `lang`: every reason, joined by "; "."""
        return "; ".join(r.message(lang) for r in self.reasons)

    def same_as(self, other: Outcome) -> bool:
        """Two outcomes agree when both are N/A or both give the same points."""
        if self.kind != other.kind:
            return False
        if self.points is None or other.points is None:
            return self.points is other.points
        return math.isclose(self.points, other.points, abs_tol=_EPS)


def band_points(bands: tuple[ScoreBand, ...], figure: float | Fraction) -> float | None:
    """Points of the band containing the figure ([min, max), exactly); None when none does."""
    band = band_containing(bands, figure)
    return None if band is None else band.points


def _on_step(score: float, step: float) -> bool:
    ratio = score / step
    return math.isclose(ratio, round(ratio), abs_tol=1e-6)


def _invalid(code: str, **params: object) -> Outcome:
    words = {k: str(v) for k, v in params.items()}
    return Outcome("invalid", reasons=(Reason(code=code, params=words),))


def _score_outcome(score: float | None, max_points: float, step: float) -> Outcome:
    if score is None:
        return Outcome("empty")
    if score < 0 or score > max_points + _EPS:
        return _invalid("value.score_range", score=score, max=max_points)
    if not _on_step(score, step):
        return _invalid("value.score_step", score=score, step=step)
    return Outcome("points", score)


def _bands_outcome(criterion: Criterion, scoring: BandsScoring, value: Value) -> Outcome:
    figure = exact_figures(criterion, value.figures).get(scoring.figure)
    if figure is None:
        return Outcome("empty")
    points = band_points(scoring.bands, figure)
    if points is None:
        label = next((f.label for f in criterion.figures if f.id == scoring.figure), "")
        return _invalid("value.no_band", figure=label, value=float(figure))
    return Outcome("points", points)


def evaluate(criterion: Criterion, value: Value) -> Outcome:
    """What the value is worth on this criterion, following the criterion's scoring kind.

    Impossible figures (see `figure_problems`) make the value invalid whatever the kind, so they
    never earn points; info-only criteria carry no points and stay empty unless their figures are
    impossible (a negative count is as wrong there as anywhere).
    """
    scoring = criterion.scoring
    if scoring.kind == "info" and not value.not_applicable:
        problems = figure_problems(criterion, value.figures)
        if problems:
            return Outcome("invalid", reasons=tuple(problems))
    if scoring.kind == "info":
        return Outcome("empty")
    if value.not_applicable:
        if criterion.allow_na:
            return Outcome("not_applicable")
        return _invalid("value.na_not_allowed")
    problems = figure_problems(criterion, value.figures)
    if problems:
        return Outcome("invalid", reasons=tuple(problems))
    if scoring.kind == "points":
        return _score_outcome(value.score, criterion.max_points, scoring.step)
    if scoring.kind == "status":
        if value.status is None:
            return Outcome("empty")
        fraction = scoring.fractions.get(value.status)
        if fraction is None:
            return _invalid("value.status_unused", status=f"status.{value.status.value}")
        return Outcome("points", fraction * criterion.max_points)
    if scoring.kind == "yes_no":
        if value.answer is None:
            return Outcome("empty")
        earns = value.answer == scoring.yes_scores
        return Outcome("points", criterion.max_points if earns else 0.0)
    return _bands_outcome(criterion, scoring, value)


def evaluate_adjustment(adjustment: Adjustment, value: Value) -> Outcome:
    """What the value is worth on a bonus or penalty line (no N/A).

    Free points: 0..max on the line's step. Per unit: the value's `score` is a whole count,
    worth count x points each, capped at the line's max.
    """
    if value.not_applicable:
        return Outcome("empty")
    if adjustment.per_unit is None:
        return _score_outcome(value.score, adjustment.max_points, adjustment.step)
    count = value.score
    if count is None:
        return Outcome("empty")
    if count < 0 or not float(count).is_integer():
        unit = adjustment.per_unit.unit
        if not unit:
            return _invalid("value.count_units", count=count)
        return _invalid("value.count", unit=unit, count=count)
    points = exact(count) * exact(adjustment.per_unit.points)
    return Outcome("points", float(min(points, exact(adjustment.max_points))))


def criterion_points(criterion: Criterion, value: Value) -> float | None:
    """Points the value earns on the criterion; None when N/A, not yet given, invalid or info."""
    outcome = evaluate(criterion, value)
    return outcome.points if outcome.kind == "points" else None
