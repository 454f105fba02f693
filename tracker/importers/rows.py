"""Collecting every problem of a row, with file, row and column, instead of stopping at the first."""
from __future__ import annotations

from typing import Any, Callable, TypeVar

from tracker.errors import Problem
from tracker.importers.reader import ColumnSpec, Row, Table
from tracker.importers.values import is_blank

T = TypeVar("T")


class RowReader:
    def __init__(self, table: Table, row: Row, specs: dict[str, ColumnSpec], problems: list[Problem]):
        self.table, self.row, self.specs, self.problems = table, row, specs, problems
        self.ok = True

    def column(self, column_id: str) -> str:
        spec = self.specs.get(column_id)
        return self.row.headers.get(column_id) or (spec.header if spec else column_id)

    def problem(self, column_id: str | None, message: str) -> None:
        self.ok = False
        self.problems.append(Problem(message, file=self.table.file, row=self.row.number,
                                     column=self.column(column_id) if column_id else None,
                                     field=column_id))

    def present(self, column_id: str) -> bool:
        return not is_blank(self.row.values.get(column_id))

    def get(self, column_id: str, parse: Callable[[Any], T], required: bool = True,
            check: Callable[[T], str | None] | None = None) -> T | None:
        """The parsed value; None (with a problem recorded if required) when blank or bad."""
        raw = self.row.values.get(column_id)
        if is_blank(raw):
            if required:
                self.problem(column_id, "缺少必填值")
            return None
        try:
            value = parse(raw)
        except ValueError as exc:
            self.problem(column_id, str(exc))
            return None
        message = check(value) if check else None
        if message:
            self.problem(column_id, message)
            return None
        return value


def non_negative(value: Any) -> str | None:
    return "不能为负数" if value < 0 else None


def specs_by_id(columns: list[ColumnSpec]) -> dict[str, ColumnSpec]:
    return {c.id: c for c in columns}
