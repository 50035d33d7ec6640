"""A template as spreadsheet rows: one list of rows per sheet, headings first (see `sheet_layout`).

Authors start from a real template: download a published one, change it, upload it again.
Reading the rows back (`sheet_reader.template_from_sheets`) gives the same template, with the same
content hash.
"""

from __future__ import annotations

from typing import Any

from checklists.template.model import Template
from checklists.template.sheet_layout import (
    CRITERION_REF,
    LAYOUTS,
    SECTION_REF,
    Cell,
    SheetLayout,
    encode,
)
from checklists.template.sheet_reader import GUIDE_SHEETS
from checklists.text.labels import label

__all__ = ["Sheets", "template_to_sheets"]

_GUIDE = ("title", "rows", "refs", "kinds", "cells", "upload")

Sheets = dict[str, list[list[Cell]]]
"""Sheet name -> rows of plain cell values, the heading row first."""


def template_to_sheets(template: Template, lang: str = "vi") -> Sheets:
    """Every sheet of the template's spreadsheet, named and headed in `lang` ("vi" or "en"),
    and a last sheet that says how to write one (skipped when read)."""
    data = template.model_dump(mode="json")
    sheets = {layout.name(lang): _sheet(layout, data, lang) for layout in LAYOUTS}
    guide: list[list[Cell]] = [[label(f"template.sheet.guide.{part}", lang)] for part in _GUIDE]
    sheets[GUIDE_SHEETS[1 if lang == "en" else 0]] = guide
    return sheets


def _sheet(layout: SheetLayout, data: dict[str, Any], lang: str) -> list[list[Cell]]:
    rows: list[list[Cell]] = [[column.header(lang) for column in layout.columns]]
    for refs, item in _items(layout, data):
        rows.append(
            [
                refs[c.key] if c.key in refs else encode(c.codec, _get(item, c.key), lang)
                for c in layout.columns
            ]
        )
    return rows


def _items(layout: SheetLayout, data: dict[str, Any]) -> list[tuple[dict[str, str], Any]]:
    """The sheet's items, each with the ids of the rows it belongs to (section, criterion)."""
    if layout.single:
        return [({}, data)]
    criteria = [(s["id"], c) for s in data["sections"] for c in s["criteria"]]
    if layout.key == "criteria":
        return [({SECTION_REF: section}, c) for section, c in criteria]
    if layout.key == "figures":
        return [({CRITERION_REF: c["id"]}, f) for _, c in criteria for f in c["figures"]]
    return [({}, item) for item in data[layout.key]]


def _get(item: Any, key: str) -> Any:
    for part in key.split("/"):
        if not isinstance(item, dict):
            return None
        item = item.get(part)
    return item
