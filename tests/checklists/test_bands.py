"""One band lookup for score bands and rating bands, compared exactly on the band edges."""

from __future__ import annotations

from fractions import Fraction

import pytest

from checklists.record.model import Value
from checklists.scoring.bands import band_containing, exact
from checklists.scoring.engine import rating_for
from checklists.scoring.points import evaluate
from checklists.template.model import (
    BandsScoring,
    Criterion,
    Figure,
    RatingBand,
    ScoreBand,
    Section,
    Template,
)

# A satisfaction rate banded at 58 % and 99.4 %: edges a float quotient misses.
RATE = Criterion(
    id="E2",
    label="Tỷ lệ hài lòng",
    max_points=15,
    scoring=BandsScoring(
        figure="rate",
        bands=(
            ScoreBand(min=0, max=58, points=0),
            ScoreBand(min=58, max=99.4, points=8),
            ScoreBand(min=99.4, points=15),
        ),
    ),
    figures=(
        Figure(id="valid", label="Số câu trả lời hợp lệ", integer=True),
        Figure(id="satisfied", label="Số câu trả lời hài lòng", integer=True),
        Figure(id="rate", label="Tỷ lệ hài lòng", unit="%", rate_of=("satisfied", "valid")),
    ),
)

BANDS = (
    RatingBand(code="tot", label="Tốt", min=90.1),
    RatingBand(code="kha", label="Khá", min=0.3, max=90.1),
)


@pytest.mark.parametrize(
    ("satisfied", "valid", "points"),
    [
        (29, 50, 8.0),  # 29 / 50 x 100 is 57.99999999999999 as a float, exactly 58 here
        (28, 50, 0.0),
        (57, 100, 0.0),
        (58, 100, 8.0),
        (994, 1000, 15.0),  # exactly 99.4: on the edge written in the template
        (993, 1000, 8.0),
        (1954, 1965, 15.0),
        (0, 7, 0.0),
    ],
)
def test_a_derived_rate_on_a_band_edge_lands_in_the_band_above(
    satisfied: int, valid: int, points: float
) -> None:
    outcome = evaluate(RATE, Value(figures={"satisfied": satisfied, "valid": valid}))
    assert (outcome.kind, outcome.points) == ("points", points)


@pytest.mark.parametrize(
    ("entered", "points"),
    [(58, 8.0), (57.99, 0.0), (99.4, 15.0), (99.39, 8.0), (100, 15.0)],
)
def test_an_entered_rate_is_compared_as_written(entered: float, points: float) -> None:
    outcome = evaluate(RATE, Value(figures={"rate": entered}))
    assert (outcome.kind, outcome.points) == ("points", points)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (90.1, "tot"),
        (90.09, "kha"),
        (Fraction(901, 10), "tot"),
        (0.1 + 0.2, "kha"),  # 0.30000000000000004 reads back as itself, above 0.3
        (0.3, "kha"),
        (0.29, None),
        (float("nan"), None),
        (float("inf"), None),
    ],
)
def test_band_containing_compares_exactly(value: float | Fraction, code: str | None) -> None:
    band = band_containing(BANDS, value)
    assert (band.code if band else None) == code


def test_rating_bands_use_the_same_lookup() -> None:
    template = Template(
        id="t",
        version=1,
        title="Thử",
        programme="Thử",
        total_points=15,
        sections=(Section(id="E", title="E", max_points=15, criteria=(RATE,)),),
        rating_bands=(
            RatingBand(code="dat", label="Đạt", min=8.7),
            RatingBand(code="chua_dat", label="Chưa đạt", min=0, max=8.7),
        ),
    )
    got = [(t, b.code if (b := rating_for(template, t)) else None) for t in (8.7, 8.69, -0.01)]
    assert got == [(8.7, "dat"), (8.69, "chua_dat"), (-0.01, None)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (99.4, Fraction(497, 5)),
        (58, Fraction(58)),
        (0.1, Fraction(1, 10)),
        (1e-05, Fraction(1, 100000)),
    ],
)
def test_exact_reads_a_float_as_its_shortest_decimal(value: float, expected: Fraction) -> None:
    assert exact(value) == expected


def test_exact_refuses_a_number_that_is_not_finite() -> None:
    with pytest.raises(ValueError, match="not a finite number"):
        exact(float("inf"))
