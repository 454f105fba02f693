"""Achievement records with their status and flags (INTERFACES.md 3.4)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from tracker.access import scoped
from tracker.clock import SUZHOU
from tracker.models import Achievement, Enterprise, Project
from tracker.principal import Principal
from tracker.queries.disclosure import flags_for
from tracker.queries.portfolio import load_portfolio
from tracker.queries.evaluation import bundle_record_flags
from tracker.rules.evidence import WITHDRAWN


def _suzhou_day(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)  # SQLite drops the zone
    return aware.astimezone(SUZHOU).date().isoformat()


def list_achievements(session: Session, principal: Principal, code: str | None = None
                      ) -> list[dict[str, Any]]:
    portfolio = load_portfolio(session, principal, code)
    flags: dict[int, list[str]] = {}
    for b in portfolio.projects:
        flags.update(bundle_record_flags(b, portfolio.shared_references))
    stmt = scoped(select(Achievement, Project.code).options(defer(Achievement.text)).join(Project, Achievement.project_id == Project.id)
                  .join(Enterprise, Project.enterprise_id == Enterprise.id), principal)
    if code is not None:
        stmt = stmt.where(Project.code == code)
    stmt = stmt.where(Achievement.status != WITHDRAWN)  # withdrawn claims live on in the audit trail
    return [achievement_json(a, project_code, flags_for(principal, flags.get(a.id, [])))
            for a, project_code in session.execute(stmt.order_by(Project.code, Achievement.id))]


def achievement_json(a: Achievement, project_code: str, flags: list[str]) -> dict[str, Any]:
    """One record as the API shows it; `flags` already filtered for the reader."""
    return {
        "id": a.id, "project_code": project_code, "indicator": a.indicator,
        "date": a.date.isoformat(), "title": a.title, "quantity": a.quantity, "level": a.level,
        "source_type": a.source_type, "year": a.year,
        "value": float(a.value) if a.value is not None else None,
        "reference": a.reference, "status": a.status, "flags": flags,
        "text_chars": a.text_chars, "evidence": a.evidence, "reviewed_by": a.reviewed_by,
        "reviewed_on": a.reviewed_on.isoformat() if a.reviewed_on else None,
        "review_reason": a.review_reason,
        "evidence_sha256": a.evidence_sha256, "evidence_type": a.evidence_type,
        "evidence_name": a.evidence_name, "claimed_by": a.claimed_by,
        "claimed_on": _suzhou_day(a.claimed_at),
        "version": a.version,
    }
