"""Acceptance reviews (DOMAIN.md section 9): recorded by the bureau after the acceptance
request, findings prefilled from the ledger, the project moved by the conclusion."""
from __future__ import annotations

import datetime as dt
from typing import Mapping

from sqlalchemy.orm import Session

from tracker.access import Action, require, visible_project
from tracker.errors import InputError, Problem, StateError
from tracker.models import AcceptanceReview, Project
from tracker.principal import Principal
from tracker.queries.closing import ClosingFacts, load_closing
from tracker.queries.portfolio import ProjectBundle, load_portfolio
from tracker.rules.evidence import evaluate_indicators
from tracker.rules.progress import evaluate_targets
from tracker.rules.review import (MET, RECTIFY, STATE_AFTER, UNMET, counting_end,
                                  rectification_deadline, review_problems)
from tracker.catalogue import label
from tracker.vocab import ProjectState
from tracker.services import audit

FIRST_REVIEW_STATES = ("acceptance_requested",)
RE_REVIEW_STATES = ("rectifying", "acceptance_failed")  # acceptance_failed -> accepted: the old shorthand


def _bundle(session: Session, code: str) -> tuple[ProjectBundle, ClosingFacts]:
    bundle = load_portfolio(session, Principal.bureau("review"), code).projects[0]
    return bundle, bundle.closing


def ledger_findings(bundle: ProjectBundle, facts: ClosingFacts, *, re_review: bool) -> dict[str, str]:
    """met / unmet per target from the verified records dated in the counting window; for a
    re-review the window runs to the nominal rectification deadline."""
    end = counting_end(bundle.end_date, facts.rectification_deadline) if re_review else bundle.end_date
    results = evaluate_indicators(bundle.records, bundle.indicators, bundle.start_date, end)
    return {t.id: MET if t.achieved else UNMET for t in evaluate_targets(bundle.programme.targets, results)}


def _refuse_state(project: Project, allowed: tuple[str, ...], what: str) -> None:
    names = "、".join(f"{label(s, of=ProjectState)}（{s}）" for s in allowed)
    raise StateError(f"项目 {project.code} 当前状态为 {label(project.state, of=ProjectState)}（{project.state}），"
                     f"不能{what}；允许的状态：{names}", current=project.state, allowed=allowed)


def record_review(session: Session, principal: Principal, code: str, *, on: dt.date,
                  panel: list[str], conclusion: str, findings: Mapping[str, str] | None = None,
                  reason: str | None = None, panel_recorded: bool = True) -> AcceptanceReview:
    """Record an acceptance review (or the one re-review of a rectifying project) and move
    the project: passed -> accepted, rectify -> rectifying, failed -> acceptance_failed."""
    project = visible_project(session, principal, code, for_update=True)
    require(principal, Action.REVIEW_ACCEPTANCE, project)
    bundle, facts = _bundle(session, code)
    re_review = project.state in RE_REVIEW_STATES
    if project.state not in FIRST_REVIEW_STATES + RE_REVIEW_STATES:
        _refuse_state(project, FIRST_REVIEW_STATES + ("rectifying",), "记录验收评审")
    if project.state == "acceptance_failed" and conclusion != "passed":
        _refuse_state(project, FIRST_REVIEW_STATES + ("rectifying",), f"记录结论为 {conclusion} 的验收评审")
    if project.state == "rectifying" and facts.re_reviewed:
        raise StateError(f"项目 {code} 已进行过整改后复审，不能再次复审")
    programme = bundle.programme
    ledger = ledger_findings(bundle, facts, re_review=re_review)
    problems, outcome = review_problems(
        reviewed_on=on, requested_on=project.acceptance_requested_on, panel=panel,
        target_ids=[t.id for t in programme.targets], overrides=dict(findings or {}),
        conclusion=conclusion, reason=reason, ledger_findings=ledger, re_review=re_review,
        rectify_min_targets=programme.closing.rectify_min_targets, panel_recorded=panel_recorded)
    if outcome is None:
        raise InputError([Problem(m, field=f) for f, m in problems])
    latest = facts.latest_review
    if latest is not None and on < latest.reviewed_on:
        raise InputError(Problem(f"复审日期 {on} 早于上次评审日期 {latest.reviewed_on}", field="on"))
    rect = rectification_deadline(on, programme.closing.rectify_months) if outcome.conclusion == RECTIFY else None
    review = AcceptanceReview(
        project_id=project.id, reviewed_on=on, re_review=re_review,
        panel=[n.strip() for n in panel if n.strip()], findings=outcome.findings,
        targets_met=outcome.targets_met, rule_conclusion=outcome.rule_conclusion,
        conclusion=outcome.conclusion, rectification_deadline=rect.deadline if rect else None,
        rectification_effective_deadline=rect.effective if rect else None, flags=list(outcome.flags),
        by=principal.name, reason=reason, recorded_at=dt.datetime.now(dt.timezone.utc))
    session.add(review)
    before = project.state
    project.state = STATE_AFTER[outcome.conclusion]
    audit.record(session, actor=principal.name, action="project.acceptance_review", entity="project",
                 key=code, before={"state": before},
                 after={"state": project.state, "conclusion": outcome.conclusion,
                        "rule_conclusion": outcome.rule_conclusion, "findings": outcome.findings,
                        "panel": review.panel, "flags": list(outcome.flags),
                        "rectification_deadline": review.rectification_deadline},
                 reason=reason, on_date=on)
    session.flush()
    return review
