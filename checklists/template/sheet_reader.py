"""A template from spreadsheet rows, every problem placed at its sheet, row and column.

The rows become the template's JSON (see `sheet_layout`), which goes through the one loading
path, `parse_template`; each problem it reports is then traced back to the cell (or row, or
sheet) that filled the field, e.g. "Trang tính “Tiêu chí”, dòng 7, cột G (Điểm tối đa): ...".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from checklists.errors import Problem, TemplateInvalid
from checklists.template.messages import readable_path
from checklists.template.model import Template
from checklists.template.sheet_layout import (
    CRITERION_REF,
    LAYOUTS,
    SECTION_REF,
    Column,
    SheetLayout,
    WordProblem,
    decode,
    normal,
)
from checklists.template.validation import parse_template
from checklists.text.labels import label

__all__ = ["CellProblem", "GUIDE_SHEETS", "column_letter", "template_from_sheets"]

GUIDE_SHEETS = ("Hướng dẫn", "Guide")
"""Sheets an author may keep for notes; reading skips them."""

Loc = tuple[int | str, ...]


@dataclass(frozen=True)
class CellProblem(Problem):
    """A problem placed in a spreadsheet: the sheet, the row and column when known.

    `path` is the place in Vietnamese; `text(lang)` says the place and why in either language;
    `detail` is the part of the field inside the cell (e.g. `[1].points` of a bands cell).
    """

    sheet: str = ""
    row: int | None = None
    column: int | None = None
    """0-based index of the column (A is 0)."""
    header: tuple[str, str] = ("", "")
    detail: str = ""

    def place(self, lang: str = "vi") -> str:
        """Where, in `lang`: sheet, row and column as people see them."""
        params: dict[str, object] = {"sheet": self.sheet, "row": self.row or ""}
        if self.column is not None:
            params |= {
                "column": column_letter(self.column),
                "header": self.header[1 if lang == "en" else 0],
            }
            where = label("template.sheet.where_cell", lang, params)
        elif self.row is not None:
            where = label("template.sheet.where_row", lang, params)
        else:
            where = label("template.sheet.where_sheet", lang, params)
        return f"{where} — {self.detail}" if self.detail else where

    def text(self, lang: str = "vi") -> str:
        return f"{self.place(lang)}: {self.message_in(lang)}"


def column_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class _Where:
    sheet: str
    row: int | None = None
    column: int | None = None
    spec: Column | None = None

    def problem(
        self, code: str, params: Mapping[str, object] | None = None, detail: str = ""
    ) -> CellProblem:
        words = {k: str(v) for k, v in (params or {}).items()}
        found = CellProblem("", label(code, "vi", words), code, words)
        return self.placed(found, detail)

    def reference(self) -> str:
        """Where, as a spreadsheet writes it whatever the language: 'Tiêu chí'!B7, or a row."""
        if self.row is None:
            return f"'{self.sheet}'"
        if self.column is None:
            return f"'{self.sheet}'!{self.row}:{self.row}"
        return f"'{self.sheet}'!{column_letter(self.column)}{self.row}"

    def placed(
        self, problem: Problem, detail: str = "", params: Mapping[str, str] | None = None
    ) -> CellProblem:
        header = (self.spec.vi, self.spec.en) if self.spec else ("", "")
        words = dict(params if params is not None else problem.params)
        message = label(problem.code, "vi", words) if problem.code else problem.message
        placed = CellProblem(
            "",
            message,
            problem.code,
            words,
            self.sheet,
            self.row,
            self.column,
            header,
            detail,
        )
        return CellProblem(
            placed.place("vi"),
            placed.message,
            placed.code,
            placed.params,
            self.sheet,
            self.row,
            self.column,
            header,
            detail,
        )


@dataclass
class _Sheet:
    layout: SheetLayout
    name: str
    columns: dict[int, Column]
    rows: list[tuple[int, dict[int, object]]]
    """(1-based row number, column index -> non-empty cell) of each non-blank data row."""

    def where(self, row: int | None = None, key: str = "") -> _Where:
        index = next((i for i, c in self.columns.items() if c.key == key), None)
        spec = self.columns[index] if index is not None else None
        return _Where(self.name, row, index, spec)


@dataclass
class _Build:
    data: dict[str, Any] = field(default_factory=dict)
    locs: dict[Loc, _Where] = field(default_factory=dict)
    problems: list[CellProblem] = field(default_factory=list)
    flagged: set[Loc] = field(default_factory=set)
    """Fields whose cell already has a problem of its own (validation would repeat it)."""


def template_from_sheets(
    sheets: Mapping[str, Sequence[Sequence[object]]], source: str = ""
) -> Template:
    """The template the sheets describe, or `TemplateInvalid` whose problems are `CellProblem`s
    (or plain `Problem`s for what no cell holds). A missing version is 1."""
    found, problems = _sheets(sheets)
    if problems:
        raise TemplateInvalid(list(problems), source)
    build = _Build()
    _fill(found, build)
    try:
        template = parse_template(build.data, source)
    except TemplateInvalid as exc:
        placed = _place(exc.problems, build)
        raise TemplateInvalid([*build.problems, *placed], source) from exc
    if build.problems:
        raise TemplateInvalid(list(build.problems), source)
    return template


def _sheets(
    sheets: Mapping[str, Sequence[Sequence[object]]],
) -> tuple[dict[str, _Sheet], list[CellProblem]]:
    """Each layout's sheet with its columns matched, and what is wrong with names and headings."""
    names = {
        normal(n): layout for layout in LAYOUTS for n in (layout.vi, layout.en, layout.key) if n
    }
    known = ", ".join(f"“{layout.vi}”" for layout in LAYOUTS)
    found: dict[str, _Sheet] = {}
    problems: list[CellProblem] = []
    for name, rows in sheets.items():
        layout = names.get(normal(name))
        if layout is None:
            if normal(name) not in {normal(g) for g in GUIDE_SHEETS}:
                problems.append(
                    _Where(name).problem(
                        "template.sheet.unknown_sheet", {"sheet": name, "known": known}
                    )
                )
            continue
        if layout.key in found:
            problems.append(
                _Where(name).problem("template.sheet.twice", {"other": found[layout.key].name})
            )
            continue
        sheet, trouble = _read_sheet(layout, name, rows)
        found[layout.key] = sheet
        problems += trouble
    for layout in LAYOUTS:
        if layout.required and layout.key not in found:
            problems.append(
                _Where(layout.vi).problem("template.sheet.missing_sheet", {"sheet": layout.vi})
            )
    return found, problems


