"""Vietnamese number and date formatting: 1.454; 98,77%; ngày 24 tháng 11 năm 2023.

`format_number` is the one number formatter: domain messages, documents and the app's screens all
print numbers through it (`format_percent` adds the % sign); `round_number` is the one rounding
of the numbers a score report carries.
"""

from __future__ import annotations

from datetime import date, time

__all__ = [
    "format_number",
    "format_percent",
    "round_number",
    "format_date",
    "format_date_long",
    "format_place_date",
    "format_time",
    "format_document_number",
]

_VI_MARKS = str.maketrans(",.", ".,")


def format_number(value: float, decimals: int = 4, lang: str = "vi") -> str:
    """Group thousands and place the decimal mark the Vietnamese way ("1.454", "98,77").

    At most `decimals` decimals (4 unless told, as messages show them); trailing zeros of the
    fraction are dropped ("91" not "91,00"; "7,5" not "7,50"). English uses "1,454" and "98.77".
    """
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if lang == "en":
        return text
    return text.translate(_VI_MARKS)


def format_percent(value: float, decimals: int = 2, lang: str = "vi") -> str:
    """A percentage in Vietnamese form: "98,77%"."""
    return f"{format_number(value, decimals, lang)}%"


def round_number(value: float, decimals: int = 2) -> float:
    """Rounded to `decimals` decimals (2: as every number of the score report is); never -0.0."""
    return round(value, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0


def format_date(day: date, lang: str = "vi") -> str:
    """Short date: "24/11/2023" (both languages use day/month/year here)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def format_date_long(day: date, lang: str = "vi") -> str:
    """Date as written in official documents: "ngày 24 tháng 11 năm 2023".

    Decree 30/2020 puts a leading zero on days below 10 and on months 1 and 2
    ("ngày 05 tháng 01 năm 2020").
    """
    if lang == "en":
        return day.strftime("%d %B %Y").lstrip("0")
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def format_place_date(place: str, day: date, lang: str = "vi") -> str:
    """The date line of an official document: "Lạng Sơn, ngày 24 tháng 11 năm 2023" (a comma
    after the place name; without a place, just the date)."""
    written = format_date_long(day, lang)
    return f"{place}, {written}" if place else written[:1].upper() + written[1:]


def format_time(moment: time | None, lang: str = "vi") -> str:
    """A time as minutes write it: "08 giờ 30" ("…… giờ ……" when not known, to fill by hand)."""
    if moment is None:
        return "…… giờ ……" if lang != "en" else "……:……"
    if lang == "en":
        return f"{moment.hour:02d}:{moment.minute:02d}"
    return f"{moment.hour:02d} giờ {moment.minute:02d}"


def format_document_number(number: str, type_code: str, symbol: str, party: bool) -> str:
    """The number and symbol line: Decree 30 "Số: 05/TB-SNV", HD 36 "Số 05-TB/BDVTU".

    A number below 10 takes a leading 0; an empty number leaves a blank for the clerk to fill
    ("Số:       /TB-SNV"). An empty symbol leaves the type code alone ("Số: 05/TB").
    """
    digits = number.strip()
    if digits.isdigit() and len(digits) == 1:
        digits = "0" + digits
    shown = digits or "\u00a0" * 7
    if party:
        tail = f"{type_code}/{symbol}" if symbol else type_code
        return f"Số {shown}-{tail}"
    tail = f"{type_code}-{symbol}" if symbol else type_code
    return f"Số: {shown}/{tail}"
