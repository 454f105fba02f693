"""Risk of one project on a day, with the reasons that produced it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from tracker.vocab import ProjectState, RiskLevel, RiskReason

CLOSED_STATES = frozenset({ProjectState.ACCEPTED, ProjectState.TERMINATED, ProjectState.FUNDS_RECALLED})


@dataclass(frozen=True)
class Risk:
    level: str  # low | medium | high | closed
    reasons: tuple[str, ...]


def assess_risk(*, state: str, today: dt.date, end_date: dt.date, effective_deadline: dt.date,
                all_targets_achieved: bool, elapsed: float, pace: float,
                behind_factor: float, behind_min_elapsed: float) -> Risk:
    """high (overdue request, window ended unmet, acceptance failed), else medium
    (behind schedule), else low; closed projects have no risk level."""
    if state in CLOSED_STATES:
        return Risk(RiskLevel.CLOSED, ())
    high = []
    if state == ProjectState.IN_PROGRESS and today > effective_deadline:
        high.append(RiskReason.ACCEPTANCE_REQUEST_OVERDUE)
    if today > end_date and not all_targets_achieved:
        high.append(RiskReason.WINDOW_ENDED_UNMET)
    if state == ProjectState.ACCEPTANCE_FAILED:
        high.append(RiskReason.ACCEPTANCE_FAILED)
    if high:
        return Risk(RiskLevel.HIGH, tuple(high))
    if elapsed >= behind_min_elapsed and pace < behind_factor * elapsed:
        return Risk(RiskLevel.MEDIUM, (RiskReason.BEHIND_SCHEDULE,))
    return Risk(RiskLevel.LOW, ())


def funds_at_risk(level: str, grant: Decimal, disbursed: Decimal, recalled: Decimal,
                  any_disbursement: bool) -> Decimal:
    """Disbursed funds still out (the whole grant if nothing was disbursed) of a high-risk project."""
    if level != RiskLevel.HIGH:
        return Decimal("0.00")
    return (disbursed - recalled) if any_disbursement else grant
