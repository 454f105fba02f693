"""An enterprise's claim from loose fields (a JSON object, a form) and an optional evidence
file: checked in the order the answers need: not visible (404), not allowed (403), bad
fields (400), evidence too large or of another type (413, 415). The same for a correction
of an existing claim (edit, or resubmission after a return or rejection)."""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tracker.access import Action, require, visible_achievement, visible_project
from tracker.commands import AchievementInput, achievement_from_fields
from tracker.evidence import store
from tracker.models import Achievement, Project, ProgrammeRow
from tracker.principal import Principal
from tracker.programme.loaded import programme_of
from tracker.services.achievements import claim_achievement
from tracker.services.claim_changes import amend_claim
from tracker.services.evidence_quota import check_quota
from tracker.services.submission_keys import parse_key


def _item(session: Session, project: Project, fields: dict[str, Any], evidence: bytes | None,
          filename: str | None, evidence_root: Path | None) -> AchievementInput:
    item = achievement_from_fields(project.code, fields, programme_of(session.get(ProgrammeRow, project.programme_id)))
    if evidence is not None:
        check_quota(session, project.enterprise_id, len(evidence))
        stored = store(evidence, evidence_root)
        name = (filename or "")[:300] or None
        item = dataclasses.replace(item, evidence_sha256=stored.sha256, evidence_type=stored.kind,
                                   evidence_size=stored.size, evidence_name=name, evidence=item.evidence or name)
    return item


def prepare_claim(session: Session, principal: Principal, code: str, fields: dict[str, Any], *,
                  evidence: bytes | None, filename: str | None, evidence_root: Path | None = None
                  ) -> AchievementInput:
    """Every check a new claim needs, with reads only (visibility, permission, the fields, the
    evidence file, stored): run it before the write transaction, which then holds only the
    insert (claim_achievement)."""
    project = visible_project(session, principal, code)
    require(principal, Action.CLAIM, project)
    return _item(session, project, fields, evidence, filename, evidence_root)


def prepare_amendment(session: Session, principal: Principal, achievement_id: int,
                      fields: dict[str, Any], *, evidence: bytes | None, filename: str | None,
                      evidence_root: Path | None = None) -> AchievementInput:
    """The same checks for a correction of an existing claim (its full set of fields); the
    write is amend_claim, which checks the record's status and version."""
    _achievement, project = visible_achievement(session, principal, achievement_id)
    require(principal, Action.CLAIM, project)
    return _item(session, project, fields, evidence, filename, evidence_root)


def claim_from_fields(session: Session, principal: Principal, code: str, fields: dict[str, Any], *,
                      evidence: bytes | None, filename: str | None, on: dt.date,
                      evidence_root: Path | None = None, key: object = None) -> Achievement:
    """prepare_claim and claim_achievement in one session (CLI-like callers and tests)."""
    idempotency_key = parse_key(key)
    item = prepare_claim(session, principal, code, fields, evidence=evidence, filename=filename,
                         evidence_root=evidence_root)
    return claim_achievement(session, item, principal, on=on, key=idempotency_key)


def amend_from_fields(session: Session, principal: Principal, achievement_id: int,
                      fields: dict[str, Any], *, evidence: bytes | None, filename: str | None,
                      on: dt.date, evidence_root: Path | None = None,
                      version: int | None = None) -> Achievement:
    """prepare_amendment and amend_claim in one session."""
    item = prepare_amendment(session, principal, achievement_id, fields, evidence=evidence,
                             filename=filename, evidence_root=evidence_root)
    return amend_claim(session, principal, achievement_id, item, on=on, version=version)
