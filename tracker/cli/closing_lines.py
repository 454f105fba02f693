"""What `tracker status --project CODE` prints of a project's closing stage: its latest review,
recall case and amendments. Apart from the closing commands, so that `status` does not import
the services that write them."""
from __future__ import annotations

from tracker.catalogue import label
from tracker.queries.status import ProjectStatus
from tracker.vocab import HistoryKind, RecallState, ReviewConclusion


def closing_lines(status: ProjectStatus) -> list[str]:
    """The latest review, the recall case and the amendments of one project, for `status`."""
    facts, out = status.bundle.closing, []
    review = facts.latest_review
    if review is not None:
        rect = ""
        if review.rectification_deadline:
            later = ("" if review.rectification_effective_deadline == review.rectification_deadline
                     else f"（顺延至 {review.rectification_effective_deadline}）")
            rect = f"，整改期限 {review.rectification_deadline}{later}"
        out.append(f"{label(HistoryKind.ACCEPTANCE_REVIEW)}：{review.reviewed_on} "
                   f"{label(review.conclusion, of=ReviewConclusion)}（规则 {label(review.rule_conclusion, of=ReviewConclusion)}，"
                   f"达成 {review.targets_met}/{len(review.findings)}）{rect}")
    case = facts.case
    if case is not None:
        decided = (f"，{case.decided_on} 决定 {case.decided_amount_wan:.2f} 万元" if case.decided_on else "")
        out.append(f"资金收回：{label(case.state, of=RecallState)}，{case.proposed_on} 提议 "
                   f"{case.proposed_amount_wan:.2f} 万元，陈述申辩期限 {case.response_effective_deadline}{decided}")
    if facts.amendments:
        out.append(f"{label(HistoryKind.AMENDMENT)}：{len(facts.amendments)} 次（tracker projects history 查看）")
    return out
