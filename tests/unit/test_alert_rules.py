"""DOMAIN.md section 6: which alerts a project calls for on a day."""
import datetime as dt

import pytest

from tracker.rules.alerts import project_alerts, reminder_threshold

D = dt.date
DEADLINE, EFFECTIVE, END = D(2026, 11, 28), D(2026, 11, 30), D(2027, 2, 28)


def alerts(today, state="in_progress", raised=(), risk="low", achieved=False, shared=()):
    return [(a.kind, a.key, a.due, a.days_left) for a in project_alerts(
        state=state, today=today, deadline=DEADLINE, effective_deadline=EFFECTIVE, end_date=END,
        all_targets_achieved=achieved, risk_level=risk, shared_references=shared,
        thresholds=(60, 30, 7), reminders_raised=raised)]


@pytest.mark.parametrize("days_left, key", [(61, None), (60, 60), (31, 60), (30, 30), (20, 30), (8, 30),
                                            (7, 7), (0, 7), (-1, None)])
def test_the_reminder_key_is_the_smallest_threshold_at_or_above_days_left(days_left, key):
    assert reminder_threshold(days_left, (60, 30, 7)) == key


def test_a_reminder_is_raised_with_the_deadline_and_days_left():
    assert alerts(D(2026, 9, 29)) == [("acceptance_request_due", "60", DEADLINE, 60)]


def test_a_scan_first_run_at_20_days_left_raises_the_30_day_reminder_only():
    assert alerts(D(2026, 11, 8)) == [("acceptance_request_due", "30", DEADLINE, 20)]


def test_no_reminder_once_a_nearer_one_exists():
    assert alerts(D(2026, 11, 8), raised=(7,)) == []
    assert alerts(D(2026, 11, 8), raised=(60,)) == [("acceptance_request_due", "30", DEADLINE, 20)]


def test_overdue_only_after_the_effective_deadline():
    assert alerts(D(2026, 11, 30), raised=(7,)) == []
    assert alerts(D(2026, 12, 1), raised=(7,)) == [("acceptance_request_overdue", None, DEADLINE, -3)]


def test_no_reminder_or_overdue_once_acceptance_was_requested():
    assert alerts(D(2026, 11, 20), state="acceptance_requested") == []
    assert alerts(D(2026, 12, 20), state="acceptance_requested") == []


def test_window_ended_unmet_after_the_end_unless_accepted_or_achieved():
    day = D(2027, 3, 1)
    assert ("window_ended_unmet", None, END, -1) in alerts(day, state="acceptance_requested")
    assert alerts(day, state="accepted") == []
    assert alerts(day, state="acceptance_requested", achieved=True) == []
    assert alerts(END, state="acceptance_requested") == []


def test_behind_schedule_when_risk_is_medium_and_shared_references_by_reference():
    assert alerts(D(2026, 1, 1), risk="medium", shared=("ZL2", "ZL1")) == [
        ("behind_schedule", None, None, None), ("claimed_by_other_project", "ZL1", None, None),
        ("claimed_by_other_project", "ZL2", None, None)]
