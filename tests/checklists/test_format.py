"""Vietnamese number and date forms, as documents and the UI print them."""

from __future__ import annotations

from datetime import date

import pytest

from checklists.text.format import (
    format_date,
    format_date_long,
    format_number,
    format_percent,
    round_number,
)


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (1454, 0, "vi", "1.454"),
        (46804, 0, "vi", "46.804"),
        (98.77, 2, "vi", "98,77"),
        (91.0, 2, "vi", "91"),
        (7.5, 2, "vi", "7,5"),
        (1234567.891, 2, "vi", "1.234.567,89"),
        (0.0, 2, "vi", "0"),
        (-0.001, 2, "vi", "0"),
        (1454, 0, "en", "1,454"),
        (98.77, 2, "en", "98.77"),
    ],
)
def test_format_number(value: float, decimals: int, lang: str, expected: str) -> None:
    assert format_number(value, decimals, lang) == expected


def test_format_percent() -> None:
    assert format_percent(98.77) == "98,77%"
    assert format_percent(99.4, 1) == "99,4%"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 11, 24), "ngày 24 tháng 11 năm 2023"),
        (date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (date(2021, 2, 9), "ngày 09 tháng 02 năm 2021"),
        (date(2021, 3, 9), "ngày 09 tháng 3 năm 2021"),
    ],
)
def test_format_date_long(day: date, expected: str) -> None:
    assert format_date_long(day) == expected


def test_format_date_short() -> None:
    assert format_date(date(2023, 11, 4)) == "04/11/2023"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.5, "0,5"), (1000, "1.000"), (2.12345, "2,1235"), (46804, "46.804"), (-1.25, "-1,25")],
)
def test_messages_show_up_to_four_decimals_unless_told(value: float, expected: str) -> None:
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(98.7654, 2, 98.77), (-0.001, 2, 0.0), (92.5, 0, 92.0), (1 / 3, 4, 0.3333)],
)
def test_report_numbers_are_rounded_in_one_place(
    value: float, decimals: int, expected: float
) -> None:
    rounded = round_number(value, decimals)
    assert (rounded, str(rounded).startswith("-")) == (expected, False)
