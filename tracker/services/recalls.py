"""Recall with due process (DOMAIN.md section 10): the bureau proposes, the enterprise may
answer once, the bureau decides; a positive decision records the recall and closes the
project as `funds_recalled`, a decision of 0 waives."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.access import Action, require, visible_project
from tracker.errors import InputError, Problem, StateError
from tracker.evidence import store
from tracker.models import FundMovement, Project, RecallCase
from tracker.principal import Principal
from tracker.queries.closing import ClosingFacts
from tracker.queries.portfolio import load_portfolio
from tracker.rules.calendar import acceptance_request_deadline, effective_deadline
from tracker.rules.recall import (AMOUNT_DIFFERS, CASE_FLAG_ORDER, DECIDED, LATE_STATEMENT,
                                  PROPOSED, RECALLABLE_STATES, WAIVED, amount_problem,
                                  decision_allowed, recall_ground, response_deadline, rule_amount)
from tracker.rules.review import UNMET
from tracker.catalogue import label
from tracker.vocab import ProjectState
from tracker.services import audit
from tracker.services.evidence_quota import check_quota


def _case_of(session: Session, project: Project) -> RecallCase:
    case = session.scalar(select(RecallCase).where(RecallCase.project_id == project.id,
                                                   RecallCase.state == PROPOSED))
    if case is None:
        raise StateError(f"项目 {project.code} 没有待决定的资金收回案件（请先 tracker recall propose）")
    return case


def _flags(case: RecallCase, *extra: str) -> list[str]:
    found = set(case.flags or ()) | set(extra)
    return [f for f in CASE_FLAG_ORDER if f in found]


def propose(session: Session, principal: Principal, code: str, *, on: dt.date,
            amount: Decimal | None = None, reason: str | None = None) -> RecallCase:
    """Open a recall case with the rule's amount, or another (0 to net disbursed) with a reason."""
    project = visible_project(session, principal, code, for_update=True)
    require(principal, Action.RECALL, project)
    bundle = load_portfolio(session, Principal.bureau("recall"), code).projects[0]
    programme, facts = bundle.programme, bundle.closing
    effective = effective_deadline(acceptance_request_deadline(
        bundle.end_date, programme.acceptance_lead_months)).day
    rules = programme.closing
    ground = recall_ground(state=project.state, today=on, effective_request_deadline=effective,
                           overdue_days=rules.recall_overdue_days)
    if ground is None:
        raise StateError(
            f"项目 {code} 当前状态为 {label(project.state, of=ProjectState)}（{project.state}），不能提出资金收回；"
            f"允许的状态：验收未通过（acceptance_failed）、已终止（terminated），或实施中（in_progress）且"
            f"验收申请逾期超过 {rules.recall_overdue_days} 天（有效截止日 {effective} 之后）")
    if facts.open_case is not None:
        raise StateError(f"项目 {code} 已有待决定的资金收回案件（{facts.open_case.proposed_on} 提出），"
                         f"每个项目同时只能有一个")
    net = bundle.disbursed - bundle.recalled
    unmet = _unmet_at_last_review(facts) if ground == "acceptance_failed" else None
    targets = len(programme.targets)
    rule = rule_amount(ground=ground, net_disbursed=net, unmet_targets=unmet if unmet is not None else targets,
                       targets=targets, amount_rule=rules.recall_amount_rule)
    problems = []
    if amount is not None:
        message = amount_problem(amount, net)
        if message:
            problems.append(Problem(message, field="amount"))
        elif amount != rule and not (reason and reason.strip()):
            problems.append(Problem(f"提议金额 {amount:.2f} 万元与规则金额 {rule:.2f} 万元不同，须说明理由（--reason）",
                                    field="reason"))
    if problems:
        raise InputError(problems)
    proposed = rule if amount is None else amount
    deadline = response_deadline(on, rules.recall_response_days)
    case = RecallCase(
        project_id=project.id, state=PROPOSED, ground=ground, proposed_on=on, proposed_by=principal.name,
        proposal_reason=reason, net_disbursed_wan=net, unmet_targets=unmet, rule_amount_wan=rule,
        proposed_amount_wan=proposed, response_deadline=deadline.deadline,
        response_effective_deadline=deadline.effective,
        flags=[AMOUNT_DIFFERS] if proposed != rule else [], recorded_at=dt.datetime.now(dt.timezone.utc))
    session.add(case)
    audit.record(session, actor=principal.name, action="recall.proposed", entity="project", key=code,
                 after={"ground": ground, "rule_amount_wan": rule, "proposed_amount_wan": proposed,
                        "net_disbursed_wan": net, "response_deadline": deadline.deadline,
                        "response_effective_deadline": deadline.effective},
                 reason=reason, on_date=on)
    session.flush()
    return case


