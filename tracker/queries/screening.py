"""Eligibility screening of a programme's applications (INTERFACES.md 3.1), ranked."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.access import scoped
from tracker.models import Application, Enterprise, ProgrammeRow
from tracker.models.application import FACT_FIELDS
from tracker.principal import Principal
from tracker.programme import Programme
from tracker.rules.eligibility import ApplicantFacts, rank, screen


def facts_of(a: Application) -> ApplicantFacts:
    e = a.enterprise
    return ApplicantFacts(
        uscc=e.uscc, name=e.name, district=e.district, industry_cluster=e.industry_cluster,
        revenues=(a.revenue_1, a.revenue_2, a.revenue_3), profits=(a.profit_1, a.profit_2, a.profit_3),
        honours=tuple(a.honours or ()), **{k: getattr(a, k) for k in FACT_FIELDS})


def screening(session: Session, principal: Principal, programme_row: ProgrammeRow,
              programme: Programme) -> list[dict[str, Any]]:
    applications = session.scalars(scoped(
        select(Application).join(Enterprise, Application.enterprise_id == Enterprise.id)
        .where(Application.programme_id == programme_row.id), principal)).all()
    by_uscc = {a.enterprise.uscc: a for a in applications}
    out = []
    for s, position in rank(screen(facts_of(a), programme) for a in applications):
        a = by_uscc[s.uscc]
        out.append({
            "uscc": s.uscc, "name": s.name, "verdict": s.verdict, "reasons": list(s.reasons),
            "notes": list(s.notes), "rank": position,
            "district": a.enterprise.district, "industry_cluster": a.enterprise.industry_cluster,
            "state": a.state,
            "flags": ["late_district_recommendation"] if a.late_district_recommendation else [],
        })
    return out
