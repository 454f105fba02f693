"""A project's standing on a day: the part of its status that moves with the calendar alone
(days left, share of the window gone, risk and funds at risk). Everything else a status says
changes only when something is written (tracker.queries.evaluation); the standing is a cheap
pure function of the project's facts, that evaluation and `today`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from tracker.rules.progress import elapsed
from tracker.rules.review import rectifying_risk
from tracker.rules.risk import Risk, assess_risk, funds_at_risk
from tracker.vocab import ProjectState


@dataclass(frozen=True)
class Standing:
    days_left: int
    elapsed: float
    risk: Risk
    funds_at_risk: Decimal


@dataclass(frozen=True)
class StandingInputs:
    """What the standing needs besides `today`: the project's facts and its evaluation."""
    state: str
    start_date: dt.date
    end_date: dt.date
    grant_wan: Decimal
    deadline: dt.date
    effective_deadline: dt.date
    all_targets_achieved: bool
    pace: float
    behind_factor: float
    behind_min_elapsed: float
    disbursed: Decimal
    recalled: Decimal
    any_disbursement: bool
    rectification_effective_deadline: dt.date | None  # of the review that set a rectification period
    open_case_amount: Decimal | None  # the proposal of an open recall case


def standing(facts: StandingInputs, today: dt.date) -> Standing:
    share_gone = elapsed(facts.start_date, facts.end_date, today)
    if facts.state == ProjectState.RECTIFYING and facts.rectification_effective_deadline:
        risk = rectifying_risk(today, facts.rectification_effective_deadline)
    else:
        risk = assess_risk(
            state=facts.state, today=today, end_date=facts.end_date,
            effective_deadline=facts.effective_deadline, all_targets_achieved=facts.all_targets_achieved,
            elapsed=share_gone, pace=facts.pace, behind_factor=facts.behind_factor,
            behind_min_elapsed=facts.behind_min_elapsed)
    at_risk = funds_at_risk(risk.level, facts.grant_wan, facts.disbursed, facts.recalled, facts.any_disbursement)
    if facts.open_case_amount is not None:  # an open recall case puts exactly its proposal at risk
        at_risk = facts.open_case_amount
    return Standing((facts.deadline - today).days, share_gone, risk, at_risk)