def _cells(row: Sequence[object]) -> dict[int, object]:
    """The row's non-empty cells by column index; anything JSON cannot hold becomes its text."""
    cells: dict[int, object] = {}
    for i, value in enumerate(row):
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        plain = isinstance(value, str | int | float | bool)
        cells[i] = value if plain else str(value)
    return cells


def _read_sheet(
    layout: SheetLayout, name: str, rows: Sequence[Sequence[object]]
) -> tuple[_Sheet, list[CellProblem]]:
    headings = {normal(n): c for c in layout.columns for n in (c.vi, c.en, c.key)}
    head = _cells(rows[0]) if rows else {}
    columns: dict[int, Column] = {}
    problems: list[CellProblem] = []
    if not head:
        problems.append(_Where(name, 1).problem("template.sheet.no_header"))
    choices = ", ".join(f"“{c.vi}”" for c in layout.columns)
    for i, value in head.items():
        column = headings.get(normal(str(value)))
        where = _Where(name, 1, i, column)
        if column is None:
            params = {"header": value, "known": choices}
            problems.append(where.problem("template.sheet.unknown_column", params))
        elif column in columns.values():
            other = next(j for j, c in columns.items() if c == column)
            params = {"header": value, "other": column_letter(other)}
            problems.append(where.problem("template.sheet.column_twice", params))
        else:
            columns[i] = column
    if head:
        for column in layout.columns:
            if column.required and column not in columns.values():
                problems.append(
                    _Where(name, 1).problem("template.sheet.missing_column", {"header": column.vi})
                )
    data = [(n + 1, _cells(row)) for n, row in enumerate(rows) if n > 0]
    data = [(n, {i: v for i, v in cells.items() if i in columns}) for n, cells in data]
    return _Sheet(layout, name, columns, [(n, c) for n, c in data if c]), problems


def _fill(found: dict[str, _Sheet], build: _Build) -> None:
    """The template's JSON from the sheets, noting which cell filled which field."""
    header = found.get("")
    if header is not None:
        if len(header.rows) > 1:
            build.problems.append(
                _Where(header.name).problem("template.sheet.one_row", {"count": len(header.rows)})
            )
        row, cells = header.rows[0] if header.rows else (2, {})
        _item(header, row, cells, (), build.data, build)
        build.data.setdefault("version", 1)
    sections = found.get("sections")
    build.data["sections"] = []
    if sections is not None:
        build.locs[("sections",)] = _Where(sections.name)
        for row, cells in sections.rows:
            loc: Loc = ("sections", len(build.data["sections"]))
            item: dict[str, Any] = {}
            _item(sections, row, cells, loc, item, build)
            item["criteria"] = []
            build.locs[(*loc, "criteria")] = _Where(sections.name, row)
            build.data["sections"].append(item)
    criteria = _children(found, "criteria", SECTION_REF, "sections", _sections(build), build)
    _children(found, "figures", CRITERION_REF, "criteria", criteria, build)
    for layout in LAYOUTS:
        if layout.key in ("", "sections", "criteria", "figures"):
            continue
        build.data[layout.key] = []
        sheet = found.get(layout.key)
        if sheet is None:
            continue
        build.locs[(layout.key,)] = _Where(sheet.name)
        for row, cells in sheet.rows:
            item = {}
            _item(sheet, row, cells, (layout.key, len(build.data[layout.key])), item, build)
            build.data[layout.key].append(item)


