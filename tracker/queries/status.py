"""Project status (INTERFACES.md 3.2): deadlines, targets, pace, risk and funds on a day."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Collection

from sqlalchemy.orm import Session

from tracker.principal import Principal
from tracker.programme import Programme
from tracker.queries.disclosure import flags_for, hides_shared_references
from tracker.queries.evaluation import Evaluation, evaluate
from tracker.queries.portfolio import ProjectBundle, load_portfolio
from tracker.rules.evidence import IndicatorResult
from tracker.rules.progress import TargetResult
from tracker.rules.risk import Risk
from tracker.rules.standing import StandingInputs, standing

@dataclass(frozen=True)
class ProjectStatus:
    bundle: ProjectBundle  # the project's facts (records and closing facts only on the record path)
    deadline: dt.date
    effective_deadline: dt.date
    days_left: int
    elapsed: float
    pace: float
    targets: list[TargetResult]
    risk: Risk
    funds_at_risk: Decimal
    flags: list[str]
    record_flags: dict[int, list[str]]  # empty when served from the read model
    evaluation: Evaluation

    @property
    def shared_references(self) -> list[str]:
        """Folded references of this project also claimed by another project: one key per
        item, whatever spelling its records use (alerts are keyed by it)."""
        return list(self.evaluation.shared_references)

    @property
    def targets_achieved(self) -> int:
        return sum(t.achieved for t in self.targets)

    def to_json(self, targets: bool = True) -> dict[str, Any]:
        """The status as INTERFACES.md 3.2 shows it (`targets=False`: the targets' place is
        kept, holding None, for a writer that makes their text itself)."""
        b = self.bundle
        return {
            "project_code": b.code, "state": b.state,
            "start_date": b.start_date.isoformat(), "end_date": b.end_date.isoformat(),
            "acceptance_request_deadline": self.deadline.isoformat(),
            "acceptance_request_effective_deadline": self.effective_deadline.isoformat(),
            "days_to_acceptance_request_deadline": self.days_left,
            "elapsed": round(self.elapsed, 4), "pace": round(self.pace, 4),
            "targets_achieved": self.targets_achieved,
            "targets": [target_json(t) for t in self.targets] if targets else None,
            "risk": self.risk.level, "risk_reasons": list(self.risk.reasons),
            "grant_wan": f"{b.grant_wan:.2f}", "disbursed_wan": f"{b.disbursed:.2f}",
            "funds_at_risk_wan": f"{self.funds_at_risk:.2f}", "flags": self.flags,
            # additions beyond the contract, for people reading the output
            "programme": b.programme.code, "targets_total": len(self.targets),
            "uscc": b.uscc, "enterprise_name": b.enterprise_name, "district": b.district,
            "industry_cluster": b.industry_cluster, "title": b.title,
            "recalled_wan": f"{b.recalled:.2f}", "net_disbursed_wan": f"{b.net_disbursed:.2f}",
            "acceptance_requested_on": (b.acceptance_requested_on.isoformat()
                                        if b.acceptance_requested_on else None),
            # the closing stage (INTERFACES.md 3.5): latest review, recall case, amendments and
            # the values before the first amendment
            **self.evaluation.closing,
        }


def target_json(t: TargetResult) -> dict[str, Any]:
    return {"id": t.id, "achieved": t.achieved, "indicators": [_indicator_json(i) for i in t.indicators]}


def _indicator_json(i: IndicatorResult) -> dict[str, Any]:
    return {"id": i.id, "kind": i.kind, "required": i.required, "claimed": i.claimed,
            "verified": i.verified, "achieved": i.achieved}


def standing_inputs(b: ProjectBundle, e: Evaluation) -> StandingInputs:
    return standing_inputs_of(b.state, b.start_date, b.end_date, b.grant_wan, b.programme, e)


def standing_inputs_of(state: str, start_date: dt.date, end_date: dt.date, grant_wan: Decimal,
                       p: Programme, e: Evaluation) -> StandingInputs:
    """What a standing is computed from: the project's live terms and its stored evaluation
    (the change of day has no more than these of a project)."""
    return StandingInputs(
        state=state, start_date=start_date, end_date=end_date, grant_wan=grant_wan,
        deadline=e.deadline, effective_deadline=e.effective_deadline,
        all_targets_achieved=e.all_targets_achieved, pace=e.pace,
        behind_factor=p.behind_schedule_factor, behind_min_elapsed=p.behind_schedule_min_elapsed,
        disbursed=e.disbursed, recalled=e.recalled, any_disbursement=e.any_disbursement,
        rectification_effective_deadline=e.rectification[1] if e.rectification else None,
        open_case_amount=e.open_case_amount)


def status_of(b: ProjectBundle, e: Evaluation, today: dt.date, principal: Principal | None = None,
              record_flags: dict[int, list[str]] | None = None) -> ProjectStatus:
    """The status on `today` of a project from its facts and its evaluation (pure). With a
    principal, what it may not be told is left out (tracker.queries.disclosure)."""
    s = standing(standing_inputs(b, e), today)
    flags, by_record = list(e.flags), record_flags or {}
    if principal is not None and hides_shared_references(principal):
        flags = flags_for(principal, flags)
        by_record = {i: flags_for(principal, f) for i, f in by_record.items()}
    return ProjectStatus(
        bundle=b, deadline=e.deadline, effective_deadline=e.effective_deadline, days_left=s.days_left,
        elapsed=s.elapsed, pace=e.pace, targets=list(e.targets), risk=s.risk, funds_at_risk=s.funds_at_risk,
        flags=flags, record_flags=by_record, evaluation=e)


def project_status(b: ProjectBundle, shared_references: frozenset[str], today: dt.date,
                   principal: Principal | None = None) -> ProjectStatus:
    """The status of one loaded project on `today`, computed from its records (pure)."""
    evaluation, flags_of = evaluate(b, shared_references)
    return status_of(b, evaluation, today, principal, flags_of)


def portfolio_status(session: Session, principal: Principal, today: dt.date,
                     code: str | None = None, id_range: tuple[int, int] | None = None,
                     project_ids: Collection[int] | None = None,
                     programme_code: str | None = None) -> list[ProjectStatus]:
    """Statuses computed from the records (the reference path; the read model serves the same
    for many projects, see tracker.queries.served)."""
    portfolio = load_portfolio(session, principal, code, id_range, project_ids, programme_code)
    return [project_status(b, portfolio.shared_references, today, principal) for b in portfolio.projects]
