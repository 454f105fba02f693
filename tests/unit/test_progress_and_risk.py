"""DOMAIN.md sections 5 and 6: targets, pace, elapsed time, risk and funds at risk."""
import datetime as dt
from decimal import Decimal

import pytest

from tracker.rules.evidence import IndicatorResult
from tracker.rules.progress import elapsed, evaluate_targets, pace
from tracker.rules.risk import assess_risk, funds_at_risk

D = dt.date


def test_a_target_is_achieved_when_all_its_indicators_are(programme):
    results = [IndicatorResult(i.id, i.kind, i.required, i.required, i.required, True)
               for i in programme.indicators]
    results[0] = IndicatorResult("collab_system", "flag", 1, 0, 0, False)
    targets = evaluate_targets(programme.targets, results)
    assert [t.achieved for t in targets] == [False] + [True] * 7


def test_pace_is_the_mean_of_capped_shares_with_flags_counting_zero_or_one():
    results = [IndicatorResult("a", "count", 5, 9, 2, False),    # 0.4
               IndicatorResult("b", "count", 50, 80, 80, True),  # capped at 1
               IndicatorResult("c", "flag", 1, 1, 0, False),     # 0
               IndicatorResult("d", "trend", 2, 1, 1, False)]    # 0
    assert pace(results) == pytest.approx((0.4 + 1 + 0 + 0) / 4)


@pytest.mark.parametrize("today, share", [(D(2024, 12, 1), 0.0), (D(2025, 1, 1), 0.0),
                                          (D(2025, 1, 11), 0.5), (D(2025, 2, 1), 1.0)])
def test_elapsed_is_clamped_to_the_window(today, share):
    assert elapsed(D(2025, 1, 1), D(2025, 1, 21), today) == share


def risk(**kw):
    args = dict(state="in_progress", today=D(2026, 1, 1), end_date=D(2026, 12, 31),
                effective_deadline=D(2026, 9, 30), all_targets_achieved=False, elapsed=0.5,
                pace=0.5, behind_factor=0.6, behind_min_elapsed=0.25)
    args.update(kw)
    return assess_risk(**args)


def test_low_risk_when_on_pace():
    assert risk() .level == "low"


def test_behind_schedule_is_medium_below_0_6_times_elapsed_from_a_quarter_of_the_window():
    assert (risk(elapsed=0.5, pace=0.29).level, risk(elapsed=0.5, pace=0.29).reasons) == (
        "medium", ("behind_schedule",))
    assert risk(elapsed=0.5, pace=0.3).level == "low"
    assert risk(elapsed=0.24, pace=0.0).level == "low"


def test_overdue_acceptance_request_is_high_only_after_the_effective_deadline():
    assert risk(today=D(2026, 9, 30)).level == "low"
    r = risk(today=D(2026, 10, 1), elapsed=0.75, pace=0.9)
    assert (r.level, r.reasons) == ("high", ("acceptance_request_overdue",))


def test_every_high_reason_that_holds_is_listed_and_only_those():
    r = risk(today=D(2027, 1, 1), elapsed=1.0, pace=0.1)
    assert r.reasons == ("acceptance_request_overdue", "window_ended_unmet")
    r = risk(state="acceptance_failed", today=D(2027, 1, 1), all_targets_achieved=True)
    assert r.reasons == ("acceptance_failed",)
    r = risk(state="acceptance_requested", today=D(2027, 1, 1), all_targets_achieved=True, pace=1)
    assert r.level == "low"


@pytest.mark.parametrize("state", ["accepted", "terminated", "funds_recalled"])
def test_closed_projects_have_no_risk_level(state):
    assert risk(state=state, today=D(2027, 6, 1)).level == "closed"


def test_funds_at_risk_are_the_disbursed_funds_or_the_whole_grant_when_nothing_was_disbursed():
    assert funds_at_risk("high", Decimal("50.00"), Decimal("25.00"), Decimal("0.00"), True) == Decimal("25.00")
    assert funds_at_risk("high", Decimal("50.00"), Decimal("0.00"), Decimal("0.00"), False) == Decimal("50.00")
    assert funds_at_risk("medium", Decimal("50.00"), Decimal("25.00"), Decimal("0.00"), True) == 0
