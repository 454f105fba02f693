"""Reading request input into plain values, every problem named by field."""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import request
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboards.sessions import settings
from tracker.errors import InputError, Problem
from tracker.models import ProgrammeRow


def today_param() -> dt.date:
    raw = request.args.get("today")
    if raw is None:
        return settings().today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InputError(Problem(f"日期应为 YYYY-MM-DD，收到「{raw[:40]}」", field="today")) from None


def programme_param(session: Session) -> str | None:
    """The `programme` query parameter: a loaded programme's code, or None for all. An unknown
    code is a 400 naming the codes loaded (a typo must not read as "no projects")."""
    raw = request.args.get("programme")
    if raw is None:
        return None
    known = session.scalars(select(ProgrammeRow.code).order_by(ProgrammeRow.code)).all()
    if raw not in known:
        raise InputError(Problem(f"没有编号为「{raw[:40]}」的计划；已载入：{'、'.join(known) or '（无）'}",
                                 field="programme"))
    return raw


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
