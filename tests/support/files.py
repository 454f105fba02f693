"""Helpers that write import files: the shared examples with one cell changed, GB18030, XLSX."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [row for row in csv.reader(f)]


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def changed(example: Path, out: Path, changes: dict[tuple[int, str], Any]) -> Path:
    """A copy of `example` with cells changed: {(data row index from 0, header): value}."""
    rows = read_rows(example)
    header = rows[0]
    for (index, column), value in changes.items():
        rows[index + 1][header.index(column)] = value
    return write_csv(out, rows)


def write_xlsx(path: Path, rows: list[list[Any]], title_rows: list[list[Any]] = ()) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in [*title_rows, *rows]:
        sheet.append(row)
    book.save(path)
    return path
