"""The daily scan: raise every alert DOMAIN.md section 6 names for day D, exactly once,
and queue the notifications they call for, in one transaction (the outbox)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable

from sqlalchemy import Engine, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tracker.db import write_session
from tracker.models import Alert, ScanRun
from tracker.models.alert import NO_KEY
from tracker.principal import Principal
from tracker.queries.alerts import alert_json
from tracker.queries.status import ProjectStatus, portfolio_status
from tracker.rules.alerts import DUE, AlertCandidate, project_alerts
from tracker.rules.closing_alerts import (RECTIFICATION_DUE, OpenCase, OpenInspection,
                                          OpenRectification, closing_alerts)
from tracker.services.notifications import ContactBook, queue_notifications

@dataclass(frozen=True)
class ScanOutcome:
    run_id: int
    alerts: list[dict[str, Any]]
    notifications: int


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _insert_new_alert(session: Session, values: dict[str, Any]) -> int | None:
    """Insert unless (project, kind, key, due) exists; the database constraint decides races."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    stmt = (module.insert(Alert).values(**values)
            .on_conflict_do_nothing(index_elements=["project_id", "kind", "key", "due_key"])
            .returning(Alert.id))
    return session.scalar(stmt)


def _due_key(due: dt.date | None) -> str:
    return due.isoformat() if due else NO_KEY


def candidates_for(status: ProjectStatus, today: dt.date, reminders_raised: set[int],
                   rectify_reminders_raised: set[int] | None = None) -> list[AlertCandidate]:
    b = status.bundle
    # behind_schedule is the one medium reason that raises an alert (not in_rectification).
    behind = "behind_schedule" in status.risk.reasons
    return project_alerts(
        state=b.state, today=today, deadline=status.deadline,
        effective_deadline=status.effective_deadline, end_date=b.end_date,
        all_targets_achieved=all(t.achieved for t in status.targets),
        risk_level=status.risk.level if behind or status.risk.level != "medium" else "low",
        shared_references=status.shared_references, thresholds=b.programme.reminder_thresholds,
        reminders_raised=reminders_raised) + _closing_candidates(status, today, rectify_reminders_raised or set())


def _closing_candidates(status: ProjectStatus, today: dt.date, raised: set[int]) -> list[AlertCandidate]:
    b, facts = status.bundle, status.bundle.closing
    rect = facts.rectification
    open_rect = (OpenRectification(rect.rectification_deadline, rect.rectification_effective_deadline)
                 if b.state == "rectifying" and rect and rect.rectification_deadline
                 and rect.rectification_effective_deadline else None)
    case = facts.open_case
    return closing_alerts(
        today=today, rectification=open_rect,
        rectify_thresholds=b.programme.closing.rectify_reminder_thresholds,
        rectify_reminders_raised=raised,
        case=OpenCase(case.proposed_on, case.response_deadline, case.response_effective_deadline,
                      case.statement_on is not None) if case else None,
        inspections=[OpenInspection(i.id, i.due, i.due_effective, i.resolved_on is not None)
                     for i in facts.inspections if i.due and i.due_effective],
        inspection_reminder_days=b.programme.closing.inspection_reminder_days)


def _raise_alerts(session: Session, day: dt.date, run_id: int) -> tuple[list[dict[str, Any]], int]:
    statuses = portfolio_status(session, Principal.bureau("scan"), day)
    existing: set[tuple[int, str, str, str]] = set()
    reminders: dict[int, set[int]] = defaultdict(set)
    rectify_reminders: dict[int, set[int]] = defaultdict(set)
    deadlines = {s.bundle.id: s.deadline for s in statuses}
    for project_id, kind, key, due in session.execute(select(Alert.project_id, Alert.kind, Alert.key, Alert.due)):
        existing.add((project_id, kind, key, _due_key(due)))
        if kind == DUE and due == deadlines.get(project_id):  # reminders of the same deadline
            reminders[project_id].add(int(key))
        if kind == RECTIFICATION_DUE:  # one rectification period per project
            rectify_reminders[project_id].add(int(key))
    raised: list[dict[str, Any]] = []
    queued = 0
    now = _now()
    book = ContactBook.load(session)
    for status in statuses:
        b = status.bundle
        for c in candidates_for(status, day, reminders[b.id], rectify_reminders[b.id]):
            key = c.key if c.key is not None else NO_KEY
            if (b.id, c.kind, key, _due_key(c.due)) in existing:
                continue
            alert_id = _insert_new_alert(session, {
                "project_id": b.id, "kind": c.kind, "key": key, "raised_on": day, "due": c.due,
                "due_key": _due_key(c.due), "days_left": c.days_left, "scan_run_id": run_id,
                "created_at": now})
            existing.add((b.id, c.kind, key, _due_key(c.due)))
            if alert_id is None:  # another scan raised it first
                continue
            if c.kind == DUE:
                reminders[b.id].add(int(key))
            if c.kind == RECTIFICATION_DUE:
                rectify_reminders[b.id].add(int(key))
            raised.append(alert_json(b.code, c.kind, c.key, day, c.due, c.days_left))
            queued += queue_notifications(session, alert_id, c, status, now, book)
    raised.sort(key=lambda a: (a["project_code"], a["kind"], a["key"] or ""))
    return raised, queued


def run_scan(engine: Engine, day: dt.date, trigger: str = "manual", *,
             before_commit: Callable[[], None] | None = None) -> ScanOutcome:
    """Scan day D. The run is recorded first; its alerts, notifications and completion are
    committed together, so an interrupted scan leaves nothing half-done and is simply run again.
    `before_commit` runs inside that transaction, once everything is written (a crash test
    stops the process there)."""
    with write_session(engine) as session:
        run = ScanRun(day=day, started_at=_now(), trigger=trigger)
        session.add(run)
        session.flush()
        run_id = run.id
    try:
        with write_session(engine) as session:
            raised, queued = _raise_alerts(session, day, run_id)
            if before_commit is not None:
                before_commit()
            session.execute(update(ScanRun).where(ScanRun.id == run_id).values(
                finished_at=_now(), alerts_raised=len(raised), notifications_queued=queued))
    except Exception as exc:
        with write_session(engine) as session:
            session.execute(update(ScanRun).where(ScanRun.id == run_id).values(
                finished_at=_now(), error=f"{type(exc).__name__}: {exc}"[:2000]))
        raise
    return ScanOutcome(run_id, raised, queued)


def scanned(engine: Engine, day: dt.date) -> bool:
    """Whether a scan of `day` has completed without error."""
    with Session(engine) as session:
        return session.scalar(select(ScanRun.id).where(
            ScanRun.day == day, ScanRun.finished_at.is_not(None), ScanRun.error.is_(None)).limit(1)) is not None