def _sections(build: _Build) -> dict[str, tuple[Loc, list[Any]]]:
    found: dict[str, tuple[Loc, list[Any]]] = {}
    for i, section in enumerate(build.data["sections"]):
        if isinstance(section.get("id"), str):
            found.setdefault(section["id"], (("sections", i, "criteria"), section["criteria"]))
    return found


def _children(
    found: dict[str, _Sheet],
    key: str,
    ref: str,
    parent_sheet: str,
    parents: dict[str, tuple[Loc, list[Any]]],
    build: _Build,
) -> dict[str, tuple[Loc, list[Any]]]:
    """Rows that each belong to a parent row named in their `ref` column (a criterion's
    section, a figure's criterion); returns the children by id, as parents of the next level."""
    sheet = found.get(key)
    children: dict[str, tuple[Loc, list[Any]]] = {}
    if sheet is None:
        return children
    parent_name = found[parent_sheet].name if parent_sheet in found else parent_sheet
    child_list = "figures"  # a criterion's children; figures have none
    for row, cells in sheet.rows:
        index = next((i for i, c in sheet.columns.items() if c.key == ref), None)
        owner = (
            str(decode("text", cells[index])).strip()
            if index is not None and index in cells
            else ""
        )
        if owner not in parents:
            params = {"value": owner, "sheet": parent_name}
            code = (
                "template.sheet.unknown_section"
                if key == "criteria"
                else "template.sheet.unknown_criterion"
            )
            build.problems.append(sheet.where(row, ref).problem(code, params))
            continue
        parent_loc, siblings = parents[owner]
        loc = (*parent_loc, len(siblings))
        item: dict[str, Any] = {}
        _item(sheet, row, cells, loc, item, build)
        siblings.append(item)
        if key == "criteria":
            item.setdefault(child_list, [])
            build.locs[(*loc, child_list)] = _Where(sheet.name, row)
            if isinstance(item.get("id"), str):
                children.setdefault(item["id"], ((*loc, child_list), item[child_list]))
    return children


def _item(
    sheet: _Sheet, row: int, cells: dict[int, object], loc: Loc, item: dict[str, Any], build: _Build
) -> None:
    """Fill `item` from one row's cells, noting each field's cell (empty cells too)."""
    if loc:
        build.locs[loc] = _Where(sheet.name, row)
    for index, column in sheet.columns.items():
        if column.key.startswith("@"):
            continue
        parts = column.key.split("/")
        where = _Where(sheet.name, row, index, column)
        build.locs[(*loc, *parts)] = where
        if len(parts) > 1:
            build.locs.setdefault((*loc, *parts[:-1]), where)
        if index not in cells:
            continue
        try:
            value = decode(column.codec, cells[index])
        except WordProblem as exc:
            build.problems.append(where.problem(exc.code, exc.params))
            build.flagged.add((*loc, *parts))
            continue
        target = item
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value


def _prefixes(path: str) -> Iterator[tuple[str, str]]:
    """(prefix, rest) of a readable path, longest prefix first, cut before each "." or "["."""
    for i in range(len(path), -1, -1):
        if i == len(path) or path[i] in ".[":
            yield path[:i], path[i:].lstrip(".")


def _tagged(loc: Loc, data: Any) -> Loc:
    """The location as pydantic reports it: the scoring kind inserted after `scoring` (the
    discriminator tag `readable_path` then drops)."""
    if "scoring" not in loc[:-1]:
        return loc
    at = loc.index("scoring")
    node = data
    for key in loc[: at + 1]:
        node = node[key] if isinstance(node, dict | list) else None  # type: ignore[index]
        if node is None:
            return loc
    kind = node.get("kind") if isinstance(node, dict) else None
    return (*loc[: at + 1], kind, *loc[at + 1 :]) if isinstance(kind, str) else loc


def _place(problems: list[Problem], build: _Build) -> list[Problem]:
    """Each validation problem at the cell, row or sheet that filled its field; none at a cell
    whose own problem is already reported."""
    places = {
        readable_path(_tagged(loc, build.data), build.data): w for loc, w in build.locs.items()
    }
    flagged = {build.locs[loc] for loc in build.flagged}
    placed: list[Problem] = []
    for problem in problems:
        # A parameter naming another place (the first of two equal ids) names its cell too.
        params = {k: places[v].reference() if v in places else v for k, v in problem.params.items()}
        for prefix, rest in _prefixes(problem.path):
            if prefix and prefix in places:
                if places[prefix] not in flagged:
                    placed.append(places[prefix].placed(problem, rest, params))
                break
        else:
            placed.append(problem)
    return placed
