"""Alerts and scan runs as the outside world reads them (INTERFACES.md 3.3)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from tracker.access import scoped, visible
from tracker.models import Alert, Enterprise, ProgrammeRow, Project, ScanRun
from tracker.models.alert import NO_KEY
from tracker.principal import Principal
from tracker.queries.disclosure import BUREAU_ONLY_FLAGS, hides_shared_references


def alert_json(code: str, kind: str, key: str | None, raised_on: dt.date, due: dt.date | None,
               days_left: int | None) -> dict[str, Any]:
    return {"project_code": code, "kind": kind, "key": key if key not in (None, NO_KEY) else None,
            "raised_on": raised_on.isoformat(), "due": due.isoformat() if due else None,
            "days_left": days_left}


def _visible_alerts(principal: Principal, code: str | None, programme: str | None) -> Select:  # type: ignore[type-arg]
    """Alerts of the projects the principal may see (of one project or programme, or all),
    with each project's code."""
    # the scope as a condition on the project, not a join: the bureau's needs no enterprise
    stmt = select(Alert, Project.code).join(Project, Alert.project_id == Project.id).where(visible(principal, Project))
    if code is not None:
        stmt = stmt.where(Project.code == code)
    if hides_shared_references(principal):
        stmt = stmt.where(Alert.kind.not_in(BUREAU_ONLY_FLAGS))  # the alert kind is the flag's name
    if programme is not None:
        stmt = stmt.join(ProgrammeRow, Project.programme_id == ProgrammeRow.id).where(ProgrammeRow.code == programme)
    return stmt


def list_alerts(session: Session, principal: Principal, code: str | None = None,
                programme: str | None = None) -> list[dict[str, Any]]:
    """Every alert of the projects the principal may see (of one programme, by its code, or
    all), by project, then kind."""
    rows = session.execute(_visible_alerts(principal, code, programme)
                           .order_by(Project.code, Alert.kind, Alert.key, Alert.id)).all()
    return [alert_json(c, a.kind, a.key, a.raised_on, a.due, a.days_left) for a, c in rows]


def latest_alerts(session: Session, principal: Principal, limit: int, programme: str | None = None
                  ) -> list[dict[str, Any]]:
    """The `limit` most recently raised alerts the principal may see (newest day first, then
    by project code from the end): sorted and cut in the database, not after loading them all."""
    rows = session.execute(_visible_alerts(principal, None, programme)
                           .order_by(Alert.raised_on.desc(), Project.code.desc(), Alert.kind, Alert.key, Alert.id)
                           .limit(limit)).all()
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


OPEN, ACKNOWLEDGED = "open", "acknowledged"


def alert_inbox(session: Session, principal: Principal, *, status: str = OPEN, kind: str | None = None,
                district: str | None = None, limit: int = 500) -> tuple[list[dict[str, Any]], int]:
    """The alerts page: open (not yet acknowledged) or acknowledged alerts the principal may see,
    the most urgent first (fewest days left, then newest), and how many match."""
    conditions = [Alert.acknowledged_at.is_(None) if status == OPEN else Alert.acknowledged_at.is_not(None)]
    if kind:
        conditions.append(Alert.kind == kind)
    if district:
        conditions.append(Enterprise.district == district)
    base = scoped(select(Alert.id).join(Project, Alert.project_id == Project.id)
                  .join(Enterprise, Project.enterprise_id == Enterprise.id), principal).where(*conditions)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.execute(
        scoped(select(Alert, Project.code, Enterprise.name, Enterprise.district)
               .join(Project, Alert.project_id == Project.id)
               .join(Enterprise, Project.enterprise_id == Enterprise.id), principal).where(*conditions)
        .order_by(Alert.days_left.is_(None), Alert.days_left, Alert.raised_on.desc(), Alert.id.desc())
        .limit(limit)).all()
    return [{**alert_json(code, a.kind, a.key, a.raised_on, a.due, a.days_left), "id": a.id, "enterprise": name,
             "district": d, "acknowledged_by": a.acknowledged_by, "acknowledged_note": a.acknowledged_note}
            for a, code, name, d in rows], total


def open_alert_count(session: Session, principal: Principal) -> int:
    """Alerts not yet acknowledged, for the navigation's badge."""
    return alert_inbox(session, principal, limit=0)[1]
