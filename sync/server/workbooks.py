"""XLSX files as plain rows and back (openpyxl): the file-format edge of template spreadsheets.

Reading is capped (bytes, sheets, rows, columns) so a hostile or huge file costs little, and
any file openpyxl cannot read becomes `WorkbookUnreadable` (422), never a 500.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException

from sync.server.errors import Refused

__all__ = ["XLSX_MIME", "WorkbookUnreadable", "read_workbook", "write_workbook"]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MAX_SHEETS = 20
_MAX_ROWS = 2000
_MAX_COLUMNS = 60
_MAX_UNPACKED = 50 * 1024 * 1024


class WorkbookUnreadable(Refused):
    """The file is no XLSX workbook this server can read (or is far too large): send another."""


def read_workbook(data: bytes) -> dict[str, list[list[object]]]:
    """Every sheet's cell values (formulas as their last computed values), by sheet name."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise WorkbookUnreadable("the file is not an XLSX workbook") from exc
    if unpacked > _MAX_UNPACKED:
        raise WorkbookUnreadable("the workbook is too large once unpacked")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise WorkbookUnreadable("the XLSX workbook cannot be read") from exc
    try:
        if len(book.sheetnames) > _MAX_SHEETS:
            raise WorkbookUnreadable(f"the workbook has more than {_MAX_SHEETS} sheets")
        sheets: dict[str, list[list[object]]] = {}
        for sheet in book.worksheets:
            rows: list[list[object]] = []
            for n, row in enumerate(sheet.iter_rows(values_only=True)):
                if n >= _MAX_ROWS:
                    raise WorkbookUnreadable(f"a sheet has more than {_MAX_ROWS} rows")
                rows.append(list(row[:_MAX_COLUMNS]))
            sheets[sheet.title] = rows
        return sheets
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
        raise WorkbookUnreadable("the XLSX workbook cannot be read") from exc
    finally:
        book.close()


def write_workbook(sheets: Mapping[str, Sequence[Sequence[object]]]) -> bytes:
    """An XLSX file of these sheets: the first row bold and frozen, text wrapped, widths set."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(title=name[:31])
        for row in rows:
            sheet.append(list(row))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            widest = max((len(str(c.value)) for c in column if c.value is not None), default=8)
            letter = column[0].column_letter
            sheet.column_dimensions[letter].width = min(max(widest, 8) + 2, 60)
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
