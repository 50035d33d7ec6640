"""Band lookup: the one [min, max) range that holds a number, compared exactly.

Score bands of a criterion and rating bands of a template are both looked up here. Numbers are
compared as fractions, not floats: 29 of 50 is exactly 58 %, so it lands in a band starting at 58
(as a float, 29 / 50 x 100 is 57.99999999999999 and would miss it). A float bound or value is
read as the shortest decimal that gives it back, i.e. as people wrote it (99.4 is 497/5).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction
from typing import Protocol, TypeVar

__all__ = ["Range", "exact", "band_containing"]


class Range(Protocol):
    """Anything with a lower bound and an optional upper bound (None: no upper bound)."""

    @property
    def min(self) -> float: ...

    @property
    def max(self) -> float | None: ...


R = TypeVar("R", bound=Range)


def exact(value: float | Fraction) -> Fraction:
    """The number as written: a float is read from its shortest decimal form (ValueError if not
    finite)."""
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    return Fraction(repr(float(value)))


def band_containing(bands: Iterable[R], value: float | Fraction) -> R | None:
    """The first band with min <= value < max (exactly); None when no band holds the value.

    A value that is not a finite number is in no band.
    """
    if not isinstance(value, Fraction) and not math.isfinite(value):
        return None
    number = exact(value)
    for band in bands:
        if number >= exact(band.min) and (band.max is None or number < exact(band.max)):
            return band
    return None
