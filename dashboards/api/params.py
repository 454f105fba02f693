"""Reading request input into plain values, every problem named by field."""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import request

from dashboards.sessions import settings
from tracker.errors import InputError, Problem


def today_param() -> dt.date:
    raw = request.args.get("today")
    if raw is None:
        return settings().today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InputError(Problem(f"日期应为 YYYY-MM-DD，收到「{raw[:40]}」", field="today")) from None


def json_object() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InputError(Problem("请求体应为 JSON 对象"))
    return body


def scalar_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Only texts, numbers and null are field values; anything else is named and refused."""
    problems = [Problem("应为文本或数字", field=str(k)) for k, v in values.items()
                if v is not None and not isinstance(v, (str, int, float)) or isinstance(v, bool)]
    if problems:
        raise InputError(problems)
    return values
