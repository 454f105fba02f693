"""The demo's closing stage: some generated projects are taken through the real services to
every stage DOMAIN.md sections 9-12 know (rectifying, failed with an open recall case with and
without a statement, decided, waived, amended, inspected with an open rectification), so the
pages and the API have each of them to show. Dates are relative to the demo's `today`."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.access import visible_project
from tracker.models import Project
from tracker.principal import Principal
from tracker.queries.portfolio import load_portfolio
from tracker.rules.review import RECTIFY, rule_conclusion
from tracker.services.amendments import amend
from tracker.services.inspections import record_inspection
from tracker.services.recalls import decide, propose, respond
from tracker.services.reviews import ledger_findings, record_review

BUREAU = Principal.bureau("市局验收办")
PANEL = ["周教授", "吴研究员", "郑高级工程师"]


def _codes(session: Session, prefix: str, state: str, *, requested_before: dt.date | None = None,
           ending_after: dt.date | None = None) -> list[str]:
    stmt = select(Project.code).where(Project.code.like(f"{prefix}-%"), Project.state == state)
    if requested_before is not None:
        stmt = stmt.where(Project.acceptance_requested_on < requested_before)
    if ending_after is not None:
        stmt = stmt.where(Project.end_date > ending_after)
    return list(session.scalars(stmt.order_by(Project.code)))


def _review(session: Session, code: str, on: dt.date, conclusion: str) -> None:
    """A review with the panel's `conclusion`, giving the reason the rule then asks for."""
    bundle = load_portfolio(session, BUREAU, code).projects[0]
    findings = ledger_findings(bundle, bundle.closing, re_review=False)
    met = sum(v == "met" for v in findings.values())
    rule = rule_conclusion(met, len(findings), bundle.programme.closing.rectify_min_targets, re_review=False)
    reason = None if rule == conclusion else "专家组综合现场核查意见作出结论"
    record_review(session, BUREAU, code, on=on, panel=PANEL, conclusion=conclusion, reason=reason)


def _failed_with_case(session: Session, code: str, today: dt.date, proposed_days_ago: int) -> bool:
    _review(session, code, today - dt.timedelta(days=proposed_days_ago + 20), "failed")
    bundle = load_portfolio(session, BUREAU, code).projects[0]
    if bundle.disbursed - bundle.recalled <= 0:
        return False
    propose(session, BUREAU, code, on=today - dt.timedelta(days=proposed_days_ago))
    return True


def stage_closing(session: Session, today: dt.date, prefix: str = "DEMO") -> dict[str, str]:
    """Take demo projects to each closing stage; returns {stage: project code} for those staged."""
    staged: dict[str, str] = {}
    # review dates fall 25-100 days before today, so requests must be older than that
    requested = _codes(session, prefix, "acceptance_requested", requested_before=today - dt.timedelta(days=110))
    enterprise = Principal("demo", "enterprise")
    plans = ["rectifying", "recall_open", "recall_answered", "recall_decided", "recall_waived"]
    for code in requested:  # a project that cannot take a stage (nothing disbursed) passes it to the next
        if len(staged) == len(plans):
            break
        stage = plans[len(staged)]
        project = visible_project(session, BUREAU, code)
        if stage == "rectifying":
            _review(session, code, today - dt.timedelta(days=25), RECTIFY)
        elif stage == "recall_open":
            if not _failed_with_case(session, code, today, 3):
                continue
        elif stage == "recall_answered":
            if not _failed_with_case(session, code, today, 6):
                continue
            own = Principal(enterprise.name, "enterprise", uscc=project.enterprise.uscc)
            respond(session, own, code, on=today - dt.timedelta(days=2),
                    statement="部分目标因疫情后市场变化未能完成，已完成的目标请予以考虑，恳请酌情减少收回金额。")
        elif stage == "recall_decided":
            if not _failed_with_case(session, code, today, 60):
                continue
            case = load_portfolio(session, BUREAU, code).projects[0].closing.open_case
            assert case is not None
            decide(session, BUREAU, code, on=today - dt.timedelta(days=40), amount=case.proposed_amount_wan)
        elif stage == "recall_waived":
            if not _failed_with_case(session, code, today, 60):
                continue
            own = Principal(enterprise.name, "enterprise", uscc=project.enterprise.uscc)
            respond(session, own, code, on=today - dt.timedelta(days=55),
                    statement="未达成的目标已于验收后完成，附第三方核查报告。")
            decide(session, BUREAU, code, on=today - dt.timedelta(days=45), amount=Decimal("0.00"),
                   reason="陈述申辩理由成立，决定不予收回")
        staged[stage] = code
    running = _codes(session, prefix, "in_progress", ending_after=today + dt.timedelta(days=200))
    if running:
        code = running[0]
        end = visible_project(session, BUREAU, code).end_date
        amend(session, BUREAU, code, on=today - dt.timedelta(days=10), reason="受设备进口延误影响，经批准延期",
              end=end + dt.timedelta(days=120))
        staged["amended"] = code
    if len(running) > 1:
        code = running[1]
        record_inspection(session, BUREAU, code, on=today - dt.timedelta(days=30), kind="midterm", panel=PANEL,
                          conclusion="rectify", due=today + dt.timedelta(days=5),
                          findings="成果台账与佐证材料不一致，部分转化标准未附发布文件，须补正。")
        staged["inspected"] = code
    if len(running) > 2:
        record_inspection(session, BUREAU, running[2], on=today - dt.timedelta(days=15), kind="spot",
                          panel=PANEL, conclusion="satisfactory", findings="实施进度与合同一致，佐证材料齐全。")
    return staged
