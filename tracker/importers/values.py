"""Parsers for the value types of import files (INTERFACES.md section 2).

Each takes the raw cell (text from a CSV, or whatever openpyxl gives for a workbook
cell) and returns the value or raises ValueError with a message in Chinese.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

TRUE_WORDS = {"是", "有", "y", "yes", "true", "1", "t", "√"}
FALSE_WORDS = {"否", "无", "n", "no", "false", "0", "f", "×"}
LIST_SEPARATORS = re.compile(r"[;；、,，]")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
)
# Control characters (ESC, NUL, ...) have no place in a name or a title: they would reach
# terminals and spreadsheets. Tab and line breaks are allowed (a summary text has paragraphs).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Bounds of what the database holds: whole numbers fit a 32-bit integer column, amounts and
# percentages a NUMERIC(14, 2).
MAX_INT = 2**31 - 1
MAX_DECIMAL = Decimal(10) ** 12
# Project codes: letters, digits and - _ . only, starting with a letter or digit (codes
# become links and file names).
PROJECT_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,59}")
# Excel's day zero for serial dates (with its 1900 leap-year quirk already absorbed).
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def clean_text(raw: Any) -> str:
    """Text of a cell: numbers from a workbook without a spurious '.0', spaces stripped."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, (dt.datetime, dt.date)):
        return raw.strftime("%Y-%m-%d")
    return unicodedata.normalize("NFKC", str(raw)).strip() if not isinstance(raw, str) else raw.strip()


def _folded(raw: Any) -> str:
    return unicodedata.normalize("NFKC", str(raw)).strip()


def parse_text(raw: Any) -> str:
    text = clean_text(raw)
    found = CONTROL.search(text)
    if found:
        raise ValueError(f"含有不可见的控制字符（U+{ord(found.group()):04X}），请删除后重试")
    return text


def parse_project_code(raw: Any) -> str:
    """A project code as documented: 1-60 letters, digits, '-', '_' or '.', the first a
    letter or digit."""
    text = clean_text(raw)
    if not PROJECT_CODE.fullmatch(text):
        raise ValueError(f"项目编号只能由字母、数字和 - _ . 组成，以字母或数字开头（至多 60 个字符），收到「{_shown(text)}」")
    return text


def _shown(text: str) -> str:
    """A refused value, safe and short enough to quote in a message."""
    cleaned = CONTROL.sub("?", text)
    return cleaned if len(cleaned) <= 40 else cleaned[:40] + "…"


def parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw)
    word = _folded(raw).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"应为是/否（是/否、有/无、Y/N、yes/no、true/false、1/0），收到「{_shown(clean_text(raw))}」")


def parse_decimal(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError(f"应为数字，收到「{raw}」")
    if isinstance(raw, (int, float)):
        return _bounded(Decimal(str(raw)), raw)
    text = _folded(raw).replace(",", "").replace(" ", "")
    if len(text) > 60:
        raise ValueError(f"应为数字，收到「{_shown(text)}」")
    if text.endswith("%"):
        text = text[:-1]
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"应为数字，收到「{_shown(clean_text(raw))}」") from None
    return _bounded(value, raw)


def _bounded(value: Decimal, raw: Any) -> Decimal:
    if not value.is_finite():
        raise ValueError(f"应为数字，收到「{_shown(clean_text(raw))}」")
    if abs(value) >= MAX_DECIMAL:
        raise ValueError(f"数值超出范围（绝对值应小于 {MAX_DECIMAL:,.0f}），收到「{_shown(clean_text(raw))}」")
    return value


def parse_int(raw: Any) -> int:
    try:
        value = parse_decimal(raw)
    except ValueError as exc:
        raise ValueError(str(exc).replace("应为数字", "应为整数")) from None
    if str(raw).strip().endswith("%") or value != value.to_integral_value():
        raise ValueError(f"应为整数，收到「{_shown(clean_text(raw))}」")
    if abs(value) > MAX_INT:
        raise ValueError(f"整数超出范围（-{MAX_INT} 至 {MAX_INT}），收到「{_shown(clean_text(raw))}」")
    return int(value)


def parse_date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 1 <= raw < 2958466:
        return _EXCEL_EPOCH + dt.timedelta(days=int(raw))  # a serial date from a workbook
    text = _folded(raw)
    if " " in text:  # "2025-01-01 00:00:00" as some exports write it
        text = text.split(" ", 1)[0]
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                raise ValueError(f"不存在的日期「{_shown(clean_text(raw))}」") from None
    raise ValueError(f"应为日期（如 2025-01-01、2025/1/1、2025年1月1日），收到「{_shown(clean_text(raw))}」")


def parse_list(raw: Any) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(clean_text(raw)) if part.strip()]
