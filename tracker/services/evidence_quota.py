"""How much evidence an enterprise keeps, against its quota (TRACKER_EVIDENCE_QUOTA_MB): every
file it uploaded, once per content, whether for a claim or for a statement on a recall case."""
from __future__ import annotations

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from tracker.evidence import EvidenceTooLarge, enterprise_quota
from tracker.models import Achievement, Project, RecallCase


def evidence_in_use(session: Session, enterprise_id: int) -> int:
    """Bytes held for the enterprise's projects: a file named by its SHA-256 is stored once,
    however many records point at it."""
    of_enterprise = select(Project.id).where(Project.enterprise_id == enterprise_id)
    files = union(*(select(owner.evidence_sha256, owner.evidence_size)
                    .where(owner.project_id.in_(of_enterprise), owner.evidence_sha256.is_not(None))
                    for owner in (Achievement, RecallCase))).subquery()
    sizes = select(files.c.evidence_sha256, func.max(files.c.evidence_size).label("size")) \
        .group_by(files.c.evidence_sha256).subquery()
    return session.scalar(select(func.coalesce(func.sum(sizes.c.size), 0))) or 0


def check_quota(session: Session, enterprise_id: int, adding: int) -> None:
    """EvidenceTooLarge (413) if `adding` more bytes would take the enterprise over its quota."""
    quota = enterprise_quota()
    if evidence_in_use(session, enterprise_id) + adding > quota:
        raise EvidenceTooLarge(f"佐证材料存储已达上限（每家企业 {quota // 1024 // 1024} MB），请联系市局")
