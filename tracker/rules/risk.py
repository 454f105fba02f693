"""Risk of one project on a day, with the reasons that produced it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

CLOSED_STATES = frozenset({"accepted", "terminated", "funds_recalled"})


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
        return Risk("closed", ())
    high = []
    if state == "in_progress" and today > effective_deadline:
        high.append("acceptance_request_overdue")
    if today > end_date and not all_targets_achieved:
        high.append("window_ended_unmet")
    if state == "acceptance_failed":
        high.append("acceptance_failed")
    if high:
        return Risk("high", tuple(high))
    if elapsed >= behind_min_elapsed and pace < behind_factor * elapsed:
        return Risk("medium", ("behind_schedule",))
    return Risk("low", ())


def funds_at_risk(level: str, grant: Decimal, disbursed: Decimal, recalled: Decimal,
                  any_disbursement: bool) -> Decimal:
    """Disbursed funds still out (the whole grant if nothing was disbursed) of a high-risk project."""
    if level != "high":
        return Decimal("0.00")
    return (disbursed - recalled) if any_disbursement else grant
