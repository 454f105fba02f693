"""An applicants workbook (INTERFACES.md 2.1) of any size for the import benchmark: the
example file's first row, repeated with distinct, valid USCCs and names."""
from __future__ import annotations

import csv
import random
from pathlib import Path

from openpyxl import Workbook

from tracker.demo.names import make_name, make_uscc

EXAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "examples" / "applicants.csv"


def write_applicants(path: Path, count: int, seed: int = 7) -> Path:
    with EXAMPLE.open(encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        header, template = next(rows), next(rows)
    uscc_at, name_at, district_at = (header.index(h) for h in ("统一社会信用代码", "企业名称", "所属地区"))
    cluster = template[header.index("产业集群")]
    district = template[district_at]
    rng, seen = random.Random(seed), set()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("申报单位")
    sheet.append(header)
    while len(seen) < count:
        uscc = make_uscc(rng, district)
        if uscc in seen:
            continue
        seen.add(uscc)
        row = list(template)
        row[uscc_at], row[name_at] = uscc, make_name(rng, district, cluster)
        sheet.append(row)
    book.save(path)
    return path
