"""The acceptance review (DOMAIN.md section 9): the rule's conclusion from the findings, the
rectification deadline, the counting window of a re-review and the risk of a rectifying
project. Pure functions of plain values; `today` is always passed in."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from tracker.programme import Indicator
from tracker.rules.calendar import add_months, effective_deadline
from tracker.rules.evidence import Record, in_window
from tracker.rules.risk import Risk
from tracker.vocab import Finding, ProjectState, RecordFlag, ReviewConclusion, ReviewFlag, RiskReason, codes

MET, UNMET = Finding.MET, Finding.UNMET
PASSED, RECTIFY, FAILED = ReviewConclusion.PASSED, ReviewConclusion.RECTIFY, ReviewConclusion.FAILED
CONCLUSIONS = codes(ReviewConclusion)
RE_REVIEW_CONCLUSIONS = (PASSED, FAILED)
MIN_PANEL = 3
# The state a conclusion moves the project to.
STATE_AFTER = {PASSED: ProjectState.ACCEPTED, RECTIFY: ProjectState.RECTIFYING, FAILED: ProjectState.ACCEPTANCE_FAILED}
# Review flags, in the order they are reported.
FINDING_OVERRIDDEN = ReviewFlag.FINDING_OVERRIDDEN
CONCLUSION_DIFFERS = ReviewFlag.CONCLUSION_DIFFERS_FROM_RULE
NO_PANEL_RECORD = ReviewFlag.NO_PANEL_RECORD
REVIEW_FLAG_ORDER = tuple(ReviewFlag)


def targets_met(findings: Mapping[str, str]) -> int:
    return sum(1 for v in findings.values() if v == MET)


def rule_conclusion(met: int, targets: int, rectify_min_targets: int, *, re_review: bool) -> str:
    """All met -> passed; else, at a first review, at least `rectify_min_targets` -> rectify;
    fewer (or any unmet at a re-review) -> failed."""
    if met >= targets:
        return PASSED
    if not re_review and met >= rectify_min_targets:
        return RECTIFY
    return FAILED


@dataclass(frozen=True)
class Rectification:
    deadline: dt.date  # nominal: review date + N months (Civil Code)
    effective: dt.date  # rolled forward over rest days and holidays
    calendar_complete: bool


def rectification_deadline(reviewed_on: dt.date, months: int) -> Rectification:
    nominal = add_months(reviewed_on, months)
    effective = effective_deadline(nominal)
    return Rectification(nominal, effective.day, effective.calendar_complete)


def counting_end(end_date: dt.date, rectification_deadline: dt.date | None) -> dt.date:
    """The last day whose records count: the window's end, or for a project that was given
    a rectification period, its nominal deadline (kept after the re-review)."""
    if rectification_deadline is None:
        return end_date
    return max(end_date, rectification_deadline)


def rectification_record_flags(flags: dict[int, list[str]], records: list[Record],
                               indicators: Mapping[str, Indicator], start: dt.date, end: dt.date
                               ) -> dict[int, list[str]]:
    """Flags computed over the widened window, with `in_rectification` on the records that
    count only thanks to it (where the window alone would say `outside_window`)."""
    out = {}
    for r in records:
        own = list(flags.get(r.id, []))
        indicator = indicators.get(r.indicator)
        if (indicator is not None and "outside_window" not in own
                and not in_window(r, indicator.kind, start, end)):
            own.insert(0, RecordFlag.IN_RECTIFICATION)
        out[r.id] = own
    return out


def rectifying_risk(today: dt.date, effective_rectification_deadline: dt.date) -> Risk:
    """medium `in_rectification` until the effective deadline has passed, then high
    `rectification_overdue`; no other reason applies to a rectifying project."""
    if today > effective_rectification_deadline:
        return Risk("high", (RiskReason.RECTIFICATION_OVERDUE,))
    return Risk("medium", (RiskReason.IN_RECTIFICATION,))


@dataclass(frozen=True)
class ReviewOutcome:
    findings: dict[str, str]
    targets_met: int
    rule_conclusion: str
    conclusion: str
    flags: tuple[str, ...]


def review_problems(*, reviewed_on: dt.date, requested_on: dt.date | None, panel: list[str],
                    target_ids: list[str], overrides: Mapping[str, str], conclusion: str,
                    reason: str | None, ledger_findings: Mapping[str, str], re_review: bool,
                    rectify_min_targets: int, panel_recorded: bool = True
                    ) -> tuple[list[tuple[str, str]], ReviewOutcome | None]:
    """Check a review's input; (problems as (field, message), outcome when none)."""
    problems: list[tuple[str, str]] = []
    if requested_on is not None and reviewed_on < requested_on:
        problems.append(("on", f"验收评审日期 {reviewed_on} 早于验收申请日期 {requested_on}"))
    names = [n for n in panel if n.strip()]
    if panel_recorded and len(names) < MIN_PANEL:
        problems.append(("panel", f"专家组至少 {MIN_PANEL} 人，收到 {len(names)} 人"))
    if panel_recorded and len(set(names)) != len(names):
        problems.append(("panel", "专家组名单有重复的姓名"))
    for target, value in overrides.items():
        if target not in target_ids:
            problems.append(("finding", f"未知的绩效目标 {target}；本计划的目标：{', '.join(target_ids)}"))
        elif value not in (MET, UNMET):
            problems.append(("finding", f"目标 {target} 的评审结论应为 met 或 unmet，收到 {value}"))
    allowed = RE_REVIEW_CONCLUSIONS if re_review else CONCLUSIONS
    if conclusion not in allowed:
        what = "整改后复审的结论" if re_review else "验收评审的结论"
        problems.append(("conclusion", f"{what}只能是 {' / '.join(allowed)}，收到 {conclusion}"))
    if problems:
        return problems, None
    findings = {t: overrides.get(t, ledger_findings.get(t, UNMET)) for t in target_ids}
    overridden = any(findings[t] != ledger_findings.get(t, UNMET) for t in target_ids)
    met = targets_met(findings)
    rule = rule_conclusion(met, len(target_ids), rectify_min_targets, re_review=re_review)
    differs = conclusion != rule
    has_reason = bool(reason and reason.strip())
    if panel_recorded and overridden and not has_reason:
        problems.append(("reason", "改变依台账得出的目标结论须说明理由（--reason）"))
    if panel_recorded and differs and not has_reason:
        problems.append(("reason", f"结论 {conclusion} 与规则结论 {rule} 不同，须说明理由（--reason）"))
    if problems:
        return problems, None
    found = set()
    if overridden:
        found.add(FINDING_OVERRIDDEN)
    if differs and panel_recorded:
        found.add(CONCLUSION_DIFFERS)
    if not panel_recorded:
        found.add(NO_PANEL_RECORD)
    return [], ReviewOutcome(findings, met, rule, conclusion,
                             tuple(f for f in REVIEW_FLAG_ORDER if f in found))
