"""Achievements file (INTERFACES.md 2.3) -> validated achievement records, or every problem."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from tracker.commands import AchievementInput, read_achievement
from tracker.errors import InputError, Problem
from tracker.importers.reader import ColumnSpec, read_table
from tracker.importers.rows import RowReader, specs_by_id
from tracker.programme import Programme

COLUMNS = [
    ColumnSpec("project_code", "项目编号", max_chars=60), ColumnSpec("indicator", "指标", max_chars=60),
    ColumnSpec("date", "日期"), ColumnSpec("title", "名称", max_chars=300),
    ColumnSpec("quantity", "数量", required=False), ColumnSpec("level", "级别", required=False),
    ColumnSpec("source_type", "来源", required=False), ColumnSpec("year", "年度", required=False),
    ColumnSpec("value", "数值", required=False), ColumnSpec("text", "内容", required=False),
    ColumnSpec("reference", "编号", required=False, max_chars=120),
    ColumnSpec("evidence", "佐证材料", required=False, max_chars=500),
]


def parse_achievements(path: Path, programme_of: Callable[[str], Programme | None]
                       ) -> list[AchievementInput]:
    """Every record of the file, or InputError listing every problem found.
    `programme_of(code)` gives the programme of an existing project, None if there is none."""
    table = read_table(path, COLUMNS)
    specs = specs_by_id(COLUMNS)
    problems: list[Problem] = []
    parsed = []
    for row in table.rows:
        record = read_achievement(RowReader(table, row, specs, problems), programme_of)
        if record is not None:
            parsed.append(record)
    if problems:
        raise InputError(problems)
    if not parsed:
        raise InputError(Problem("文件中没有数据行", file=table.file))
    return parsed
