"""Acknowledging an alert: the bureau or the project's district office marks it handled."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.access import Action, can, require
from tracker.errors import NotFound, StateError
from tracker.models import Alert, Project
from tracker.principal import Principal
from tracker.services import audit


def acknowledge_alert(session: Session, alert_id: int, *, actor: Principal, note: str | None = None) -> Alert:
    """Mark one open alert acknowledged (audited). NotFound when it is out of the actor's reach;
    StateError when someone already acknowledged it."""
    found = session.execute(select(Alert, Project).join(Project, Alert.project_id == Project.id)
                            .where(Alert.id == alert_id).with_for_update()).first()
    if found is None or not can(actor, Action.SEE, found[1]):
        raise NotFound(f"提醒 {alert_id} 不存在")
    alert, project = found
    require(actor, Action.ACKNOWLEDGE_ALERT, project)
    if alert.acknowledged_at is not None:
        raise StateError(f"提醒 {alert_id} 已由 {alert.acknowledged_by} 确认")
    note = (note or "").strip() or None
    alert.acknowledged_by, alert.acknowledged_at = actor.name, dt.datetime.now(dt.timezone.utc)
    alert.acknowledged_note = note
    audit.record(session, actor=actor.name, action="alert.acknowledged", entity="alert", key=str(alert.id),
                 before={"acknowledged_by": None},
                 after={"acknowledged_by": actor.name, "project": project.code, "kind": alert.kind}, reason=note)
    return alert
