"""Enterprises are created or refreshed by whatever file names them last."""
from __future__ import annotations

from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.models import Enterprise
from tracker.services import audit


def existing_enterprises(session: Session, usccs: Iterable[str]) -> dict[str, Enterprise]:
    wanted = sorted(set(usccs))
    found: dict[str, Enterprise] = {}
    for i in range(0, len(wanted), 500):  # keep within every database's parameter limit
        chunk = wanted[i:i + 500]
        found.update({e.uscc: e for e in session.scalars(
            select(Enterprise).where(Enterprise.uscc.in_(chunk)))})
    return found


def upsert_enterprise(session: Session, known: dict[str, Enterprise], *, uscc: str, name: str,
                      district: str, industry_cluster: str, actor: str) -> Enterprise:
    enterprise = known.get(uscc)
    after = {"name": name, "district": district, "industry_cluster": industry_cluster}
    if enterprise is None:
        enterprise = Enterprise(uscc=uscc, **after)
        session.add(enterprise)
        known[uscc] = enterprise
        return enterprise
    before = {k: getattr(enterprise, k) for k in after}
    if before != after:
        for k, v in after.items():
            setattr(enterprise, k, v)
        audit.record(session, actor=actor, action="enterprise.updated", entity="enterprise",
                     key=uscc, before=before, after=after)
    return enterprise
