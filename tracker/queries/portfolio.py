"""Load everything the status of many projects needs, in six queries whatever their number."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Collection

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from tracker.access import scoped
from tracker.models import Achievement, Enterprise, FundMovement, ProgrammeRow, Project, ProjectIndicator
from tracker.principal import Principal
from tracker.programme import Indicator, Programme
from tracker.programme.loaded import programme_of
from tracker.queries.closing import ClosingFacts, load_closing
from tracker.rules.evidence import LIVE, WITHDRAWN, Record

ZERO = Decimal("0.00")


@dataclass
class ProjectBundle:
    id: int
    code: str
    title: str
    state: str
    start_date: dt.date
    end_date: dt.date
    grant_wan: Decimal
    extension_reason: str | None
    acceptance_requested_on: dt.date | None
    uscc: str
    enterprise_name: str
    district: str
    industry_cluster: str
    programme: Programme
    indicators: list[Indicator] = dataclasses.field(default_factory=list)
    records: list[Record] = dataclasses.field(default_factory=list)
    disbursed: Decimal = ZERO
    recalled: Decimal = ZERO
    any_disbursement: bool = False
    closing: ClosingFacts = dataclasses.field(default_factory=ClosingFacts)

    @property
    def net_disbursed(self) -> Decimal:
        """Disbursed (gross) less recalled: what the enterprise still holds."""
        return self.disbursed - self.recalled


@dataclass
class Portfolio:
    projects: list[ProjectBundle]
    shared_references: frozenset[str]  # references claimed (not rejected) by two projects or more


# A project's own facts and its enterprise's, as every status reads them (from the records
# or from the read model): one row each, made into a bundle by `bundle_of`.
FACT_COLUMNS = (Project.id, Project.code, Project.title, Project.state, Project.start_date,
                Project.end_date, Project.grant_wan, Project.extension_reason,
                Project.acceptance_requested_on, Project.programme_id, Enterprise.uscc,
                Enterprise.name, Enterprise.district, Enterprise.industry_cluster)


def bundle_of(r: Any, programme: Programme, **money: Any) -> ProjectBundle:
    """A bundle of one row of FACT_COLUMNS (records, indicators and closing facts to be added)."""
    return ProjectBundle(
        id=r.id, code=r.code, title=r.title, state=r.state, start_date=r.start_date,
        end_date=r.end_date, grant_wan=r.grant_wan, extension_reason=r.extension_reason,
        acceptance_requested_on=r.acceptance_requested_on, uscc=r.uscc,
        enterprise_name=r.name, district=r.district, industry_cluster=r.industry_cluster,
        programme=programme, **money)


def load_portfolio(session: Session, principal: Principal, code: str | None = None,
                   id_range: tuple[int, int] | None = None,
                   project_ids: Collection[int] | None = None,
                   programme_code: str | None = None) -> Portfolio:
    """Everything the status needs, for one project (`code`), a slice of projects by id
    (`id_range`, inclusive, to bound memory), given projects (`project_ids`), or all the
    principal may see (of one programme, with `programme_code`)."""
    visible = scoped(select(Project.id).join(Enterprise, Project.enterprise_id == Enterprise.id),
                     principal)
    if code is not None:
        visible = visible.where(Project.code == code)
    if id_range is not None:
        visible = visible.where(Project.id.between(*id_range))
    if project_ids is not None:
        visible = visible.where(Project.id.in_(list(project_ids)))
    if programme_code is not None:
        visible = visible.where(Project.programme_id.in_(
            select(ProgrammeRow.id).where(ProgrammeRow.code == programme_code)))
    ids = visible.subquery()
    rows = session.execute(
        select(*FACT_COLUMNS)
        .join(Enterprise, Project.enterprise_id == Enterprise.id)
        .where(Project.id.in_(select(ids.c.id))).order_by(Project.code)).all()
    programmes = {r.id: programme_of(r) for r in session.scalars(
        select(ProgrammeRow).where(ProgrammeRow.id.in_(
            select(Project.programme_id).where(Project.id.in_(select(ids.c.id))).distinct())))}
    bundles: dict[int, ProjectBundle] = {}
    for r in rows:
        bundles[r.id] = bundle_of(r, programmes[r.programme_id])
    required: dict[int, dict[str, int]] = defaultdict(dict)
    for project_id, indicator_id, value in session.execute(
            select(ProjectIndicator.project_id, ProjectIndicator.indicator_id, ProjectIndicator.required)
            .where(ProjectIndicator.project_id.in_(select(ids.c.id)))):
        required[project_id][indicator_id] = value
    for b in bundles.values():
        own = required.get(b.id, {})
        b.indicators = [i if own.get(i.id, i.required) == i.required
                        else dataclasses.replace(i, required=own[i.id]) for i in b.programme.indicators]
    for a in session.execute(
            select(Achievement.id, Achievement.project_id, Achievement.indicator, Achievement.date,
                   Achievement.status, Achievement.quantity, Achievement.level,
                   Achievement.source_type, Achievement.year, Achievement.value,
                   Achievement.text_chars, Achievement.reference_key, Achievement.reference)
            .where(Achievement.project_id.in_(select(ids.c.id)), Achievement.status != WITHDRAWN)):
        bundles[a.project_id].records.append(Record(
            id=a.id, indicator=a.indicator, date=a.date, status=a.status, quantity=a.quantity,
            level=a.level, source_type=a.source_type, year=a.year, value=a.value,
            text_chars=a.text_chars, reference=a.reference_key, written_reference=a.reference))
    for project_id, kind, total in session.execute(
            select(FundMovement.project_id, FundMovement.kind, func.sum(FundMovement.amount_wan))
            .where(FundMovement.project_id.in_(select(ids.c.id)))
            .group_by(FundMovement.project_id, FundMovement.kind)):
        b = bundles[project_id]
        if kind == "disbursement":
            b.disbursed, b.any_disbursement = Decimal(total).quantize(ZERO), True
        else:
            b.recalled = Decimal(total).quantize(ZERO)
    own_refs = select(Achievement.reference_key).where(
        Achievement.project_id.in_(select(ids.c.id)), Achievement.reference_key.is_not(None))
    shared = session.scalars(
        select(Achievement.reference_key)
        .where(Achievement.status.in_(LIVE), Achievement.reference_key.in_(own_refs))
        .group_by(Achievement.reference_key)
        .having(func.count(distinct(Achievement.project_id)) > 1)).all()
    for project_id, facts in load_closing(session, select(ids.c.id)).items():
        bundles[project_id].closing = facts
    return Portfolio(list(bundles.values()), frozenset(shared))
