"""An enterprise's claim from loose fields (a JSON object, a form) and an optional evidence
file: checked in the order the answers need: not visible (404), not allowed (403), bad
fields (400), evidence too large or of another type (413, 415)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tracker.access import Action, require, visible_project
from tracker.commands import achievement_from_fields
from tracker.evidence import store
from tracker.models import Achievement, ProgrammeRow
from tracker.principal import Principal
from tracker.programme.loaded import programme_of
from tracker.services.achievements import claim_achievement


def claim_from_fields(session: Session, principal: Principal, code: str, fields: dict[str, Any], *,
                      evidence: bytes | None, filename: str | None, on: dt.date,
                      evidence_root: Path | None = None) -> Achievement:
    project = visible_project(session, principal, code)
    require(principal, Action.CLAIM, project)
    item = achievement_from_fields(code, fields, programme_of(session.get(ProgrammeRow, project.programme_id)))
    if evidence is not None:
        stored = store(evidence, evidence_root)
        name = (filename or "")[:300] or None
        item = dataclasses.replace(item, evidence_sha256=stored.sha256, evidence_type=stored.kind,
                                   evidence_size=stored.size, evidence_name=name, evidence=item.evidence or name)
    return claim_achievement(session, item, principal, on=on)
