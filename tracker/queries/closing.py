"""The closing stage as read (INTERFACES.md 3.5, 3.5a, 3.6): reviews, recall cases, amendments
and inspections of many projects in four queries, their JSON shapes, a project's history and
the list of recall cases. Pages and the dossier call these too."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from tracker.access import scoped
from tracker.models import AcceptanceReview, Amendment, Enterprise, Inspection, Project, RecallCase
from tracker.principal import Principal
from tracker.rules.recall import PROPOSED


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _money(value: Decimal | None) -> str | None:
    return f"{value:.2f}" if value is not None else None


@dataclass
class ClosingFacts:
    """What the closing stage has recorded for one project, oldest first."""
    reviews: list[AcceptanceReview] = dataclasses.field(default_factory=list)
    cases: list[RecallCase] = dataclasses.field(default_factory=list)
    amendments: list[Amendment] = dataclasses.field(default_factory=list)
    inspections: list[Inspection] = dataclasses.field(default_factory=list)

    @property
    def latest_review(self) -> AcceptanceReview | None:
        return self.reviews[-1] if self.reviews else None

    @property
    def rectification(self) -> AcceptanceReview | None:
        """The review that set a rectification period (it widens the counting window for good)."""
        return next((r for r in self.reviews if r.rectification_deadline is not None), None)

    @property
    def rectification_deadline(self) -> dt.date | None:
        r = self.rectification
        return r.rectification_deadline if r else None

    @property
    def re_reviewed(self) -> bool:
        first = self.rectification
        return first is not None and any(r.id != first.id and r.reviewed_on >= first.reviewed_on
                                         and r.re_review for r in self.reviews)

    @property
    def case(self) -> RecallCase | None:
        """The open case, else the latest one."""
        return next((c for c in self.cases if c.state == PROPOSED), self.cases[-1] if self.cases else None)

    @property
    def open_case(self) -> RecallCase | None:
        return next((c for c in self.cases if c.state == PROPOSED), None)

    @property
    def amendment_flags(self) -> set[str]:
        return {f for a in self.amendments for f in a.flags}

    def original(self) -> dict[str, Any] | None:
        """The values before the first amendment, when amended."""
        if not self.amendments:
            return None
        before = self.amendments[0].before
        return {"end_date": before["end_date"], "grant_wan": before["grant_wan"],
                "required": dict(before["required"])}


def load_closing(session: Session, project_ids: Select[Any]) -> dict[int, ClosingFacts]:
    """The closing facts of every project whose id `project_ids` (a SELECT of ids) yields."""
    facts: dict[int, ClosingFacts] = defaultdict(ClosingFacts)
    for model, date_col, attr in ((AcceptanceReview, AcceptanceReview.reviewed_on, "reviews"),
                                  (RecallCase, RecallCase.proposed_on, "cases"),
                                  (Amendment, Amendment.on_date, "amendments"),
                                  (Inspection, Inspection.inspected_on, "inspections")):
        for row in session.scalars(select(model).where(model.project_id.in_(project_ids))
                                   .order_by(date_col, model.id)):
            getattr(facts[row.project_id], attr).append(row)
    return dict(facts)


# --- JSON shapes ------------------------------------------------------------------------

def review_json(code: str, r: AcceptanceReview) -> dict[str, Any]:
    return {"project_code": code, "reviewed_on": r.reviewed_on.isoformat(), "panel": list(r.panel),
            "findings": dict(r.findings), "targets_met": r.targets_met,
            "rule_conclusion": r.rule_conclusion, "conclusion": r.conclusion,
            "rectification_deadline": _day(r.rectification_deadline),
            "rectification_effective_deadline": _day(r.rectification_effective_deadline),
            "flags": list(r.flags), "by": r.by, "reason": r.reason,
            "re_review": r.re_review}


def case_json(code: str, c: RecallCase) -> dict[str, Any]:
    return {"project_code": code, "state": c.state, "proposed_on": c.proposed_on.isoformat(),
            "rule_amount_wan": _money(c.rule_amount_wan),
            "proposed_amount_wan": _money(c.proposed_amount_wan),
            "response_deadline": c.response_deadline.isoformat(),
            "response_effective_deadline": c.response_effective_deadline.isoformat(),
            "statement_on": _day(c.statement_on), "decided_on": _day(c.decided_on),
            "decided_amount_wan": _money(c.decided_amount_wan), "flags": list(c.flags),
            # additions beyond the contract, for people reading the output
            "ground": c.ground, "net_disbursed_wan": _money(c.net_disbursed_wan),
            "proposed_by": c.proposed_by, "proposal_reason": c.proposal_reason,
            "statement": c.statement_text, "statement_by": c.statement_by,
            "statement_evidence": ({"name": c.evidence_name, "type": c.evidence_type,
                                    "size": c.evidence_size, "sha256": c.evidence_sha256}
                                   if c.evidence_sha256 else None),
            "decided_by": c.decided_by, "decision_reason": c.decision_reason}


def inspection_json(code: str, i: Inspection) -> dict[str, Any]:
    """An inspection as `projects history` lists it (INTERFACES.md 3.5a), also what
    `inspections record --json` prints."""
    return {"on": i.inspected_on.isoformat(), "kind": "inspection", "by": i.by, "reason": None, "flags": [],
            "id": i.id, "project_code": code, "inspection_kind": i.kind, "panel": list(i.panel),
            "conclusion": i.conclusion, "due": _day(i.due), "due_effective": _day(i.due_effective),
            "findings": i.findings, "resolved_on": _day(i.resolved_on), "resolved_by": i.resolved_by}


def history_json(code: str, facts: ClosingFacts) -> list[dict[str, Any]]:
    """Amendments, reviews, inspections (and their resolution) and recall steps, oldest first."""
    items: list[tuple[dt.date, int, dict[str, Any]]] = []

    def add(on: dt.date, order: int, kind: str, by: str | None, reason: str | None,
            flags: Iterable[str], **extra: Any) -> None:
        items.append((on, order, {"on": on.isoformat(), "kind": kind, "by": by, "reason": reason,
                                  "flags": list(flags), **extra}))

    for a in facts.amendments:
        add(a.on_date, 0, "amendment", a.by, a.reason, a.flags, changes=a.changes, id=a.id)
    for i in facts.inspections:
        items.append((i.inspected_on, 1, inspection_json(code, i)))
        if i.resolved_on:
            add(i.resolved_on, 2, "inspection_resolved", i.resolved_by, None, [], id=i.id)
    for r in facts.reviews:
        review = review_json(code, r)
        add(r.reviewed_on, 3, "acceptance_review", r.by, r.reason, r.flags,
            **{k: v for k, v in review.items() if k not in ("by", "reason", "flags")})
    for c in facts.cases:
        add(c.proposed_on, 4, "recall_proposed", c.proposed_by, c.proposal_reason,
            [f for f in c.flags if f == "amount_differs_from_rule"], ground=c.ground,
            rule_amount_wan=_money(c.rule_amount_wan), proposed_amount_wan=_money(c.proposed_amount_wan),
            response_deadline=c.response_deadline.isoformat(),
            response_effective_deadline=c.response_effective_deadline.isoformat())
        if c.statement_on:
            add(c.statement_on, 5, "recall_statement", c.statement_by, None,
                [f for f in c.flags if f == "late_statement"], statement=c.statement_text,
                evidence_name=c.evidence_name)
        if c.decided_on:
            add(c.decided_on, 6, "recall_decided", c.decided_by, c.decision_reason, [],
                state=c.state, decided_amount_wan=_money(c.decided_amount_wan),
                proposed_amount_wan=_money(c.proposed_amount_wan))
    items.sort(key=lambda item: (item[0], item[1]))
    return [item[2] for item in items]


# --- reads for the CLI, the API, pages and the dossier -------------------------------------

def _visible(principal: Principal, code: str | None = None) -> Select[Any]:
    stmt = scoped(select(Project.id).join(Enterprise, Project.enterprise_id == Enterprise.id), principal)
    return stmt.where(Project.code == code) if code is not None else stmt


def project_closing(session: Session, principal: Principal, code: str) -> ClosingFacts | None:
    """The closing facts of one project, or None when the principal may not see it (or it is
    not there: the two are the same to a reader)."""
    project_id = session.scalar(_visible(principal, code))
    if project_id is None:
        return None
    return load_closing(session, select(Project.id).where(Project.id == project_id)).get(
        project_id, ClosingFacts())


def project_history(session: Session, principal: Principal, code: str) -> list[dict[str, Any]] | None:
    facts = project_closing(session, principal, code)
    return None if facts is None else history_json(code, facts)


def project_reviews(session: Session, principal: Principal, code: str) -> list[dict[str, Any]] | None:
    facts = project_closing(session, principal, code)
    return None if facts is None else [review_json(code, r) for r in facts.reviews]


def recall_cases(session: Session, principal: Principal, code: str | None = None) -> list[dict[str, Any]]:
    """Every recall case the principal may see, by project code, then proposal date."""
    rows = session.execute(
        select(RecallCase, Project.code).join(Project, RecallCase.project_id == Project.id)
        .where(Project.id.in_(_visible(principal, code)))
        .order_by(Project.code, RecallCase.proposed_on, RecallCase.id)).all()
    return [case_json(c, case) for case, c in rows]