def _unmet_at_last_review(facts: ClosingFacts) -> int | None:
    review = facts.latest_review
    if review is None:
        return None
    return sum(1 for v in review.findings.values() if v == UNMET)


def respond(session: Session, principal: Principal, code: str, *, on: dt.date, statement: str,
            evidence: bytes | None = None, filename: str | None = None,
            evidence_root: Path | None = None) -> RecallCase:
    """The enterprise's one statement (陈述申辩) on its own project's open case; kept but
    flagged `late_statement` after the effective response deadline."""
    project = visible_project(session, principal, code, for_update=True)
    require(principal, Action.RESPOND_RECALL, project)
    if not statement or not statement.strip():
        raise InputError(Problem("陈述申辩的内容不能为空", field="statement"))
    case = _case_of(session, project)
    if case.statement_on is not None:
        raise StateError(f"项目 {code} 的陈述申辩已于 {case.statement_on} 提交，不能再次提交")
    if on < case.proposed_on:
        raise InputError(Problem(f"陈述申辩日期 {on} 早于收回提议日期 {case.proposed_on}", field="on"))
    if evidence is not None:
        check_quota(session, project.enterprise_id, len(evidence))
        stored = store(evidence, evidence_root)
        case.evidence_sha256, case.evidence_type, case.evidence_size = stored.sha256, stored.kind, stored.size
        case.evidence_name = (filename or "")[:300] or None
    late = on > case.response_effective_deadline
    case.statement_on, case.statement_by, case.statement_text = on, principal.name, statement.strip()
    case.flags = _flags(case, *([LATE_STATEMENT] if late else []))
    audit.record(session, actor=principal.name, action="recall.statement", entity="project", key=code,
                 after={"statement_on": on, "late": late, "evidence": case.evidence_name},
                 on_date=on)
    session.flush()
    return case


def decide(session: Session, principal: Principal, code: str, *, on: dt.date, amount: Decimal,
           reason: str | None = None) -> RecallCase:
    """Decide the open case once a statement was received or the effective response deadline
    has passed. 0 waives (the state stays); more records the recall and closes the project."""
    project = visible_project(session, principal, code, for_update=True)
    require(principal, Action.RECALL, project)
    case = _case_of(session, project)
    if not decision_allowed(on, case.response_effective_deadline, case.statement_on is not None):
        raise StateError(
            f"项目 {code} 的陈述申辩期限至 {case.response_effective_deadline}（有效截止日），"
            f"企业尚未提交陈述申辩：{case.response_effective_deadline} 之后（自次日起）才能作出决定")
    if on < case.proposed_on:
        raise InputError(Problem(f"决定日期 {on} 早于收回提议日期 {case.proposed_on}", field="on"))
    bundle = load_portfolio(session, Principal.bureau("recall"), code).projects[0]
    net = bundle.disbursed - bundle.recalled
    problems = []
    message = amount_problem(amount, net)
    if message:
        problems.append(Problem(message, field="amount"))
    elif amount != case.proposed_amount_wan and not (reason and reason.strip()):
        problems.append(Problem(f"决定金额 {amount:.2f} 万元与提议金额 {case.proposed_amount_wan:.2f} 万元不同，"
                                f"须说明理由（--reason）", field="reason"))
    if problems:
        raise InputError(problems)
    if amount > 0 and project.state not in RECALLABLE_STATES:
        raise StateError(f"项目 {code} 当前状态为 {label(project.state, of=ProjectState)}（{project.state}），"
                         f"不能收回资金；允许的状态：{', '.join(RECALLABLE_STATES)}")
    case.decided_on, case.decided_by, case.decided_amount_wan = on, principal.name, amount
    case.decision_reason = reason
    case.state = DECIDED if amount > 0 else WAIVED
    before = project.state
    if amount > 0:
        session.add(FundMovement(project_id=project.id, kind="recall", on_date=on, amount_wan=amount,
                                 actor=principal.name, reason=reason or "依资金收回决定收回",
                                 recorded_at=dt.datetime.now(dt.timezone.utc)))
        project.state = "funds_recalled"
    audit.record(session, actor=principal.name, action="recall.decided", entity="project", key=code,
                 before={"state": before, "recalled_wan": bundle.recalled},
                 after={"state": project.state, "case": case.state, "decided_amount_wan": amount,
                        "proposed_amount_wan": case.proposed_amount_wan,
                        "recalled_wan": bundle.recalled + amount},
                 reason=reason, on_date=on)
    session.flush()
    return case
