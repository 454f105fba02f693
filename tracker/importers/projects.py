"""Projects file (INTERFACES.md 2.2) -> validated projects, or every problem."""
from __future__ import annotations

from pathlib import Path

from tracker.commands import ProjectInput, check_grant, check_window
from tracker.errors import InputError, Problem
from tracker.importers.reader import ColumnSpec, read_table
from tracker.importers.rows import (RowReader, read_cluster, read_district, read_uscc, specs_by_id,
                                    unique_in_file)
from tracker.importers.values import parse_date, parse_decimal, parse_int, parse_project_code, parse_text
from tracker.programme import Programme

BASE_COLUMNS = [
    ColumnSpec("project_code", "项目编号", max_chars=60), ColumnSpec("uscc", "统一社会信用代码"),
    ColumnSpec("name", "企业名称", max_chars=200), ColumnSpec("title", "项目名称", max_chars=300),
    ColumnSpec("district", "所属地区"), ColumnSpec("industry_cluster", "产业集群"),
    ColumnSpec("grant_wan", "资助金额（万元）"), ColumnSpec("start_date", "实施开始日期"),
    ColumnSpec("end_date", "实施结束日期"), ColumnSpec("extension_reason", "延期说明", required=False),
]


def columns_for(programme: Programme) -> list[ColumnSpec]:
    return BASE_COLUMNS + [ColumnSpec(i.id, i.name, required=False) for i in programme.indicators]


def file_keys(path: Path) -> tuple[list[str], list[str]]:
    """The project codes and USCCs a projects file names, as written (blank cells left out), so
    that the programme can be told from them before the file is parsed against it."""
    table = read_table(path, BASE_COLUMNS)
    cells = [(str(row.values.get("project_code") or "").strip(),
              str(row.values.get("uscc") or "").strip().upper()) for row in table.rows]
    return [c for c, _ in cells if c], [u for _, u in cells if u]


def parse_projects(path: Path, programme: Programme) -> list[ProjectInput]:
    """Every project of the file, or InputError listing every problem found."""
    columns = columns_for(programme)
    table = read_table(path, columns)
    specs = specs_by_id(columns)
    problems: list[Problem] = []
    parsed: list[ProjectInput] = []
    first_row_of: dict[str, int] = {}
    for row in table.rows:
        r = RowReader(table, row, specs, problems)
        code = r.get("project_code", parse_project_code)
        unique_in_file(r, "project_code", code, first_row_of, "项目编号")
        uscc = read_uscc(r)
        name = r.get("name", parse_text)
        title = r.get("title", parse_text)
        district = read_district(r, programme, allow_outside=False)
        cluster = read_cluster(r, programme)
        grant = r.get("grant_wan", parse_decimal, check=check_grant)
        start = r.get("start_date", parse_date)
        end = r.get("end_date", parse_date)
        reason = r.get("extension_reason", parse_text, required=False)
        if start is not None and end is not None:
            message = check_window(start, end, reason, programme)
            if message:
                r.problem("end_date", message)
        required: dict[str, int] = {}
        for indicator in programme.indicators:
            value = r.get(indicator.id, parse_int, required=False)
            if value is None:
                continue
            if value < indicator.required:
                r.problem(indicator.id, f"合同要求不能低于申报指南的 {indicator.required}，收到 {value}")
            elif indicator.kind == "flag" and value != 1:
                r.problem(indicator.id, "是否类指标的要求只能为 1")
            else:
                required[indicator.id] = value
        if r.ok:
            parsed.append(ProjectInput(
                row=row.number, code=code, uscc=uscc, name=name, title=title,
                district=district, industry_cluster=cluster,
                grant_wan=grant, start_date=start, end_date=end, extension_reason=reason,
                required=required))
    if problems:
        raise InputError(problems)
    if not parsed:
        raise InputError(Problem("文件中没有数据行", file=table.file))
    return parsed
