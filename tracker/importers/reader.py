"""Read a CSV (UTF-8 or GB18030) or the first sheet of an XLSX into numbered rows.

The header row is the first row holding every required column, by id or Chinese header
(title rows above it are skipped); matching ignores surrounding spaces, letter case and
full-width/half-width forms. Rows are numbered as the spreadsheet numbers them.
"""
from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from tracker.errors import InputError, Problem
from tracker.importers.values import is_blank

HEADER_SEARCH_ROWS = 30
# Limits that keep one import file from exhausting memory; beyond them the file is refused
# with the row that crossed the line (the bureau's real files are far smaller).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 300
MAX_CELL_CHARS = 32_767  # what one Excel cell can hold


@dataclass(frozen=True)
class ColumnSpec:
    id: str
    header: str  # Chinese header
    required: bool = True  # the column must be present (a value may still be optional)
    max_chars: int | None = None  # the database column's length, checked with the row's number


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, Any]   # column id -> raw cell
    headers: dict[str, str]  # column id -> header as written in the file


@dataclass(frozen=True)
class Table:
    file: str
    rows: list[Row]


def normalize_header(text: Any) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text or "")).split()).casefold()


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(Problem("无法识别文件编码：请另存为 UTF-8 或 GB18030 编码的 CSV", file=name))


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _capped(name: str, rows: Iterator[Sequence[Any]]) -> list[tuple[int, list[Any]]]:
    """Every row, numbered; refused at the first row beyond a limit."""
    out = []
    for number, cells in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise InputError(Problem(f"文件超过 {MAX_ROWS} 行，请拆分后分别导入", file=name, row=number))
        cells = list(cells)
        while cells and is_blank(cells[-1]):
            cells.pop()  # trailing empty cells are no columns
        if len(cells) > MAX_COLUMNS:
            raise InputError(Problem(f"本行有 {len(cells)} 列，超过上限 {MAX_COLUMNS} 列", file=name, row=number,
                                     column=column_letter(MAX_COLUMNS)))
        for index, cell in enumerate(cells):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                raise InputError(Problem(f"单元格超过 {MAX_CELL_CHARS} 个字符", file=name, row=number,
                                         column=column_letter(index)))
        out.append((number, cells))
    return out


def _csv_rows(path: Path) -> list[tuple[int, list[Any]]]:
    text = _decode(path.read_bytes(), path.name)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _capped(path.name, reader)
    except csv.Error as exc:
        raise InputError(Problem(f"CSV 格式错误（第{reader.line_num}行）：{exc}", file=path.name,
                                 row=reader.line_num)) from None


def _xlsx_rows(path: Path) -> list[tuple[int, list[Any]]]:
    from openpyxl import load_workbook  # only when a workbook is read

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise InputError(Problem(f"无法读取 Excel 工作簿：{exc}", file=path.name)) from None
    try:
        sheet = book.worksheets[0]
        # The stored <dimension> may lie: too small loses rows, too large allocates a
        # grid that is not there. Forget it and read the rows the sheet really holds.
        sheet.reset_dimensions()
        return _capped(path.name, sheet.iter_rows(values_only=True))
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise InputError(Problem(f"无法读取 Excel 工作簿：{exc}", file=path.name)) from None
    finally:
        book.close()


def raw_rows(path: Path) -> list[tuple[int, list[Any]]]:
    if not path.exists():
        raise InputError(Problem("文件不存在", file=str(path)))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(Problem(f"文件超过 {MAX_FILE_BYTES // 1024 // 1024} MB，请拆分后分别导入", file=path.name))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(path)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path)
    raise InputError(Problem(f"不支持的文件类型「{path.suffix}」：请使用 .csv 或 .xlsx", file=path.name))


def read_table(path: Path, columns: Sequence[ColumnSpec]) -> Table:
    """The rows of `path` keyed by column id; InputError when the header cannot be found."""
    rows = raw_rows(path)
    lookup: dict[str, ColumnSpec] = {}
    for spec in columns:
        lookup[normalize_header(spec.id)] = spec
        lookup[normalize_header(spec.header)] = spec
    required = [c for c in columns if c.required]
    best: tuple[int, int, list[ColumnSpec]] | None = None
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        found = {lookup[h].id for h in map(normalize_header, cells) if h in lookup}
        missing = [c for c in required if c.id not in found]
        if not missing:
            return _table_from(path.name, rows, number, cells, lookup)
        if found and (best is None or len(found) > best[1]):
            best = (number, len(found), missing)
    if best is None:
        names = "、".join(c.header for c in required)
        raise InputError(Problem(f"找不到表头行：应包含 {names}", file=path.name))
    number, _, missing = best
    return _raise_missing(path.name, number, missing)


def _raise_missing(file: str, number: int, missing: list[ColumnSpec]) -> Table:
    raise InputError([Problem(f"表头缺少必需列「{c.header}」（{c.id}）", file=file, row=number,
                              column=c.header, field=c.id) for c in missing])


def _table_from(file: str, rows: list[tuple[int, list[Any]]], header_number: int,
                header_cells: list[Any], lookup: dict[str, ColumnSpec]) -> Table:
    positions: dict[int, ColumnSpec] = {}
    written: dict[str, str] = {}
    problems = []
    for index, cell in enumerate(header_cells):
        key = normalize_header(cell)
        if not key:
            continue
        spec = lookup.get(key)
        if spec is None:  # a column we do not know (序号, 备注...) is left alone
            continue
        if spec.id in written:
            problems.append(Problem(f"列「{spec.header}」出现了两次", file=file, row=header_number,
                                    column=str(cell).strip(), field=spec.id))
            continue
        positions[index] = spec
        written[spec.id] = str(cell).strip()
    if problems:
        raise InputError(problems)
    table_rows = []
    for number, cells in rows:
        if number <= header_number or all(is_blank(c) for c in cells):
            continue
        values = {spec.id: (cells[i] if i < len(cells) else None) for i, spec in positions.items()}
        table_rows.append(Row(number, values, written))
    return Table(file, table_rows)
