"""Figures of one value: derived rate figures, and the checks that keep impossible figures out."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from checklists.scoring.bands import exact
from checklists.scoring.report import Reason
from checklists.template.model import Criterion, Figure

__all__ = ["exact_figures", "figures_with_rates", "figure_problems"]


def exact_figures(criterion: Criterion, figures: Mapping[str, float]) -> dict[str, Fraction]:
    """The entered figures plus every rate derivable from them (numerator/denominator x 100),
    as exact fractions, so a rate of 29 of 50 is exactly 58 when compared with a band edge.

    A rate whose two figures are present is always derived (an entered rate is overridden) and
    left out when the denominator is 0; when a figure is missing, an entered rate is kept as is.
    """
    entered = {key: exact(number) for key, number in figures.items()}
    result = dict(entered)
    for figure in criterion.figures:
        if figure.rate_of is None:
            continue
        numerator, denominator = (entered.get(k) for k in figure.rate_of)
        if numerator is None or denominator is None:
            continue
        if denominator == 0:
            result.pop(figure.id, None)
        else:
            result[figure.id] = numerator / denominator * 100
    return result


def figures_with_rates(criterion: Criterion, figures: Mapping[str, float]) -> dict[str, float]:
    """`exact_figures` as floats, for showing and storing in the report."""
    return {key: float(number) for key, number in exact_figures(criterion, figures).items()}


def _entered_problem(figure: Figure, value: float) -> Reason | None:
    params = {"figure": figure.label, "value": str(value)}
    if value < 0:
        return Reason(code="value.negative", params=params)
    if figure.integer and not float(value).is_integer():
        return Reason(code="value.not_whole", params=params)
    if (figure.unit == "%" or figure.rate_of is not None) and value > 100:
        return Reason(code="value.over_100", params=params)
    return None


def _rate_problem(
    criterion: Criterion, rate: Figure, figures: Mapping[str, float], banded: str
) -> Reason | None:
    if rate.rate_of is None:
        return None
    by_id = {f.id: f for f in criterion.figures}
    num_id, den_id = rate.rate_of
    numerator, denominator = figures.get(num_id), figures.get(den_id)
    if numerator is None or denominator is None or numerator < 0 or denominator < 0:
        return None
    params = {"numerator": by_id[num_id].label, "denominator": by_id[den_id].label}
    params["rate"] = rate.label
    if denominator == 0:
        if rate.id != banded:
            return None
        code = "value.rate_of_zero_na" if criterion.allow_na else "value.rate_of_zero"
        return Reason(code=code, params=params)
    if numerator > denominator:
        params |= {"num": str(numerator), "den": str(denominator)}
        return Reason(code="value.rate_over_100", params=params)
    return None


def figure_problems(criterion: Criterion, figures: Mapping[str, float]) -> list[Reason]:
    """Why the figures are impossible for this criterion, one reason each; empty when usable.

    Unknown figure keys, negative figures, fractions in whole-number figures, percentages outside
    0..100, a rate above 100% (numerator > denominator) and, for the figure the criterion's points
    come from, a rate over a denominator of 0.
    """
    problems: list[Reason | None] = []
    known = {f.id for f in criterion.figures}
    if unknown := sorted(key for key in figures if key not in known):
        labels = ", ".join(f.label for f in criterion.figures)
        code = "value.unknown_figure_known" if criterion.figures else "value.unknown_figure"
        problems += [
            Reason(code=code, params={"key": key, "known": labels} if labels else {"key": key})
            for key in unknown
        ]
    banded = criterion.scoring.figure if criterion.scoring.kind == "bands" else ""
    for figure in criterion.figures:
        value = figures.get(figure.id)
        if value is not None:
            problems.append(_entered_problem(figure, value))
        problems.append(_rate_problem(criterion, figure, figures, banded))
    return [p for p in problems if p is not None]
