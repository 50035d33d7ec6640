"""Vietnamese number and date forms, as documents and the UI print them."""

from __future__ import annotations

from datetime import date, time

import pytest

from checklists.text.format import (
    format_date,
    format_date_long,
    format_document_number,
    format_number,
    format_percent,
    format_place_date,
    format_time,
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


@pytest.mark.parametrize(
    "number,code,symbol,party,expected",
    [
        ("5", "TB", "SNV", False, "Số: 05/TB-SNV"),
        ("12", "BC", "SNV", False, "Số: 12/BC-SNV"),
        ("12", "TB", "BDVTU", True, "Số 12-TB/BDVTU"),
        ("7", "BB", "BDVTU", True, "Số 07-BB/BDVTU"),
        ("", "TB", "SNV", False, "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/TB-SNV"),
        ("3", "TB", "", False, "Số: 03/TB"),
    ],
)
def test_document_numbers_take_each_layouts_form(
    number: str, code: str, symbol: str, party: bool, expected: str
) -> None:
    assert format_document_number(number, code, symbol, party) == expected


@pytest.mark.parametrize(
    "place,day,expected",
    [
        ("Lạng Sơn", date(2023, 11, 24), "Lạng Sơn, ngày 24 tháng 11 năm 2023"),
        ("Hà Nội", date(2020, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2020"),
        ("Huế", date(2024, 2, 9), "Huế, ngày 09 tháng 02 năm 2024"),
        ("", date(2024, 3, 1), "Ngày 01 tháng 3 năm 2024"),
    ],
)
def test_the_date_line_puts_a_comma_after_the_place_and_leading_zeros(
    place: str, day: date, expected: str
) -> None:
    assert format_place_date(place, day) == expected


def test_minutes_times_read_in_hours_and_minutes_or_leave_a_blank() -> None:
    assert format_time(time(8, 5)) == "08 giờ 05"
    assert format_time(time(14, 30), "en") == "14:30"
    assert format_time(None) == "…… giờ ……"
