"""An enterprise's claim from loose fields (a JSON object, a form) and an optional evidence
file: checked in the order the answers need: not visible (404), not allowed (403), bad
fields (400), evidence too large or of another type (413, 415)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tracker.errors import InputError, Problem
from tracker.evidence import store
from tracker.importers.achievements import COLUMNS, read_achievement
from tracker.importers.reader import Row, Table
from tracker.importers.rows import RowReader, specs_by_id
from tracker.models import Achievement, ProgrammeRow
from tracker.principal import Principal
from tracker.services.achievements import claim_achievement, ensure_may_claim
from tracker.services.programmes import programme_of
from tracker.services.projects import visible_project


def claim_from_fields(session: Session, principal: Principal, code: str, fields: dict[str, Any], *,
                      evidence: bytes | None, filename: str | None, on: dt.date,
                      evidence_root: Path | None = None) -> Achievement:
    project = visible_project(session, principal, code)
    ensure_may_claim(principal, project)
    programme = programme_of(session.get(ProgrammeRow, project.programme_id))
    problems: list[Problem] = []
    reader = RowReader(Table("", []), Row(0, {**fields, "project_code": code}, {}), specs_by_id(COLUMNS), problems)
    item = read_achievement(reader, lambda _code: programme)
    if problems or item is None:
        raise InputError(problems or [Problem("请求有误")])
    if evidence is not None:
        stored = store(evidence, evidence_root)
        name = (filename or "")[:300] or None
        item = dataclasses.replace(item, evidence_sha256=stored.sha256, evidence_type=stored.kind,
                                   evidence_size=stored.size, evidence_name=name, evidence=item.evidence or name)
    return claim_achievement(session, item, principal, on=on)
