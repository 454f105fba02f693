"""The bureau's portfolio tables of the closing stage, in words: the acceptance results
(验收汇总表: one row per project reviewed, its latest review) and the recall cases (one row a
case). Read in six queries whatever the portfolio's size, scoped to the principal."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.access import scoped
from tracker.catalogue import label, labels
from tracker.exports.spreadsheet import write_xlsx
from tracker.models import AcceptanceReview, Enterprise, Project, RecallCase
from tracker.principal import Principal
from tracker.queries.closing import ClosingFacts, load_closing
from tracker.vocab import ProjectState, RecallFlag, RecallGround, RecallState, ReviewConclusion, ReviewFlag

Table = tuple[list[str], list[list[Any]]]

COLUMNS: dict[str, tuple[str, str]] = {
    "code": ("项目编号", "Project"), "title": ("项目名称", "Title"), "enterprise": ("承担单位", "Enterprise"),
    "district": ("地区", "District"), "reviewed_on": ("评审日期", "Reviewed on"),
    "re_review": ("复审", "Re-review"), "met": ("达成目标数", "Targets met"), "total": ("目标总数", "Targets"),
    "rule": ("规则结论", "Rule's conclusion"), "panel_conclusion": ("专家组结论", "Panel's conclusion"),
    "flags": ("标记", "Flags"), "reason": ("理由", "Reason"), "rect": ("整改期限", "Rectification deadline"),
    "rect_effective": ("顺延后整改期限", "Effective rectification deadline"), "state": ("项目状态", "Project state"),
    "ground": ("收回依据", "Ground"), "proposed_on": ("提出日期", "Proposed on"),
    "net": ("净拨付（万元）", "Net disbursed (10k CNY)"), "rule_amount": ("规则金额（万元）", "Rule's amount (10k CNY)"),
    "proposed": ("拟收回金额（万元）", "Proposed (10k CNY)"), "proposal_reason": ("提出理由", "Reason of the proposal"),
    "response": ("陈述申辩截止日", "Response deadline"), "statement_on": ("陈述申辩日期", "Statement on"),
    "decided_on": ("决定日期", "Decided on"), "decided": ("决定收回金额（万元）", "Decided (10k CNY)"),
    "decision_reason": ("决定理由", "Reason of the decision"), "case_state": ("案件状态", "Case"),
    "sheet.acceptance": ("验收汇总表", "Acceptance results"), "sheet.recall": ("资金收回案件", "Recall cases"),
}


def _w(key: str, lang: str) -> str:
    return COLUMNS[key][1 if lang == "en" else 0]


def _projects(session: Session, principal: Principal, having: Any) -> tuple[list[Any], dict[int, ClosingFacts]]:
    ids = scoped(select(Project.id).join(Enterprise, Project.enterprise_id == Enterprise.id), principal).where(
        Project.id.in_(having))
    rows = session.execute(select(Project.id, Project.code, Project.title, Project.state, Enterprise.name,
                                  Enterprise.district).join(Enterprise, Project.enterprise_id == Enterprise.id)
                           .where(Project.id.in_(ids)).order_by(Project.code)).all()
    return rows, load_closing(session, ids)


def acceptance_results(session: Session, principal: Principal, lang: str = "zh") -> Table:
    """One row per reviewed project, from its latest review (the one that stands)."""
    rows, facts = _projects(session, principal, select(AcceptanceReview.project_id))
    headers = [_w(k, lang) for k in ("code", "title", "enterprise", "district", "reviewed_on", "re_review", "met",
                                     "total", "rule", "panel_conclusion", "flags", "reason", "rect",
                                     "rect_effective", "state")]
    yes = "✓"
    out = []
    for p in rows:
        r = facts[p.id].latest_review
        out.append([p.code, p.title, p.name, p.district, r.reviewed_on, yes if r.re_review else "", r.targets_met,
                    len(r.findings), label(r.rule_conclusion, lang, ReviewConclusion),
                    label(r.conclusion, lang, ReviewConclusion), labels(r.flags, lang, ReviewFlag), r.reason or "",
                    facts[p.id].rectification_deadline,
                    facts[p.id].rectification.rectification_effective_deadline if facts[p.id].rectification else None,
                    label(p.state, lang, ProjectState)])
    return headers, out


def recall_cases_table(session: Session, principal: Principal, lang: str = "zh") -> Table:
    """One row per recall case, by project then proposal date."""
    rows, facts = _projects(session, principal, select(RecallCase.project_id))
    headers = [_w(k, lang) for k in ("code", "title", "enterprise", "district", "ground", "proposed_on", "net",
                                     "rule_amount", "proposed", "proposal_reason", "response", "statement_on",
                                     "decided_on", "decided", "decision_reason", "case_state", "flags", "state")]
    out = []
    for p in rows:
        for c in facts[p.id].cases:
            out.append([p.code, p.title, p.name, p.district, label(c.ground, lang, RecallGround), c.proposed_on,
                        c.net_disbursed_wan, c.rule_amount_wan, c.proposed_amount_wan, c.proposal_reason or "",
                        c.response_effective_deadline, c.statement_on, c.decided_on, c.decided_amount_wan,
                        c.decision_reason or "", label(c.state, lang, RecallState), labels(c.flags, lang, RecallFlag),
                        label(p.state, lang, ProjectState)])
    return headers, out


def acceptance_xlsx(session: Session, principal: Principal, lang: str = "zh") -> bytes:
    headers, rows = acceptance_results(session, principal, lang)
    return write_xlsx([(_w("sheet.acceptance", lang), headers, rows)])


def recall_xlsx(session: Session, principal: Principal, lang: str = "zh") -> bytes:
    headers, rows = recall_cases_table(session, principal, lang)
    return write_xlsx([(_w("sheet.recall", lang), headers, rows)])
