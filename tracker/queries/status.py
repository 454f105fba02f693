"""Project status (INTERFACES.md 3.2): deadlines, targets, pace, risk and funds on a day."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Collection

from sqlalchemy.orm import Session

from tracker.principal import Principal
from tracker.queries.disclosure import flags_for, hides_shared_references
from tracker.queries.portfolio import ProjectBundle, load_portfolio
from tracker.rules.calendar import (acceptance_request_deadline, effective_deadline,
                                    window_exceeds_limit)
from tracker.rules.evidence import IndicatorResult, evaluate_indicators, record_flags
from tracker.rules.progress import TargetResult, elapsed, evaluate_targets, pace
from tracker.queries.closing import case_json, review_json
from tracker.rules.review import counting_end, rectification_record_flags, rectifying_risk
from tracker.rules.risk import Risk, assess_risk, funds_at_risk

PROJECT_FLAG_ORDER = ("extended_window", "holiday_calendar_incomplete", "late_acceptance_request",
                      "claimed_by_other_project", "amended_after_deadline")


@dataclass(frozen=True)
class ProjectStatus:
    bundle: ProjectBundle
    deadline: dt.date
    effective_deadline: dt.date
    days_left: int
    elapsed: float
    pace: float
    targets: list[TargetResult]
    risk: Risk
    funds_at_risk: Decimal
    flags: list[str]
    record_flags: dict[int, list[str]]

    @property
    def shared_references(self) -> list[str]:
        """Folded references of this project also claimed by another project: one key per
        item, whatever spelling its records use (alerts are keyed by it)."""
        return sorted({r.reference for r in self.bundle.records if r.reference
                       and "claimed_by_other_project" in self.record_flags.get(r.id, ())})

    @property
    def targets_achieved(self) -> int:
        return sum(t.achieved for t in self.targets)

    def to_json(self) -> dict[str, Any]:
        b = self.bundle
        return {
            "project_code": b.code, "state": b.state,
            "start_date": b.start_date.isoformat(), "end_date": b.end_date.isoformat(),
            "acceptance_request_deadline": self.deadline.isoformat(),
            "acceptance_request_effective_deadline": self.effective_deadline.isoformat(),
            "days_to_acceptance_request_deadline": self.days_left,
            "elapsed": round(self.elapsed, 4), "pace": round(self.pace, 4),
            "targets_achieved": self.targets_achieved,
            "targets": [{"id": t.id, "achieved": t.achieved,
                         "indicators": [_indicator_json(i) for i in t.indicators]}
                        for t in self.targets],
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
            **self._closing_json(),
        }

    def _closing_json(self) -> dict[str, Any]:
        """The closing stage in status (INTERFACES.md 3.5): latest review, recall case,
        amendments and the values before the first amendment."""
        b, facts = self.bundle, self.bundle.closing
        out: dict[str, Any] = {
            "acceptance": review_json(b.code, facts.latest_review) if facts.latest_review else None,
            "recall": case_json(b.code, facts.case) if facts.case else None,
            "amendments": len(facts.amendments), "recalled_wan": f"{b.recalled:.2f}",
        }
        original = facts.original()
        if original is not None:
            out["original"] = original
        return out


def _indicator_json(i: IndicatorResult) -> dict[str, Any]:
    return {"id": i.id, "kind": i.kind, "required": i.required, "claimed": i.claimed,
            "verified": i.verified, "achieved": i.achieved}


def bundle_record_flags(b: ProjectBundle, shared_references: frozenset[str]) -> dict[int, list[str]]:
    """Flags of each record of one project, by record id, over its counting window (widened
    to the rectification deadline once one was set: such records say `in_rectification`)."""
    count_end = counting_end(b.end_date, b.closing.rectification_deadline)
    by_id = {i.id: i for i in b.indicators}
    flags = record_flags(b.records, by_id, b.start_date, count_end, shared_references)
    if count_end != b.end_date:
        flags = rectification_record_flags(flags, b.records, by_id, b.start_date, b.end_date)
    return flags


def project_status(b: ProjectBundle, shared_references: frozenset[str], today: dt.date) -> ProjectStatus:
    """The status of one loaded project on `today` (pure: no session, no clock)."""
    p = b.programme
    deadline = acceptance_request_deadline(b.end_date, p.acceptance_lead_months)
    effective = effective_deadline(deadline)
    facts = b.closing
    # A rectification period widens the counting window for good (DOMAIN.md section 9).
    count_end = counting_end(b.end_date, facts.rectification_deadline)
    results = evaluate_indicators(b.records, b.indicators, b.start_date, count_end)
    targets = evaluate_targets(p.targets, results)
    share_gone, progress = elapsed(b.start_date, b.end_date, today), pace(results)
    rectification = facts.rectification
    if b.state == "rectifying" and rectification and rectification.rectification_effective_deadline:
        risk = rectifying_risk(today, rectification.rectification_effective_deadline)
    else:
        risk = assess_risk(
            state=b.state, today=today, end_date=b.end_date, effective_deadline=effective.day,
            all_targets_achieved=all(t.achieved for t in targets), elapsed=share_gone, pace=progress,
            behind_factor=p.behind_schedule_factor, behind_min_elapsed=p.behind_schedule_min_elapsed)
    flags_of = bundle_record_flags(b, shared_references)
    found = set()
    if window_exceeds_limit(b.start_date, b.end_date, p.window_max_years):
        found.add("extended_window")
    if not effective.calendar_complete:
        found.add("holiday_calendar_incomplete")
    if b.acceptance_requested_on and b.acceptance_requested_on > effective.day:
        found.add("late_acceptance_request")
    if any("claimed_by_other_project" in f for f in flags_of.values()):
        found.add("claimed_by_other_project")
    found |= facts.amendment_flags
    at_risk = funds_at_risk(risk.level, b.grant_wan, b.disbursed, b.recalled, b.any_disbursement)
    if facts.open_case is not None:  # an open recall case puts exactly its proposal at risk
        at_risk = facts.open_case.proposed_amount_wan
    return ProjectStatus(
        bundle=b, deadline=deadline, effective_deadline=effective.day,
        days_left=(deadline - today).days, elapsed=share_gone, pace=progress, targets=targets,
        risk=risk, funds_at_risk=at_risk,
        flags=[f for f in PROJECT_FLAG_ORDER if f in found], record_flags=flags_of)


def portfolio_status(session: Session, principal: Principal, today: dt.date,
                     code: str | None = None, id_range: tuple[int, int] | None = None,
                     project_ids: Collection[int] | None = None) -> list[ProjectStatus]:
    portfolio = load_portfolio(session, principal, code, id_range, project_ids)
    found = [project_status(b, portfolio.shared_references, today) for b in portfolio.projects]
    if hides_shared_references(principal):
        found = [replace(s, flags=flags_for(principal, s.flags),
                         record_flags={i: flags_for(principal, f) for i, f in s.record_flags.items()}) for s in found]
    return found
