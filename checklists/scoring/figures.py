"""Figures of one value: derived rate figures, and the checks that keep impossible figures out."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from checklists.scoring.bands import exact
from checklists.template.model import Criterion, Figure
from checklists.text.format import format_number

__all__ = ["exact_figures", "figures_with_rates", "figure_problems"]

_NA = "Không áp dụng"


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


def _entered_problem(figure: Figure, value: float) -> str:
    name = f"“{figure.label}”"
    if value < 0:
        return f"{name} không được là số âm, đang là {format_number(value)}"
    if figure.integer and not float(value).is_integer():
        return f"{name} phải là số nguyên, đang là {format_number(value)}"
    if (figure.unit == "%" or figure.rate_of is not None) and value > 100:
        return f"{name} phải từ 0 đến 100%, đang là {format_number(value)}%"
    return ""


def _rate_problem(
    criterion: Criterion, rate: Figure, figures: Mapping[str, float], banded: str
) -> str:
    if rate.rate_of is None:
        return ""
    by_id = {f.id: f for f in criterion.figures}
    num_id, den_id = rate.rate_of
    numerator, denominator = figures.get(num_id), figures.get(den_id)
    if numerator is None or denominator is None or numerator < 0 or denominator < 0:
        return ""
    num_label, den_label = by_id[num_id].label, by_id[den_id].label
    if denominator == 0:
        if rate.id != banded:
            return ""
        message = f"“{den_label}” bằng 0 nên không tính được “{rate.label}” để chấm điểm"
        if criterion.allow_na:
            message += f"; nếu trong kỳ không phát sinh, hãy chọn “{_NA}”"
        return message
    if numerator > denominator:
        return (
            f"“{num_label}” ({format_number(numerator)}) lớn hơn "
            f"“{den_label}” ({format_number(denominator)}) "
            f"nên “{rate.label}” vượt quá 100%"
        )
    return ""


def figure_problems(criterion: Criterion, figures: Mapping[str, float]) -> list[str]:
    """Why the figures are impossible for this criterion, one message each; empty when usable.

    Unknown figure keys, negative figures, fractions in whole-number figures, percentages outside
    0..100, a rate above 100% (numerator > denominator) and, for the figure the criterion's points
    come from, a rate over a denominator of 0.
    """
    known = {f.id: f for f in criterion.figures}
    problems = [
        f"số liệu “{key}” không có trong tiêu chí này"
        + (
            f"; các số liệu của tiêu chí: {', '.join(f.label for f in criterion.figures)}"
            if criterion.figures
            else ""
        )
        for key in sorted(figures)
        if key not in known
    ]
    banded = criterion.scoring.figure if criterion.scoring.kind == "bands" else ""
    for figure in criterion.figures:
        value = figures.get(figure.id)
        if value is not None:
            problems.append(_entered_problem(figure, value))
        problems.append(_rate_problem(criterion, figure, figures, banded))
    return [p[:1].upper() + p[1:] for p in problems if p]
