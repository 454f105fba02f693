"""What the services are asked to do, as plain typed inputs. Importers build them from file
rows, the API and the pages from fields; the checks every source shares live here, so the
services never depend on how an input arrived."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, Callable, Mapping, TypeVar

from tracker.catalogue import code_for, spellings
from tracker.errors import InputError, Problem
from tracker.importers.values import (is_blank, parse_date, parse_decimal, parse_int, parse_project_code,
                                     parse_text)
from tracker.programme import Indicator, Programme
from tracker.rules.calendar import acceptance_deadline_problem, window_exceeds_limit, window_limit
from tracker.rules.eligibility import ApplicantFacts
from tracker.vocab import SourceType, StandardLevel

T = TypeVar("T")


@dataclass(frozen=True)
class ProjectInput:
    """One approved project to create (a projects file row)."""
    row: int
    code: str
    uscc: str
    name: str
    title: str
    district: str
    industry_cluster: str
    grant_wan: Decimal
    start_date: dt.date
    end_date: dt.date
    extension_reason: str | None
    required: dict[str, int] = field(default_factory=dict)  # raised indicator requirements


@dataclass(frozen=True)
class ApplicantInput:
    """One application's declared facts (an applicants file row)."""
    row: int
    facts: ApplicantFacts


@dataclass(frozen=True)
class ContactInput:
    """Who is told about alerts (a contacts file row)."""
    row: int
    scope: str
    owner: str
    name: str
    email: str
    webhook: str


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


# --- checks shared by files, the API and the pages ---------------------------------------

def check_project_code(code: str) -> str | None:
    """Why a new project code does not follow the documented pattern, or None."""
    try:
        parse_project_code(code)
    except ValueError as exc:
        return str(exc)
    return None


def check_grant(value: Decimal) -> str | None:
    if value <= 0:
        return "资助金额必须大于 0"
    if value != value.quantize(Decimal("0.01")):
        return "资助金额最多两位小数（万元）"
    return None


def check_window(start: dt.date, end: dt.date, extension_reason: str | None,
                 programme: Programme) -> str | None:
    """Why a window is not acceptable, or None."""
    if end < start:
        return f"实施结束日期 {end} 早于开始日期 {start}"
    too_short = acceptance_deadline_problem(start, end, programme.acceptance_lead_months)
    if too_short:
        return too_short
    if window_exceeds_limit(start, end, programme.window_max_years) and not extension_reason:
        limit = window_limit(start, programme.window_max_years)
        return (f"实施期超过{programme.window_max_years}年（最晚应于 {limit} 结束）；"
                f"如确需延长，请填写延期说明")
    return None


# What the database holds for texts that every source shares (a file's columns may add more).
FIELD_MAX_CHARS = {"project_code": 60, "indicator": 60, "title": 300, "reference": 120, "evidence": 500}


class FieldReader:
    """Typed values from named raw ones (a file row, a JSON object, a form), collecting every
    problem with the field it concerns instead of stopping at the first. Texts longer than
    their database column are problems too, so no source can reach the database with one."""

    def __init__(self, values: Mapping[str, Any], problems: list[Problem], *,
                 file: str | None = None, row: int | None = None, max_chars: Mapping[str, int] | None = None):
        self.values, self.problems, self.file, self.row_number = values, problems, file, row
        self.max_chars = {**FIELD_MAX_CHARS, **(max_chars or {})}
        self.ok = True

    def column(self, field_id: str) -> str | None:
        """How the source names the field in messages (a file says its header)."""
        return None

    def problem(self, field_id: str | None, message: str) -> None:
        self.ok = False
        self.problems.append(Problem(message, file=self.file, row=self.row_number,
                                     column=self.column(field_id) if field_id else None,
                                     field=field_id))

    def present(self, field_id: str) -> bool:
        return not is_blank(self.values.get(field_id))

    def get(self, field_id: str, parse: Callable[[Any], T], required: bool = True,
            check: Callable[[T], str | None] | None = None) -> T | None:
        """The parsed value; None (with a problem recorded if required) when blank or bad."""
        raw = self.values.get(field_id)
        if is_blank(raw):
            if required:
                self.problem(field_id, "缺少必填值")
            return None
        try:
            value = parse(raw)
        except ValueError as exc:
            self.problem(field_id, str(exc))
            return None
        limit = self.max_chars.get(field_id)
        if isinstance(value, str) and limit and len(value) > limit:
            self.problem(field_id, f"不超过 {limit} 个字符（收到 {len(value)} 个）")
            return None
        message = check(value) if check else None
        if message:
            self.problem(field_id, message)
            return None
        return value


# --- an achievement ------------------------------------------------------------------------

def vocabulary(of: type[StrEnum], what: str) -> Callable[[Any], str]:
    """A parser accepting the code, its label or an alias from the catalogue."""
    def parse(raw: Any) -> str:
        text = parse_text(raw)
        code = code_for(text, of)
        if code is None:
            raise ValueError(f"未知的{what}「{text}」，应为：{spellings(of)}")
        return code
    return parse


parse_level = vocabulary(StandardLevel, "级别")
parse_source_type = vocabulary(SourceType, "来源")


def _positive(value: int) -> str | None:
    return None if value >= 1 else "数量至少为 1"


def _four_decimals(value: Decimal) -> str | None:
    return None if value == value.quantize(Decimal("0.0001")) else "数值最多四位小数"


def read_achievement(r: FieldReader, programme_of: Callable[[str], Programme | None]
                     ) -> AchievementInput | None:
    """Validate one achievement's fields; problems go to the reader."""
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
        project_code=code, indicator=indicator.id, date=day, title=title, quantity=quantity,  # type: ignore[arg-type]
        level=level, source_type=source_type, year=year, value=value, text=text,
        reference=reference, evidence=evidence, row=r.row_number)


def achievement_from_fields(code: str, fields: Mapping[str, Any], programme: Programme
                            ) -> AchievementInput:
    """An achievement claimed through the API or a form (fields named as in the file), or
    InputError naming every bad field."""
    problems: list[Problem] = []
    item = read_achievement(FieldReader({**fields, "project_code": code}, problems),
                            lambda _code: programme)
    if problems or item is None:
        raise InputError(problems or [Problem("请求有误")])
    return item
