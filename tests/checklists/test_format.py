"""Vietnamese number and date forms, as documents and the UI print them."""

from __future__ import annotations

from datetime import date

import pytest

from checklists.format import format_date, format_date_long, format_number, format_percent


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
