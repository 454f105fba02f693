"""The review queue for thousands of pending claims: filtered and paged in SQL, each row with
its flags (computed by the counting rules for the projects on the page only, or for every
candidate when the filter asks for flags)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.orm import Session, defer
from sqlalchemy.sql.util import find_tables

from tracker.access import enterprise_condition, scoped
from tracker.clock import SUZHOU
from tracker.models import Achievement, Enterprise, ProgrammeRow, Project
from tracker.principal import Principal
from tracker.programme.loaded import programme_of
from tracker.queries.portfolio import load_portfolio
from tracker.rules.evidence import record_flags

CLAIMED = "claimed"
FLAGGED, CLEAN = "flagged", "clean"  # the flag filter's two summary values beside the flag codes
PAGE_SIZE = 25


@dataclass(frozen=True)
class QueueFilter:
    district: str | None = None
    programme: str | None = None     # programme code
    target: str | None = None        # target id: of `target_programme`, else of `programme`, else of each
    flag: str | None = None          # "flagged", "clean" or one flag code
    min_age_days: int | None = None  # claimed at least this many days before `today`
    target_programme: str | None = None  # the programme `target` belongs to (T3 of 2024 is not T3 of 2025)


@dataclass(frozen=True)
class QueuePage:
    rows: list[dict[str, Any]]
    total: int        # claims matching the filter
    page: int         # 0-based, clamped to the pages there are
    pages: int


def _claimed_day(moment: dt.datetime) -> dt.date:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)  # SQLite drops the zone
    return aware.astimezone(SUZHOU).date()


def _target_claims(session: Session, f: QueueFilter) -> Any:
    """The condition for claims under the filter's target: each programme's own indicators of
    that target, on that programme's projects only (two programmes may both have a T3, and may
    even share indicator ids, so an indicator alone does not name a target)."""
    named = {code for code in (f.target_programme, f.programme) if code}
    if len(named) > 1:
        return false()  # a target of one programme among another programme's claims: none
    rows = session.scalars(select(ProgrammeRow) if not named
                           else select(ProgrammeRow).where(ProgrammeRow.code.in_(named))).all()
    per_programme = [(r.id, [i.id for i in programme_of(r).indicators if i.target_id == f.target]) for r in rows]
    return or_(false(), *(and_(Project.programme_id == pid, Achievement.indicator.in_(ids))
                          for pid, ids in per_programme if ids))


def _statement(session: Session, principal: Principal, f: QueueFilter, today: dt.date) -> Any:
    """The claims awaiting review that match, joined to their project and enterprise only when
    the scope or a filter asks (a bureau's unfiltered queue is counted from an index alone)."""
    scope = [enterprise_condition(principal), *([Enterprise.district == f.district] if f.district else [])]
    by_enterprise = any(Enterprise.__table__ in find_tables(c, check_columns=True) for c in scope)
    stmt = select(Achievement.id, Achievement.project_id).where(Achievement.status == CLAIMED)
    if by_enterprise or f.programme or f.target:  # a target is its programme's: on the project's programme
        stmt = stmt.join(Project, Achievement.project_id == Project.id)
    if by_enterprise:
        stmt = stmt.join(Enterprise, Project.enterprise_id == Enterprise.id)
    stmt = stmt.where(*scope)  # also when it names no table: a role that sees nothing
    if f.programme:
        stmt = stmt.where(Project.programme_id.in_(
            select(ProgrammeRow.id).where(ProgrammeRow.code == f.programme)))
    if f.target:
        stmt = stmt.where(_target_claims(session, f))
    if f.min_age_days is not None:
        # a claim made on day D is N days old on D + N (Beijing days); bound by the start of D + 1
        cutoff = dt.datetime.combine(today - dt.timedelta(days=f.min_age_days - 1), dt.time(), SUZHOU)
        cutoff = cutoff.astimezone(dt.timezone.utc)  # SQLite keeps UTC wall time without the zone
        stmt = stmt.where(Achievement.claimed_at < cutoff)
    return stmt


def _flags(session: Session, principal: Principal, project_ids: set[int]) -> dict[int, list[str]]:
    if not project_ids:
        return {}
    portfolio = load_portfolio(session, principal, project_ids=project_ids)
    out: dict[int, list[str]] = {}
    for b in portfolio.projects:
        out.update(record_flags(b.records, {i.id: i for i in b.indicators}, b.start_date, b.end_date,
                                portfolio.shared_references))
    return out


def _keep(flags: list[str], wanted: str) -> bool:
    if wanted == FLAGGED:
        return bool(flags)
    if wanted == CLEAN:
        return not flags
    return wanted in flags


def review_queue_page(session: Session, principal: Principal, f: QueueFilter, today: dt.date,
                      page: int = 0, size: int = PAGE_SIZE) -> QueuePage:
    """One page of the claims awaiting review that the principal may see, oldest claim first."""
    matching = _statement(session, principal, f, today)
    stmt = matching.order_by(Achievement.claimed_at, Achievement.id)
    flags: dict[int, list[str]] = {}
    if f.flag:  # flags are the counting rules' verdicts, not columns: filter the candidates here
        candidates = session.execute(stmt).all()
        flags = _flags(session, principal, {p for _, p in candidates})
        ids = [i for i, _ in candidates if _keep(flags.get(i, []), f.flag)]
    else:
        ids = []
    total = len(ids) if f.flag else session.scalar(select(func.count()).select_from(matching.subquery())) or 0
    pages = max((total + size - 1) // size, 1)
    page = min(max(page, 0), pages - 1)
    if f.flag:
        chosen = ids[page * size:(page + 1) * size]
    else:
        chosen = [i for i, _ in session.execute(stmt.offset(page * size).limit(size)).all()]
    rows = session.execute(
        select(Achievement, Project.code, Enterprise.name, Enterprise.district, ProgrammeRow.code)
        .options(defer(Achievement.text))
        .join(Project, Achievement.project_id == Project.id)
        .join(Enterprise, Project.enterprise_id == Enterprise.id)
        .join(ProgrammeRow, Project.programme_id == ProgrammeRow.id)
        .where(Achievement.id.in_(chosen))).all()
    if not f.flag:
        flags = _flags(session, principal, {a.project_id for a, *_ in rows})
    order = {i: n for n, i in enumerate(chosen)}
    out = []
    for a, code, name, district, programme in sorted(rows, key=lambda r: order[r[0].id]):
        claimed = _claimed_day(a.claimed_at)
        out.append({"id": a.id, "project_code": code, "enterprise": name, "district": district,
                    "programme": programme, "indicator": a.indicator, "date": a.date.isoformat(),
                    "title": a.title, "quantity": a.quantity, "reference": a.reference,
                    "level": a.level, "source_type": a.source_type, "year": a.year,
                    "value": float(a.value) if a.value is not None else None, "text_chars": a.text_chars,
                    "evidence": a.evidence, "evidence_type": a.evidence_type,
                    "has_file": a.evidence_sha256 is not None, "claimed_by": a.claimed_by,
                    "claimed_on": claimed.isoformat(), "age_days": max((today - claimed).days, 0),
                    "version": a.version, "flags": flags.get(a.id, [])})
    return QueuePage(out, total, page, pages)


def queue_choices(session: Session, principal: Principal) -> dict[str, Any]:
    """What the queue's filters offer: districts and programmes (with their targets) in scope."""
    districts = session.scalars(scoped(select(Enterprise.district).distinct(), principal)
                                .order_by(Enterprise.district)).all()
    programmes = [(r.code, programme_of(r)) for r in session.scalars(select(ProgrammeRow).order_by(ProgrammeRow.code))]
    return {"districts": [d for d in districts if d],
            "programmes": [(code, p.name) for code, p in programmes],
            "targets": {code: [(tg.id, tg.name) for tg in p.targets] for code, p in programmes}}


def flags_of(session: Session, principal: Principal, achievement_ids: list[int]) -> dict[int, list[str]]:
    """The flags of the records named (those the principal may see)."""
    project_ids = set(session.scalars(scoped(
        select(Achievement.project_id).join(Project, Achievement.project_id == Project.id)
        .join(Enterprise, Project.enterprise_id == Enterprise.id)
        .where(Achievement.id.in_(achievement_ids)), principal)))
    flags = _flags(session, principal, project_ids)
    return {i: flags.get(i, []) for i in achievement_ids}
