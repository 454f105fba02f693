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

from tracker.db import read_session, write_session
from tracker.models import Alert, ScanRun
from tracker.models.alert import NO_KEY
from tracker.principal import Principal
from tracker.queries.alerts import alert_json
from tracker.queries.served import statuses_for
from tracker.queries.status import ProjectStatus
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


# One statement, its values bound at execution: compiled once, not once per alert.
_INSERT_ALERT = {is_pg: (postgresql if is_pg else sqlite).insert(Alert)
                 .on_conflict_do_nothing(index_elements=["project_id", "kind", "key", "due_key"])
                 .returning(Alert.id) for is_pg in (False, True)}


def _insert_new_alert(session: Session, values: dict[str, Any]) -> int | None:
    """Insert unless (project, kind, key, due) exists; the database constraint decides races."""
    dialect = session.get_bind().dialect.name
    # Core, not the ORM's bulk path: an alert changes no project's status (nothing to mark)
    return session.connection().execute(_INSERT_ALERT[dialect == "postgresql"], values).scalar()


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
    b, e = status.bundle, status.evaluation
    open_rect = (OpenRectification(*e.rectification)
                 if b.state == "rectifying" and e.rectification and e.rectification[1] else None)
    case = e.open_case
    return closing_alerts(
        today=today, rectification=open_rect,
        rectify_thresholds=b.programme.closing.rectify_reminder_thresholds,
        rectify_reminders_raised=raised,
        case=OpenCase(case.proposed_on, case.response_deadline, case.response_effective_deadline,
                      case.answered) if case else None,
        inspections=[OpenInspection(i.id, i.due, i.due_effective, i.resolved) for i in e.inspections],
        inspection_reminder_days=b.programme.closing.inspection_reminder_days)


WRITE_BATCH = 500  # alerts inserted per transaction: each commits well under a second


@dataclass(frozen=True)
class _Due:
    """An alert the day calls for, not raised yet, with the status it was found in."""
    status: ProjectStatus
    candidate: AlertCandidate


def _due_alerts(session: Session, day: dt.date) -> list[_Due]:
    """Read only: every alert day D calls for that is not raised yet (from the read model
    when it is current: no records are loaded)."""
    statuses, _served = statuses_for(session, Principal.bureau("scan"), day)
    existing: set[tuple[int, str, str, str]] = set()
    rectify_reminders: dict[int, set[int]] = defaultdict(set)
    for project_id, kind, key, due in session.execute(select(Alert.project_id, Alert.kind, Alert.key, Alert.due)):
        existing.add((project_id, kind, key, _due_key(due)))
        if kind == RECTIFICATION_DUE:  # one rectification period per project
            rectify_reminders[project_id].add(int(key))
    due_keys: dict[int, set[tuple[int, str]]] = defaultdict(set)  # reminders raised, by deadline
    for project_id, kind, key, due_key in existing:
        if kind == DUE:
            due_keys[project_id].add((int(key), due_key))
    found: list[_Due] = []
    for status in statuses:
        b = status.bundle
        reminders = {key for key, due in due_keys.get(b.id, ()) if due == _due_key(status.deadline)}
        for c in candidates_for(status, day, reminders, rectify_reminders[b.id]):
            key = c.key if c.key is not None else NO_KEY
            if (b.id, c.kind, key, _due_key(c.due)) not in existing:
                existing.add((b.id, c.kind, key, _due_key(c.due)))
                found.append(_Due(status, c))
    return found


def _raise(session: Session, due: list[_Due], day: dt.date, run_id: int, book: ContactBook,
           now: dt.datetime) -> tuple[list[dict[str, Any]], int]:
    raised: list[dict[str, Any]] = []
    queued = 0
    for d in due:
        b, c = d.status.bundle, d.candidate
        key = c.key if c.key is not None else NO_KEY
        alert_id = _insert_new_alert(session, {
            "project_id": b.id, "kind": c.kind, "key": key, "raised_on": day, "due": c.due,
            "due_key": _due_key(c.due), "days_left": c.days_left, "scan_run_id": run_id,
            "created_at": now})
        if alert_id is None:  # another scan raised it first
            continue
        raised.append(alert_json(b.code, c.kind, c.key, day, c.due, c.days_left))
        queued += queue_notifications(session, alert_id, c, d.status, now, book)
    return raised, queued


def run_scan(engine: Engine, day: dt.date, trigger: str = "manual", *,
             before_commit: Callable[[], None] | None = None) -> ScanOutcome:
    """Scan day D. The run is recorded first; then everything due is found read-only, and
    raised with its notifications in short transactions (an alert and its notifications
    always together). An interrupted scan is simply run again: the alerts it raised are
    there, the unique constraint keeps them from being raised twice, and the run is complete
    only once its last transaction (with the run's completion) commits. `before_commit` runs
    inside that last transaction (a test holds the scan there)."""
    with write_session(engine) as session:
        run = ScanRun(day=day, started_at=_now(), trigger=trigger)
        session.add(run)
        session.flush()
        run_id = run.id
    try:
        with read_session(engine) as session:
            due = _due_alerts(session, day)
            book = ContactBook.load(session)
        raised: list[dict[str, Any]] = []
        queued, now = 0, _now()
        batches = [due[i:i + WRITE_BATCH] for i in range(0, len(due), WRITE_BATCH)] or [[]]
        for n, batch in enumerate(batches):
            with write_session(engine) as session:
                more, count = _raise(session, batch, day, run_id, book, now)
                raised += more
                queued += count
                if n == len(batches) - 1:
                    raised.sort(key=lambda a: (a["project_code"], a["kind"], a["key"] or ""))
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
