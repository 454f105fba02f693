"""The audit trail as people search it: by who, what and when (Beijing days), newest first,
with the time in Beijing time."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.access import visible
from tracker.clock import SUZHOU
from tracker.models import AuditEvent
from tracker.principal import Principal


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None        # part of the actor's name
    action: str | None = None       # an AuditAction code
    key: str | None = None          # part of the thing's key (project code, record id, USCC...)
    since: dt.date | None = None    # Beijing days, inclusive
    until: dt.date | None = None


def beijing(moment: dt.datetime) -> dt.datetime:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)  # SQLite drops the zone
    return aware.astimezone(SUZHOU)


def _day_start(day: dt.date) -> dt.datetime:
    # in UTC: SQLite compares the stored UTC wall time, PostgreSQL the instant; both agree on UTC
    return dt.datetime.combine(day, dt.time(), SUZHOU).astimezone(dt.timezone.utc)


def _like(text: str) -> str:
    escaped = text.strip()[:100].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_audit(session: Session, principal: Principal, f: AuditFilter, limit: int | None = 500
                 ) -> tuple[list[dict[str, Any]], int]:
    """The events the principal may see matching `f`, newest first (at most `limit`), and how many match."""
    conditions = [visible(principal, AuditEvent)]
    if f.actor and f.actor.strip():
        conditions.append(AuditEvent.actor.ilike(_like(f.actor), escape="\\"))
    if f.action:
        conditions.append(AuditEvent.action == f.action)
    if f.key and f.key.strip():
        conditions.append(AuditEvent.entity_key.ilike(_like(f.key), escape="\\"))
    if f.since:
        conditions.append(AuditEvent.recorded_at >= _day_start(f.since))
    if f.until:
        conditions.append(AuditEvent.recorded_at < _day_start(f.until + dt.timedelta(days=1)))
    stmt = select(AuditEvent).where(*conditions).order_by(AuditEvent.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    total = session.scalar(select(func.count(AuditEvent.id)).where(*conditions)) or 0
    rows = [{"when": beijing(e.recorded_at).strftime("%Y-%m-%d %H:%M:%S"), "actor": e.actor, "action": e.action,
             "entity": e.entity, "key": e.entity_key, "on_date": e.on_date.isoformat() if e.on_date else None,
             "before": e.before, "after": e.after, "reason": e.reason} for e in session.scalars(stmt)]
    return rows, total
