"""The review queue and the audit trail, scoped by principal."""
from __future__ import annotations

from typing import Any

from sqlalchemy import String, cast, or_, select
from sqlalchemy.orm import Session, defer

from tracker.access import scoped, visible, visible_project
from tracker.models import Achievement, AuditEvent, Enterprise, Project
from tracker.principal import Principal


def review_queue(session: Session, principal: Principal, limit: int = 200) -> list[dict[str, Any]]:
    """Claimed achievements awaiting review, oldest claim first."""
    rows = session.execute(scoped(
        select(Achievement, Project.code, Enterprise.name).options(defer(Achievement.text))
        .join(Project, Achievement.project_id == Project.id)
        .join(Enterprise, Project.enterprise_id == Enterprise.id)
        .where(Achievement.status == "claimed"), principal)
        .order_by(Achievement.claimed_at, Achievement.id).limit(limit)).all()
    return [{"id": a.id, "project_code": code, "enterprise": name, "indicator": a.indicator,
             "date": a.date.isoformat(), "title": a.title, "quantity": a.quantity, "reference": a.reference,
             "evidence": a.evidence, "has_file": a.evidence_sha256 is not None} for a, code, name in rows]


def audit_trail(session: Session, principal: Principal, project_code: str | None = None,
                limit: int | None = 200) -> list[dict[str, Any]]:
    """The latest audit events the principal may see (tracker.access); only a project's own
    (including its achievements') when a project is named, NotFound when it is not visible."""
    stmt = (select(AuditEvent).where(visible(principal, AuditEvent))
            .order_by(AuditEvent.id.desc()).limit(limit))
    if project_code is not None:
        visible_project(session, principal, project_code)  # NotFound as if it did not exist
        # Achievement events are keyed by the record's id (as text).
        ids = select(cast(Achievement.id, String)).join(
            Project, Achievement.project_id == Project.id).where(Project.code == project_code)
        stmt = stmt.where(or_(
            (AuditEvent.entity == "project") & (AuditEvent.entity_key == project_code),
            (AuditEvent.entity == "achievement") & AuditEvent.entity_key.in_(ids)))
    return [{"when": e.recorded_at.isoformat(timespec="seconds"), "actor": e.actor, "action": e.action,
             "entity": e.entity, "key": e.entity_key, "on_date": e.on_date.isoformat() if e.on_date else None,
             "before": e.before, "after": e.after, "reason": e.reason} for e in session.scalars(stmt)]

