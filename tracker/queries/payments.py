"""Disbursements and recalls as the funds page lists them: date, amount, who, why."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.access import scoped
from tracker.models import Enterprise, FundMovement, Project
from tracker.principal import Principal


def fund_movements(session: Session, principal: Principal, *, code: str | None = None, kind: str | None = None,
                   limit: int | None = 500) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Movements the principal may see (of one project when `code` is given), newest first, and
    the totals of the movements matching: how many, disbursed, recalled and net."""
    base = scoped(select(FundMovement, Project.code, Enterprise.name)
                  .join(Project, FundMovement.project_id == Project.id)
                  .join(Enterprise, Project.enterprise_id == Enterprise.id), principal)
    conditions = []
    if code:
        conditions.append(Project.code == code.strip())
    if kind:
        conditions.append(FundMovement.kind == kind)
    stmt = base.where(*conditions).order_by(FundMovement.on_date.desc(), FundMovement.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = [{"id": m.id, "project_code": c, "enterprise": name, "kind": m.kind, "date": m.on_date.isoformat(),
             "amount_wan": Decimal(m.amount_wan).quantize(Decimal("0.01")), "actor": m.actor, "reason": m.reason}
            for m, c, name in session.execute(stmt)]
    sums: dict[str, Decimal] = {}
    counts = 0
    for kind_of, amount, count in session.execute(
        scoped(select(FundMovement.kind, func.coalesce(func.sum(FundMovement.amount_wan), 0), func.count())
               .join(Project, FundMovement.project_id == Project.id)
               .join(Enterprise, Project.enterprise_id == Enterprise.id), principal)
        .where(*conditions).group_by(FundMovement.kind)):
        sums[kind_of], counts = amount, counts + count
    disbursed = Decimal(sums.get("disbursement", 0)).quantize(Decimal("0.01"))
    recalled = Decimal(sums.get("recall", 0)).quantize(Decimal("0.01"))
    return rows, {"movements": counts, "disbursed_wan": disbursed, "recalled_wan": recalled,
                  "net_disbursed_wan": disbursed - recalled}
