"""The enterprise's own changes to its claims (issue 10).

- Until a claim is reviewed the enterprise may edit it (it stays claimed) or withdraw it.
- A claim returned for revision, or rejected, may be corrected and resubmitted: the *same
  record* goes back to claimed with the corrected fields, and its review (who, when, why) is
  cleared from the record; the audit trail keeps every version and every decision.
- Withdrawing keeps the row with status `withdrawn`: it counts for nothing, leaves the
  ledger and the lists, and stays in the audit trail.
- A verified record is settled: only a reviewer may overturn it.
Each change raises the record's `version`; a caller that names the version it showed is
refused (Conflict) when the record changed meanwhile."""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy.orm import Session

from tracker.access import Action, require, visible_achievement
from tracker.catalogue import label
from tracker.commands import AchievementInput
from tracker.errors import Conflict, InputError, Problem, StateError
from tracker.models import Achievement
from tracker.principal import Principal
from tracker.rules.evidence import CLAIMED, REJECTED, RETURNED, WITHDRAWN, fold_reference
from tracker.services import audit
from tracker.services.achievements import describe, text_chars
from tracker.vocab import AchievementStatus

EDITABLE = (CLAIMED,)                 # edited in place, still awaiting review
RESUBMITTABLE = (RETURNED, REJECTED)  # corrected and sent back for review
WITHDRAWABLE = (CLAIMED, RETURNED, REJECTED)


def _own_claim(session: Session, principal: Principal, achievement_id: int, version: int | None
               ) -> tuple[Achievement, str]:
    achievement, project = visible_achievement(session, principal, achievement_id, for_update=True)
    require(principal, Action.CLAIM, project)
    if version is not None and version != achievement.version:
        raise Conflict(f"成果记录 {achievement_id} 已被修改过（当前第 {achievement.version} 版），"
                       f"请刷新后再操作")
    return achievement, project.code


def _refuse(achievement: Achievement, doing: str) -> StateError:
    return StateError(f"成果记录 {achievement.id} {label(achievement.status, of=AchievementStatus)}，"
                      f"不能{doing}")


def withdraw_claim(session: Session, principal: Principal, achievement_id: int, *, on: dt.date,
                   version: int | None = None) -> Achievement:
    """The enterprise takes back a claim that is not verified."""
    achievement, code = _own_claim(session, principal, achievement_id, version)
    if achievement.status not in WITHDRAWABLE:
        raise _refuse(achievement, "撤回")
    before = describe(achievement)
    achievement.status = WITHDRAWN
    achievement.version += 1
    audit.record(session, actor=principal.name, action="achievement.withdrawn", entity="achievement",
                 key=str(achievement.id), before=before, after={"status": WITHDRAWN, "project": code},
                 on_date=on)
    return achievement


def amend_claim(session: Session, principal: Principal, achievement_id: int, item: AchievementInput,
                *, on: dt.date, version: int | None = None) -> Achievement:
    """Edit a claim awaiting review, or correct and resubmit a returned or rejected one; the
    evidence file stays unless `item` brings a new one."""
    achievement, code = _own_claim(session, principal, achievement_id, version)
    if item.project_code != code:
        raise InputError(Problem("不能把成果记录改到另一个项目", field="project_code"))
    resubmit = achievement.status in RESUBMITTABLE
    if achievement.status not in EDITABLE and not resubmit:
        raise _refuse(achievement, "修改")
    before = {**describe(achievement), "reviewed_by": achievement.reviewed_by,
              "review_reason": achievement.review_reason}
    if item.evidence_sha256 is None:  # no new file: keep the one already there
        item = dataclasses.replace(item, evidence=item.evidence or achievement.evidence,
                                   evidence_sha256=achievement.evidence_sha256,
                                   evidence_type=achievement.evidence_type,
                                   evidence_name=achievement.evidence_name,
                                   evidence_size=achievement.evidence_size)
    for name in ("indicator", "date", "title", "quantity", "level", "source_type", "year", "value",
                 "text", "reference", "evidence", "evidence_sha256", "evidence_type",
                 "evidence_name", "evidence_size"):
        setattr(achievement, name, getattr(item, name))
    achievement.text_chars = text_chars(item.text)
    achievement.reference_key = fold_reference(item.reference)
    achievement.status = CLAIMED
    achievement.version += 1
    if resubmit:
        achievement.reviewed_by = achievement.reviewed_on = achievement.review_reason = None
    audit.record(session, actor=principal.name,
                 action="achievement.resubmitted" if resubmit else "achievement.edited",
                 entity="achievement", key=str(achievement.id), before=before,
                 after={"project": code, **describe(achievement)}, on_date=on)
    return achievement
