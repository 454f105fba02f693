"""Achievement claims and their review."""
from __future__ import annotations

import datetime as dt
from typing import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.access import Action, require, visible_achievement, visible_project
from tracker.commands import AchievementInput
from tracker.errors import InputError, NotFound, Problem, StateError
from tracker.models import Achievement, Project
from tracker.principal import Principal
from tracker.rules.evidence import REJECTED, RETURNED, VERIFIED, WITHDRAWN, fold_reference
from tracker.services import audit, submission_keys

DECISIONS = (VERIFIED, REJECTED, RETURNED)
NEEDS_REASON = (REJECTED, RETURNED)  # the enterprise must be told why


def text_chars(text: str | None) -> int:
    """Characters of a text, whitespace not counted."""
    return sum(1 for ch in text if not ch.isspace()) if text else 0


def describe(a: Achievement) -> dict[str, object]:
    return {"indicator": a.indicator, "date": a.date, "title": a.title, "quantity": a.quantity,
            "level": a.level, "source_type": a.source_type, "year": a.year, "value": a.value,
            "text_chars": a.text_chars, "reference": a.reference, "evidence": a.evidence,
            "status": a.status}


def _record(session: Session, inputs: Sequence[AchievementInput], projects: dict[str, Project],
            actor: Principal, *, verified_by: str | None, on: dt.date,
            progress: Callable[[int], None] | None) -> list[Achievement]:
    now = dt.datetime.now(dt.timezone.utc)
    created = []
    for item in inputs:
        project = projects[item.project_code]
        achievement = Achievement(
            project_id=project.id, indicator=item.indicator, date=item.date, title=item.title,
            quantity=item.quantity, level=item.level, source_type=item.source_type, year=item.year,
            value=item.value, text=item.text, text_chars=text_chars(item.text),
            reference=item.reference, reference_key=fold_reference(item.reference),
            evidence=item.evidence, evidence_sha256=item.evidence_sha256,
            evidence_type=item.evidence_type, evidence_name=item.evidence_name,
            evidence_size=item.evidence_size, status="verified" if verified_by else "claimed",
            claimed_by=actor.name, claimed_at=now, reviewed_by=verified_by,
            reviewed_on=on if verified_by else None)
        session.add(achievement)
        created.append(achievement)
        if progress:
            progress(1)
    session.flush()
    for achievement, item in zip(created, inputs):
        audit.record(session, actor=actor.name, action="achievement.claimed", entity="achievement",
                     key=str(achievement.id), after={"project": item.project_code, **describe(achievement)},
                     on_date=on, reason=f"第{item.row}行" if item.row else None)
    return created


def import_achievements(session: Session, inputs: Sequence[AchievementInput], actor: Principal,
                        *, verified_by: str | None = None, on: dt.date,
                        progress: Callable[[int], None] | None = None) -> list[Achievement]:
    """The bureau records a file of achievements (claimed, or already verified by `verified_by`)."""
    require(actor, Action.IMPORT)
    codes = sorted({i.project_code for i in inputs})
    projects = {p.code: p for p in session.scalars(select(Project).where(Project.code.in_(codes)))}
    missing = [c for c in codes if c not in projects]
    if missing:
        raise NotFound(f"项目 {missing[0]} 不存在")
    return _record(session, inputs, projects, actor, verified_by=verified_by, on=on, progress=progress)


def claim_achievement(session: Session, item: AchievementInput, actor: Principal, *, on: dt.date,
                      key: str | None = None) -> Achievement:
    """An enterprise claims one achievement for its own project. `key` is the idempotency key
    its form (or system) sent: a second submission with the same key is refused (Conflict)."""
    project = visible_project(session, actor, item.project_code)
    require(actor, Action.CLAIM, project)
    if key is not None:
        submission_keys.check_unused(session, project.enterprise_id, key)
    created = _record(session, [item], {project.code: project}, actor, verified_by=None, on=on,
                      progress=None)[0]
    if key is not None:
        submission_keys.remember(session, project.enterprise_id, key, created.id)
    return created


def review_achievement(session: Session, achievement_id: int, decision: str, *, actor: Principal,
                       on: dt.date, reason: str | None = None) -> Achievement:
    """Verify, reject or return for revision one record. Rejecting or returning needs a reason
    (the enterprise reads it in its ledger). A later decision may overturn an earlier one
    (audited); a record withdrawn, or returned and not yet resubmitted, is with the enterprise."""
    if decision not in DECISIONS:
        raise InputError(Problem(f"审核结论应为 verified（核实）、rejected（驳回）或 returned（退回修改），收到「{decision}」",
                                 field="decision"))
    reason = (reason or "").strip() or None
    achievement, project = visible_achievement(session, actor, achievement_id, for_update=True)
    require(actor, Action.REVIEW, project)
    if decision in NEEDS_REASON and reason is None:
        raise InputError(Problem("驳回或退回修改时必须填写理由", field="reason"))
    if achievement.status in (WITHDRAWN, RETURNED):
        what = "已由企业撤回" if achievement.status == WITHDRAWN else "已退回企业修改，尚未重新提交"
        raise StateError(f"成果记录 {achievement_id} {what}，不能审核")
    before = {"status": achievement.status, "reviewed_by": achievement.reviewed_by}
    achievement.status = decision
    achievement.reviewed_by = actor.name
    achievement.reviewed_on = on
    achievement.review_reason = reason
    audit.record(session, actor=actor.name, action="achievement.reviewed", entity="achievement",
                 key=str(achievement.id), before=before,
                 after={"status": decision, "project": project.code}, reason=reason, on_date=on)
    return achievement
