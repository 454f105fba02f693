"""Decisions that departed from the rule, for auditors (DOMAIN.md 9-11): reviews whose panel
overrode a finding or concluded otherwise than the rule, recall proposals of another amount,
amendments after the deadline; and the money totals of the recall cases."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.access import scoped
from tracker.models import Enterprise, FundMovement, Project
from tracker.principal import Principal
from tracker.queries.closing import load_closing
from tracker.vocab import HistoryKind, ProjectFlag, RecallFlag, RecallState, ReviewFlag

# The flags an auditor filters on, each with the kind of decision that carries it.
DEPARTURE_FLAGS: dict[str, HistoryKind] = {
    ReviewFlag.CONCLUSION_DIFFERS_FROM_RULE: HistoryKind.ACCEPTANCE_REVIEW,
    ReviewFlag.FINDING_OVERRIDDEN: HistoryKind.ACCEPTANCE_REVIEW,
    RecallFlag.AMOUNT_DIFFERS_FROM_RULE: HistoryKind.RECALL_PROPOSED,
    ProjectFlag.AMENDED_AFTER_DEADLINE: HistoryKind.AMENDMENT,
}
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Departure:
    project_code: str
    enterprise: str
    district: str
    kind: str       # HistoryKind
    on: dt.date
    flag: str
    by: str
    reason: str | None


@dataclass(frozen=True)
class RecallTotals:
    cases: int
    proposed: Decimal   # all proposals, open or closed
    decided: Decimal    # the decisions' amounts (a waiver counts 0)
    recalled: Decimal   # money recorded as recalled on these projects (decisions and `funds recall`)


def _visible_ids(principal: Principal) -> Any:
    return scoped(select(Project.id).join(Enterprise, Project.enterprise_id == Enterprise.id), principal)


def departures(session: Session, principal: Principal, flag: str | None = None) -> list[Departure]:
    """Every departure the principal may see (only those carrying `flag` when given), newest first."""
    ids = _visible_ids(principal)
    facts = load_closing(session, ids)
    names = {r.id: r for r in session.execute(
        select(Project.id, Project.code, Enterprise.name, Enterprise.district)
        .join(Enterprise, Project.enterprise_id == Enterprise.id).where(Project.id.in_(list(facts))))}
    out: list[Departure] = []
    for project_id, f in facts.items():
        p = names[project_id]
        found = [(HistoryKind.ACCEPTANCE_REVIEW, r.reviewed_on, r.flags, r.by, r.reason) for r in f.reviews]
        found += [(HistoryKind.RECALL_PROPOSED, c.proposed_on, c.flags, c.proposed_by, c.proposal_reason)
                  for c in f.cases]
        found += [(HistoryKind.AMENDMENT, a.on_date, a.flags, a.by, a.reason) for a in f.amendments]
        for kind, on, flags, by, reason in found:
            for code in flags:
                if DEPARTURE_FLAGS.get(code) == kind and (flag is None or code == flag):
                    out.append(Departure(p.code, p.name, p.district, kind, on, code, by, reason))
    return sorted(out, key=lambda d: (d.on, d.project_code), reverse=True)


def recall_totals(session: Session, principal: Principal) -> RecallTotals:
    ids = _visible_ids(principal)
    cases = [c for f in load_closing(session, ids).values() for c in f.cases]
    recalled = session.scalar(select(func.coalesce(func.sum(FundMovement.amount_wan), 0))
                              .where(FundMovement.kind == "recall", FundMovement.project_id.in_(ids)))
    return RecallTotals(
        cases=len(cases), proposed=sum((c.proposed_amount_wan for c in cases), ZERO),
        decided=sum((c.decided_amount_wan or ZERO for c in cases if c.state != RecallState.PROPOSED), ZERO),
        recalled=Decimal(recalled).quantize(ZERO))
