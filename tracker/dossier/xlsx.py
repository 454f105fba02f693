"""Spreadsheet cells as data, never formulas: text typed by enterprises ends up in files the
bureau opens, and a cell starting with = + - @ would run as a formula (CSV/XLSX injection),
so such text gets a leading apostrophe; characters a workbook cannot hold are dropped."""
from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
MAX_CELL_CHARS = 32_767


def safe_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, Decimal, dt.date, dt.datetime)):
        return value
    text = ILLEGAL.sub("", str(value))[:MAX_CELL_CHARS - 1]
    return "'" + text if text.startswith(FORMULA_START) else text


def write_xlsx(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """One workbook: for each sheet its title, header (bold, frozen) and rows."""
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append([safe_value(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append([safe_value(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
