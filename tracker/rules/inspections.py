"""Inspections (DOMAIN.md section 12): what a record needs, and the alerts a rectification
demand raises. Pure; `today` is passed in."""
from __future__ import annotations

import datetime as dt

from tracker.rules.review import MIN_PANEL
from tracker.vocab import AlertKind, InspectionConclusion, InspectionKind, codes

KINDS = codes(InspectionKind)
CONCLUSIONS = codes(InspectionConclusion)


def inspection_problems(*, on: dt.date, kind: str, panel: list[str], conclusion: str, findings: str,
                        due: dt.date | None) -> list[tuple[str, str]]:
    problems = []
    if kind not in KINDS:
        problems.append(("kind", f"检查类型应为 midterm（中期检查）或 spot（抽查），收到 {kind}"))
    if len(panel) < MIN_PANEL:
        problems.append(("panel", f"检查组至少 {MIN_PANEL} 人，收到 {len(panel)} 人"))
    if conclusion not in CONCLUSIONS:
        problems.append(("conclusion", f"检查结论应为 satisfactory 或 rectify，收到 {conclusion}"))
    if not findings or not findings.strip():
        problems.append(("findings", "检查发现不能为空"))
    if conclusion == "rectify":
        if due is None:
            problems.append(("due", "结论为 rectify（限期整改）时须给出整改期限（--due）"))
        elif due <= on:
            problems.append(("due", f"整改期限 {due} 须晚于检查日期 {on}"))
    elif due is not None:
        problems.append(("due", "结论为 satisfactory 时不设整改期限"))
    return problems


def inspection_alert(*, today: dt.date, due: dt.date, due_effective: dt.date, resolved: bool,
                     reminder_days: int) -> str | None:
    """`inspection_rectification_due` within the reminder days before the due date,
    `inspection_rectification_overdue` after the effective due date; nothing once resolved."""
    if resolved:
        return None
    if today > due_effective:
        return AlertKind.INSPECTION_RECTIFICATION_OVERDUE
    if 0 <= (due - today).days <= reminder_days:
        return AlertKind.INSPECTION_RECTIFICATION_DUE
    return None
