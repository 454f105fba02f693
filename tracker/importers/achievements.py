"""Achievements file (INTERFACES.md 2.3) -> validated achievement records, or every problem."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from tracker.errors import InputError, Problem
from tracker.importers.reader import ColumnSpec, read_table
from tracker.importers.rows import RowReader, specs_by_id
from tracker.importers.values import parse_date, parse_decimal, parse_int, parse_text
from tracker.programme import Indicator, Programme

LEVELS = {"international": "国际", "national": "国家", "industry": "行业", "local": "地方",
          "group": "团体", "enterprise": "企业"}
SOURCE_TYPES = {"university": "高校", "research_institute": "科研院所", "enterprise": "企业"}

COLUMNS = [
    ColumnSpec("project_code", "项目编号"), ColumnSpec("indicator", "指标"),
    ColumnSpec("date", "日期"), ColumnSpec("title", "名称"),
    ColumnSpec("quantity", "数量", required=False), ColumnSpec("level", "级别", required=False),
    ColumnSpec("source_type", "来源", required=False), ColumnSpec("year", "年度", required=False),
    ColumnSpec("value", "数值", required=False), ColumnSpec("text", "内容", required=False),
    ColumnSpec("reference", "编号", required=False),
    ColumnSpec("evidence", "佐证材料", required=False),
]


@dataclass(frozen=True)
class AchievementInput:
    """One claimed achievement, as the file, the API or a form gives it."""
    project_code: str
    indicator: str
    date: dt.date
    title: str
    quantity: int = 1
    level: str | None = None
    source_type: str | None = None
    year: int | None = None
    value: Decimal | None = None
    text: str | None = None
    reference: str | None = None
    evidence: str | None = None
    row: int | None = None
    # an uploaded evidence file, already stored (tracker.evidence)
    evidence_sha256: str | None = None
    evidence_type: str | None = None
    evidence_name: str | None = None
    evidence_size: int | None = None


def vocabulary(words: dict[str, str], what: str) -> Callable[[Any], str]:
    """A parser accepting the code or its Chinese name."""
    def parse(raw: Any) -> str:
        text = parse_text(raw)
        for code, name in words.items():
            if text.lower() == code or text in (name, name + "标准"):
                return code
        options = "、".join(f"{code}/{name}" for code, name in words.items())
        raise ValueError(f"未知的{what}「{text}」，应为：{options}")
    return parse


parse_level = vocabulary(LEVELS, "级别")
parse_source_type = vocabulary(SOURCE_TYPES, "来源")


def _positive(value: int) -> str | None:
    return None if value >= 1 else "数量至少为 1"


def _four_decimals(value: Decimal) -> str | None:
    return None if value == value.quantize(Decimal("0.0001")) else "数值最多四位小数"


def read_achievement(r: RowReader, programme_of: Callable[[str], Programme | None]
                     ) -> AchievementInput | None:
    """Validate one row (or one API object wrapped as a row); problems go to the reader."""
    code = r.get("project_code", parse_text)
    programme = programme_of(code) if code is not None else None
    if code is not None and programme is None:
        r.problem("project_code", f"项目编号 {code} 不存在")
    indicator_id = r.get("indicator", parse_text)
    indicator: Indicator | None = None
    if indicator_id is not None and programme is not None:
        indicator = programme.indicator(indicator_id) or next(
            (i for i in programme.indicators if i.name == indicator_id), None)
        if indicator is None:
            r.problem("indicator", f"未知的指标「{indicator_id}」")
    day = r.get("date", parse_date)
    title = r.get("title", parse_text)
    quantity = r.get("quantity", parse_int, required=False, check=_positive) or 1
    level = r.get("level", parse_level, required=False)
    source_type = r.get("source_type", parse_source_type, required=False)
    is_trend = indicator is not None and indicator.kind == "trend"
    year = r.get("year", parse_int, required=is_trend)
    value = r.get("value", parse_decimal, required=is_trend, check=_four_decimals)
    text = r.get("text", parse_text, required=indicator is not None and indicator.kind == "text")
    reference = r.get("reference", parse_text, required=False)
    evidence = r.get("evidence", parse_text, required=False)
    if not r.ok or indicator is None:
        return None
    return AchievementInput(
        project_code=code, indicator=indicator.id, date=day, title=title, quantity=quantity,
        level=level, source_type=source_type, year=year, value=value, text=text,
        reference=reference, evidence=evidence, row=r.row.number)


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
