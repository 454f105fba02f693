"""The closing stage's alerts (DOMAIN.md sections 9, 10 and 12; keys in INTERFACES.md 3.3).
Pure: given what is recorded and the day, which alerts a project calls for; the scan keeps
each at most once per (project, kind, key, due date)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Sequence

from tracker.rules.alerts import AlertCandidate, reminder_threshold
from tracker.rules.inspections import inspection_alert
from tracker.vocab import AlertKind

RECTIFICATION_DUE, RECTIFICATION_OVERDUE = AlertKind.RECTIFICATION_DUE, AlertKind.RECTIFICATION_OVERDUE
RECALL_RESPONSE_DUE, RECALL_DECISION_DUE = AlertKind.RECALL_RESPONSE_DUE, AlertKind.RECALL_DECISION_DUE
INSPECTION_DUE, INSPECTION_OVERDUE = AlertKind.INSPECTION_RECTIFICATION_DUE, AlertKind.INSPECTION_RECTIFICATION_OVERDUE
CLOSING_KINDS = (RECTIFICATION_DUE, RECTIFICATION_OVERDUE, RECALL_RESPONSE_DUE, RECALL_DECISION_DUE,
                 INSPECTION_DUE, INSPECTION_OVERDUE)


@dataclass(frozen=True)
class OpenRectification:
    deadline: dt.date
    effective: dt.date


@dataclass(frozen=True)
class OpenCase:
    proposed_on: dt.date
    response_deadline: dt.date
    response_effective: dt.date
    statement_received: bool


@dataclass(frozen=True)
class OpenInspection:
    id: int
    due: dt.date
    due_effective: dt.date
    resolved: bool


def closing_alerts(*, today: dt.date, rectification: OpenRectification | None,
                   rectify_thresholds: Iterable[int], rectify_reminders_raised: Iterable[int],
                   case: OpenCase | None, inspections: Sequence[OpenInspection],
                   inspection_reminder_days: int) -> list[AlertCandidate]:
    """`rectification` is given while the project is rectifying (no re-review yet), `case` while
    a recall case is undecided. Reminders: the nearest threshold only, never a farther one
    once a nearer one of the same deadline was raised."""
    out: list[AlertCandidate] = []
    if rectification is not None:
        days_left = (rectification.deadline - today).days
        threshold = reminder_threshold(days_left, rectify_thresholds)
        if threshold is not None and not any(r <= threshold for r in rectify_reminders_raised):
            out.append(AlertCandidate(RECTIFICATION_DUE, str(threshold), rectification.deadline, days_left))
        if today > rectification.effective:
            out.append(AlertCandidate(RECTIFICATION_OVERDUE, None, rectification.deadline, days_left))
    if case is not None and today >= case.proposed_on:
        key = case.proposed_on.isoformat()
        days_left = (case.response_deadline - today).days
        if not case.statement_received and today <= case.response_effective:
            out.append(AlertCandidate(RECALL_RESPONSE_DUE, key, case.response_deadline, days_left))
        if today > case.response_effective:
            out.append(AlertCandidate(RECALL_DECISION_DUE, key, case.response_deadline, days_left))
    for i in inspections:
        kind = inspection_alert(today=today, due=i.due, due_effective=i.due_effective,
                                resolved=i.resolved, reminder_days=inspection_reminder_days)
        if kind is not None:
            out.append(AlertCandidate(kind, str(i.id), i.due, (i.due - today).days))
    return out
