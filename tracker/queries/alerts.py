"""Alerts and scan runs as the outside world reads them (INTERFACES.md 3.3)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.access import scoped
from tracker.models import Alert, Enterprise, Project, ScanRun
from tracker.models.alert import NO_KEY
from tracker.principal import Principal
from tracker.queries.disclosure import BUREAU_ONLY_FLAGS, hides_shared_references


def alert_json(code: str, kind: str, key: str | None, raised_on: dt.date, due: dt.date | None,
               days_left: int | None) -> dict[str, Any]:
    return {"project_code": code, "kind": kind, "key": key if key not in (None, NO_KEY) else None,
            "raised_on": raised_on.isoformat(), "due": due.isoformat() if due else None,
            "days_left": days_left}


def list_alerts(session: Session, principal: Principal, code: str | None = None) -> list[dict[str, Any]]:
    """Every alert of the projects the principal may see, by project, then kind."""
    stmt = scoped(select(Alert, Project.code).join(Project, Alert.project_id == Project.id)
                  .join(Enterprise, Project.enterprise_id == Enterprise.id), principal)
    if code is not None:
        stmt = stmt.where(Project.code == code)
    if hides_shared_references(principal):
        stmt = stmt.where(Alert.kind.not_in(BUREAU_ONLY_FLAGS))  # the alert kind is the flag's name
    rows = session.execute(stmt.order_by(Project.code, Alert.kind, Alert.key, Alert.id)).all()
    return [alert_json(c, a.kind, a.key, a.raised_on, a.due, a.days_left) for a, c in rows]


def list_scans(session: Session, limit: int = 50) -> list[dict[str, Any]]:
    runs = session.scalars(select(ScanRun).order_by(ScanRun.id.desc()).limit(limit)).all()
    return [{"id": r.id, "day": r.day.isoformat(), "trigger": r.trigger,
             "started_at": r.started_at.isoformat(),
             "finished_at": r.finished_at.isoformat() if r.finished_at else None,
             "alerts_raised": r.alerts_raised, "notifications_queued": r.notifications_queued,
             "error": r.error,
             "state": "failed" if r.error else ("finished" if r.finished_at else "running_or_interrupted")}
            for r in runs]
