"""Keep the project snapshots (the portfolio read model) in step with the rules and the data.

The snapshots reflect one day and one point of the audit trail (every change writes an
audit event). When either moved on they are rebuilt, all at once; a change made through
the web refreshes just its project when everything else was current."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.orm import Session

from tracker.db import read_session, write_session
from tracker.models import AuditEvent, Project, ProjectSnapshot, SnapshotState
from tracker.principal import Principal
from tracker.queries.status import ProjectStatus, portfolio_status

BATCH = 5000
CHUNK = 5000  # projects computed at a time: memory stays bounded at any portfolio size


def audit_version(session: Session) -> int:
    return session.scalar(select(func.coalesce(func.max(AuditEvent.id), 0))) or 0


def _row(s: ProjectStatus, today: dt.date) -> dict[str, object]:
    return {"project_id": s.bundle.id, "as_of": today, "state": s.bundle.state, "risk": s.risk.level,
            "risk_reasons": ",".join(s.risk.reasons), "flags": ",".join(s.flags), "pace": round(s.pace, 6),
            "elapsed": round(s.elapsed, 6), "targets_achieved": s.targets_achieved,
            "targets_mask": sum(1 << i for i, t in enumerate(s.targets) if t.achieved),
            "deadline": s.deadline, "effective_deadline": s.effective_deadline, "days_left": s.days_left,
            "disbursed_wan": s.bundle.disbursed - s.bundle.recalled if s.bundle.any_disbursement
            else Decimal("0.00"), "funds_at_risk_wan": s.funds_at_risk}


def _write(session: Session, statuses: list[ProjectStatus], today: dt.date) -> None:
    rows = [_row(s, today) for s in statuses]
    for i in range(0, len(rows), BATCH):
        session.execute(insert(ProjectSnapshot), rows[i:i + BATCH])


def rebuild(session: Session, today: dt.date, chunk: int = CHUNK) -> int:
    """Recompute every project's snapshot for `today`, a slice of projects at a time."""
    session.execute(delete(ProjectSnapshot))
    low, high = session.execute(select(func.min(Project.id), func.max(Project.id))).one()
    count = 0
    start = low or 0
    while high is not None and start <= high:
        statuses = portfolio_status(session, Principal.bureau("snapshots"), today,
                                    id_range=(start, start + chunk - 1))
        _write(session, statuses, today)
        count += len(statuses)
        start += chunk
    state = session.get(SnapshotState, 1)
    version = audit_version(session)
    if state is None:
        session.add(SnapshotState(id=1, as_of=today, audit_version=version))
    else:
        state.as_of, state.audit_version = today, version
    return count


def is_fresh(session: Session, today: dt.date) -> bool:
    state = session.get(SnapshotState, 1)
    return state is not None and state.as_of == today and state.audit_version == audit_version(session)


def ensure_fresh(engine: Engine, today: dt.date) -> bool:
    """Rebuild when stale; True when a rebuild happened."""
    with read_session(engine) as session:
        if is_fresh(session, today):
            return False
    with write_session(engine) as session:
        if is_fresh(session, today):  # another worker just did it
            return False
        rebuild(session, today)
    return True


def refresh_project(session: Session, today: dt.date, code: str, version_before: int) -> None:
    """After a change to one project: refresh its snapshot alone when the others were current
    (the state before the change was fresh); otherwise leave the whole set to be rebuilt."""
    state = session.get(SnapshotState, 1)
    if state is None or state.as_of != today or state.audit_version != version_before:
        return
    statuses = portfolio_status(session, Principal.bureau("snapshots"), today, code)
    if statuses:
        session.execute(delete(ProjectSnapshot).where(ProjectSnapshot.project_id == statuses[0].bundle.id))
        _write(session, statuses, today)
    state.audit_version = audit_version(session)
