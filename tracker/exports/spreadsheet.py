"""The one writer of every XLSX export: cells are data, never code.

Text an enterprise or district typed (names, titles, references) ends up in spreadsheets the
bureau opens. A text starting with = + - @ tab or carriage return would be taken for a
formula (=HYPERLINK(...) can send a cell's neighbours to another site), so it is written as
text with a leading apostrophe, as OWASP recommends for CSV injection; characters a workbook
cannot hold (control characters such as ESC) are removed rather than failing the export.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What the XML of a workbook cannot carry (openpyxl refuses these with an exception).
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
MAX_CELL_CHARS = 32_767  # Excel's own limit per cell


def safe_text(value: str) -> str:
    text = ILLEGAL.sub("", value)[:MAX_CELL_CHARS - 1]
    return "'" + text if text.startswith(FORMULA_START) else text


def safe_value(value: Any) -> Any:
    """Numbers, dates and booleans stay themselves; everything else becomes safe text."""
    if value is None or isinstance(value, (bool, int, float, Decimal, dt.date, dt.datetime)):
        return value
    return safe_text(str(value))


def write_xlsx(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """One workbook: for each sheet its title, header and rows. Streamed (write-only), so a
    whole portfolio exports in little memory."""
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(safe_text(title)[:31] or "sheet")
        sheet.append([_cell(sheet, h) for h in header])
        for row in rows:
            sheet.append([_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=safe_value(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # never "f": openpyxl would take a leading "=" for a formula
    return cell
