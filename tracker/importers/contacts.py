"""Contacts file: who is told about alerts, by e-mail or group-robot webhook."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tracker.commands import ContactInput
from tracker.catalogue import code_for, spellings
from tracker.errors import InputError, Problem
from tracker.importers.reader import ColumnSpec, read_table
from tracker.importers.rows import RowReader, specs_by_id
from tracker.importers.values import parse_text
from tracker.programme import Programme
from tracker.rules.uscc import USCCError, normalize_uscc
from tracker.vocab import Role

COLUMNS = [
    ColumnSpec("scope", "类型"), ColumnSpec("owner", "所属", required=False),
    ColumnSpec("name", "名称", max_chars=100), ColumnSpec("email", "邮箱", required=False, max_chars=200),
    ColumnSpec("webhook", "机器人地址", required=False, max_chars=500),
]
SCOPES = (Role.ENTERPRISE, Role.DISTRICT, Role.BUREAU)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _scope(raw: Any) -> str:
    text = parse_text(raw)
    code = code_for(text, Role, among=SCOPES)
    if code is None:
        raise ValueError(f"类型应为 {spellings(Role, SCOPES)} 之一，收到「{text}」")
    return code


def parse_contacts(path: Path, programmes: list[Programme]) -> list[ContactInput]:
    table = read_table(path, COLUMNS)
    specs = specs_by_id(COLUMNS)
    problems: list[Problem] = []
    parsed = []
    for row in table.rows:
        r = RowReader(table, row, specs, problems)
        scope = r.get("scope", _scope)
        owner = r.get("owner", parse_text, required=scope in ("enterprise", "district")) or ""
        if scope == "enterprise" and owner:
            try:
                owner = normalize_uscc(owner)
            except USCCError as exc:
                r.problem("owner", str(exc))
        elif scope == "district" and owner:
            names = {p.district_name(owner) for p in programmes} - {None}
            if not names:
                r.problem("owner", f"未知的地区「{owner}」")
            else:
                owner = names.pop()
        elif scope == "bureau":
            owner = ""
        name = r.get("name", parse_text)
        email = r.get("email", parse_text, required=False) or ""
        webhook = r.get("webhook", parse_text, required=False) or ""
        if email and not EMAIL.match(email):
            r.problem("email", f"不是有效的邮箱地址：「{email}」")
        if webhook and not webhook.startswith(("http://", "https://")):
            r.problem("webhook", "机器人地址必须以 http:// 或 https:// 开头")
        if not email and not webhook:
            r.problem("email", "邮箱和机器人地址至少填写一项")
        if r.ok:
            parsed.append(ContactInput(row.number, scope, owner, name, email, webhook))
    if problems:
        raise InputError(problems)
    if not parsed:
        raise InputError(Problem("文件中没有数据行", file=table.file))
    return parsed
