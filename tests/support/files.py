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


def minimal_pdf(text: str = "evidence") -> bytes:
    """A small PDF that holds together: objects, a cross-reference table at the offset
    startxref names, and %%EOF (what the evidence check asks of an upload)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
               f"<< /Title ({text}) >>".encode()]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out
