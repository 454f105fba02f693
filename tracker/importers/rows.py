"""Collecting every problem of a row, with file, row and column, instead of stopping at the first."""
from __future__ import annotations

from typing import Any

from tracker.commands import FieldReader
from tracker.errors import Problem
from tracker.importers.reader import ColumnSpec, Row, Table
from tracker.importers.values import parse_text
from tracker.programme import Programme
from tracker.rules.uscc import USCCError, normalize_uscc


class RowReader(FieldReader):
    """A file row's fields; its problems name the file, the row and the header as written."""

    def __init__(self, table: Table, row: Row, specs: dict[str, ColumnSpec], problems: list[Problem]):
        super().__init__(row.values, problems, file=table.file, row=row.number,
                         max_chars={s.id: s.max_chars for s in specs.values() if s.max_chars})
        self.row, self.specs = row, specs

    def column(self, field_id: str) -> str:
        spec = self.specs.get(field_id)
        return self.row.headers.get(field_id) or (spec.header if spec else field_id)


def non_negative(value: Any) -> str | None:
    return "不能为负数" if value < 0 else None


def specs_by_id(columns: list[ColumnSpec]) -> dict[str, ColumnSpec]:
    return {c.id: c for c in columns}


def read_uscc(r: RowReader) -> str | None:
    """The row's USCC, normalised, or None with the problem recorded."""
    raw = r.get("uscc", parse_text)
    if raw is None:
        return None
    try:
        return normalize_uscc(raw)
    except USCCError as exc:
        r.problem("uscc", str(exc))
        return None


def unique_in_file(r: RowReader, column_id: str, value: str | None, first_row_of: dict[str, int],
                   what: str) -> None:
    """Record a problem when `value` already appeared on an earlier row of the file."""
    if value is None:
        return
    if value in first_row_of:
        r.problem(column_id, f"{what} {value} 与第{first_row_of[value]}行重复")
    else:
        first_row_of[value] = r.row.number


def read_district(r: RowReader, programme: Programme, *, allow_outside: bool) -> str | None:
    """The canonical district (aliases folded), or None with the problem recorded."""
    raw = r.get("district", parse_text)
    if raw is None:
        return None
    name = programme.district_name(raw)
    if name is None:
        r.problem("district", f"未知的地区「{raw}」")
    elif name == programme.outside_district and not allow_outside:
        r.problem("district", "项目承担单位须在苏州市行政区域内注册")
        return None
    return name


def read_cluster(r: RowReader, programme: Programme) -> str | None:
    raw = r.get("industry_cluster", parse_text)
    if raw is not None and programme.cluster_name(raw) is None:
        names = "、".join(c.name for c in programme.clusters)
        r.problem("industry_cluster", f"未知的产业集群「{raw}」，应为：{names}")
        return None
    return raw
