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
    return clean_text(raw)


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
    raise ValueError(f"应为是/否（是/否、有/无、Y/N、yes/no、true/false、1/0），收到「{clean_text(raw)}」")


def parse_decimal(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError(f"应为数字，收到「{raw}」")
    if isinstance(raw, (int, float)):
        return Decimal(str(raw))
    text = _folded(raw).replace(",", "").replace(" ", "")
    if text.endswith("%"):
        text = text[:-1]
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"应为数字，收到「{clean_text(raw)}」") from None
    if not value.is_finite():
        raise ValueError(f"应为数字，收到「{clean_text(raw)}」")
    return value


def parse_int(raw: Any) -> int:
    try:
        value = parse_decimal(raw)
    except ValueError:
        raise ValueError(f"应为整数，收到「{clean_text(raw)}」") from None
    if str(raw).strip().endswith("%") or value != value.to_integral_value():
        raise ValueError(f"应为整数，收到「{clean_text(raw)}」")
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
                raise ValueError(f"不存在的日期「{clean_text(raw)}」") from None
    raise ValueError(f"应为日期（如 2025-01-01、2025/1/1、2025年1月1日），收到「{clean_text(raw)}」")


def parse_list(raw: Any) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(clean_text(raw)) if part.strip()]
