"""Recall with due process (DOMAIN.md section 10): when a proposal may be made, its amount by
the programme's rule, the enterprise's response deadline and when a decision is allowed.
Pure functions; `today` (or the day of the act) is passed in."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Mapping

from tracker.rules.calendar import effective_deadline
from tracker.vocab import ProjectState, RecallFlag, RecallGround, RecallState

CENT = Decimal("0.01")
PROPOSED, DECIDED, WAIVED = RecallState.PROPOSED, RecallState.DECIDED, RecallState.WAIVED
AMOUNT_DIFFERS = RecallFlag.AMOUNT_DIFFERS_FROM_RULE
LATE_STATEMENT = RecallFlag.LATE_STATEMENT
CASE_FLAG_ORDER = tuple(RecallFlag)
# States a positive decision moves to `funds_recalled` from.
RECALLABLE_STATES = (ProjectState.ACCEPTANCE_FAILED, ProjectState.TERMINATED, ProjectState.IN_PROGRESS)


def recall_ground(*, state: str, today: dt.date, effective_request_deadline: dt.date,
                  overdue_days: int) -> str | None:
    """Why a proposal may be made today (`acceptance_failed`, `terminated` or `overdue`), or None.
    Overdue: in progress with no request more than `overdue_days` after the effective deadline."""
    if state in (ProjectState.ACCEPTANCE_FAILED, ProjectState.TERMINATED):
        return RecallGround(state)
    if state == ProjectState.IN_PROGRESS and (today - effective_request_deadline).days > overdue_days:
        return RecallGround.OVERDUE
    return None


def half_up(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def rule_amount(*, ground: str, net_disbursed: Decimal, unmet_targets: int, targets: int,
                amount_rule: Mapping[str, str]) -> Decimal:
    """The proposal the programme's rule gives: a share of the net disbursed funds for unmet
    targets (`unmet_share`) or all of them (`whole`), rounded half-up to 0.01 万元."""
    base = amount_rule.get(ground, "whole")
    if base == "unmet_share":
        return half_up(net_disbursed * unmet_targets / targets) if targets else net_disbursed
    return half_up(net_disbursed)


@dataclass(frozen=True)
class ResponseDeadline:
    deadline: dt.date
    effective: dt.date
    calendar_complete: bool


def response_deadline(proposed_on: dt.date, response_days: int) -> ResponseDeadline:
    """Proposal date + N calendar days, rolled forward over rest days and holidays."""
    nominal = proposed_on + dt.timedelta(days=response_days)
    effective = effective_deadline(nominal)
    return ResponseDeadline(nominal, effective.day, effective.calendar_complete)


def decision_allowed(on: dt.date, effective_response_deadline: dt.date, statement_received: bool) -> bool:
    """Once the enterprise has answered, or from the day after the effective response deadline."""
    return statement_received or on > effective_response_deadline


def amount_problem(amount: Decimal, net_disbursed: Decimal) -> str | None:
    if amount < 0 or amount > net_disbursed:
        return f"金额应在 0 至净拨付额 {net_disbursed:.2f} 万元之间，收到 {amount}"
    if amount != amount.quantize(CENT):
        return f"金额最多两位小数（万元），收到 {amount}"
    return None
