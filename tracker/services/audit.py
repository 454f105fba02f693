"""The append-only audit trail: who, when, what before and after, and why."""
from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from sqlalchemy.orm import Session

from tracker.models import AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def record(session: Session, *, actor: str, action: str, entity: str, key: str,
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
           reason: str | None = None, on_date: dt.date | None = None) -> AuditEvent:
    event = AuditEvent(
        recorded_at=dt.datetime.now(dt.timezone.utc), actor=actor, action=action, entity=entity,
        entity_key=key, on_date=on_date, before=_plain(before) if before is not None else None,
        after=_plain(after) if after is not None else None, reason=reason)
    session.add(event)
    return event
