"""Which alerts a project calls for on day D (DOMAIN.md section 6). Pure: the scan service
stores them, at most once per (project, kind, key)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

DUE, OVERDUE = "acceptance_request_due", "acceptance_request_overdue"
WINDOW_ENDED, BEHIND, SHARED_REFERENCE = "window_ended_unmet", "behind_schedule", "claimed_by_other_project"
# Closed projects (and those already judged) are past the point where an unmet window is news.
WINDOW_ALERT_STATES = frozenset({"in_progress", "acceptance_requested"})
KIND_ORDER = (DUE, OVERDUE, WINDOW_ENDED, BEHIND, SHARED_REFERENCE)


@dataclass(frozen=True)
class AlertCandidate:
    kind: str
    key: str | None
    due: dt.date | None
    days_left: int | None


def reminder_threshold(days_left: int, thresholds: Iterable[int]) -> int | None:
    """The smallest reminder threshold that is >= days_left, for 0 <= days_left <= the largest."""
    eligible = [t for t in thresholds if t >= days_left]
    return min(eligible) if days_left >= 0 and eligible else None


def project_alerts(*, state: str, today: dt.date, deadline: dt.date, effective_deadline: dt.date,
                   end_date: dt.date, all_targets_achieved: bool, risk_level: str,
                   shared_references: Iterable[str], thresholds: Iterable[int],  # folded
                   reminders_raised: Iterable[int] = ()) -> list[AlertCandidate]:
    """The alerts due for one project on `today`. A reminder is left out once a nearer
    reminder of the same deadline was raised (a scan that first runs at 20 days left
    raises the 30-day reminder, never the 60-day one)."""
    out: list[AlertCandidate] = []
    days_left = (deadline - today).days
    if state == "in_progress":
        threshold = reminder_threshold(days_left, thresholds)
        if threshold is not None and not any(r <= threshold for r in reminders_raised):
            out.append(AlertCandidate(DUE, str(threshold), deadline, days_left))
        if today > effective_deadline:  # late only after the effective deadline; counted from the deadline
            out.append(AlertCandidate(OVERDUE, None, deadline, days_left))
    if today > end_date and state in WINDOW_ALERT_STATES and not all_targets_achieved:
        out.append(AlertCandidate(WINDOW_ENDED, None, end_date, (end_date - today).days))
    if risk_level == "medium":
        out.append(AlertCandidate(BEHIND, None, None, None))
    for reference in sorted(set(shared_references)):
        out.append(AlertCandidate(SHARED_REFERENCE, reference, None, None))
    return out
