"""Issue 13, DOMAIN.md sections 4-6 as sharpened: the right record counts and only the others
are flagged, references are folded, closed projects raise no window alert, impossible windows
are refused, unknown years keep their fixed holidays."""
import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from tracker.rules.alerts import project_alerts
from tracker.rules.calendar import (acceptance_deadline_problem, acceptance_request_deadline,
                                    effective_deadline)
from tracker.rules.evidence import Record, evaluate_indicators, fold_reference, record_flags
from tracker.rules.risk import funds_at_risk

D = dt.date
START, END = D(2025, 1, 1), D(2026, 12, 31)


def rec(n, indicator="certified_staff", status="verified", day=D(2025, 6, 1), reference="CERT-77", **kw):
    return Record(id=n, indicator=indicator, date=day, status=status,
                  reference=fold_reference(reference), written_reference=reference, **kw)


def figures(programme, records):
    return {r.id: r for r in evaluate_indicators(records, list(programme.indicators), START, END)}


def flags(programme, records, shared=()):
    return record_flags(records, {i.id: i for i in programme.indicators}, START, END, set(shared))


# --- the wrong record is flagged --------------------------------------------------------

def test_a_record_claimed_again_after_a_rejection_and_verified_counts_and_is_not_flagged(programme):
    records = [rec(1, status="rejected", day=D(2025, 3, 1)), rec(2, day=D(2025, 4, 1), reference="cert-77")]
    assert figures(programme, records)["certified_staff"].verified == 1
    assert flags(programme, records) == {1: [], 2: []}


def test_when_the_first_record_of_an_item_lies_outside_the_window_the_counted_one_is_not_flagged(programme):
    records = [rec(1, day=D(2024, 12, 1)), rec(2, day=D(2025, 4, 1))]
    assert figures(programme, records)["certified_staff"].verified == 1
    assert flags(programme, records) == {1: ["outside_window", "duplicate_in_project"], 2: []}


def test_when_the_first_record_does_not_qualify_the_qualifying_one_counts_unflagged(programme):
    records = [rec(1, "university_patents", day=D(2025, 2, 1), source_type="enterprise", reference="ZL1"),
               rec(2, "university_patents", day=D(2025, 3, 1), source_type="university", reference="zl 1")]
    assert figures(programme, records)["university_patents"].verified == 1
    assert flags(programme, records) == {1: ["not_qualifying", "duplicate_in_project"], 2: []}


def test_the_flag_moves_when_a_review_changes_which_record_counts(programme):
    pending = [rec(1, status="claimed", day=D(2025, 3, 1)), rec(2, day=D(2025, 4, 1))]
    # the earlier claim is the item's counted record; the later one adds nothing
    assert flags(programme, pending) == {1: [], 2: ["duplicate_in_project"]}
    assert (figures(programme, pending)["certified_staff"].claimed,
            figures(programme, pending)["certified_staff"].verified) == (1, 0)
    rejected = [dataclasses.replace(pending[0], status="rejected"), pending[1]]
    assert flags(programme, rejected) == {1: [], 2: []}
    assert figures(programme, rejected)["certified_staff"].verified == 1


def test_records_of_one_date_count_the_same_whatever_their_import_order(programme):
    a = rec(1, status="claimed", reference="CERT-9")
    b = rec(2, status="verified", reference="cert 9")
    swapped = [dataclasses.replace(a, id=2), dataclasses.replace(b, id=1)]
    assert figures(programme, [a, b])["certified_staff"].verified == 1
    assert figures(programme, swapped)["certified_staff"].verified == 1
    assert flags(programme, [a, b])[2] == [] and flags(programme, swapped)[1] == []


def test_a_record_filed_under_public_standards_counts_for_converted_standards_too(programme):
    records = [rec(1, "converted_standards_public", level="national", reference="GB/T 1-2025")]
    r = figures(programme, records)
    assert (r["converted_standards"].verified, r["converted_standards_public"].verified) == (1, 1)


def test_a_record_counted_for_public_standards_is_not_flagged_behind_an_earlier_enterprise_level_one(programme):
    records = [rec(1, "converted_standards", day=D(2025, 2, 1), level="enterprise", reference="Q/A 1"),
               rec(2, "converted_standards_public", day=D(2025, 3, 1), level="national", reference="q/a1")]
    r = figures(programme, records)
    assert (r["converted_standards"].verified, r["converted_standards_public"].verified) == (1, 1)
    assert flags(programme, records) == {1: [], 2: []}


# --- one shared item, one alert key -----------------------------------------------------

@pytest.mark.parametrize("written", ["ＣＥＲＴ－７７", "cert-77", " CERT -77 ", "Cert－77", "c e r t\u3000-77"])
def test_references_fold_full_width_case_and_spaces_to_one_key(written):
    assert fold_reference(written) == "CERT-77"


def test_the_domain_examples_fold_to_one_item():
    assert {fold_reference("ＺＬ2021 1000 0001.1"), fold_reference("zl202110000001.1"),
            fold_reference("ZL202110000001.1")} == {"ZL202110000001.1"}
    assert fold_reference("  ") is None and fold_reference(None) is None


# --- no window alert for closed projects ------------------------------------------------

def window_alerts(state):
    found = project_alerts(state=state, today=D(2027, 3, 1), deadline=D(2026, 9, 30),
                           effective_deadline=D(2026, 9, 30), end_date=END, all_targets_achieved=False,
                           risk_level="high", shared_references=(), thresholds=(60, 30, 7),
                           reminders_raised=(60, 30, 7))
    return [a.kind for a in found if a.kind == "window_ended_unmet"]


@pytest.mark.parametrize("state, raised", [("in_progress", True), ("acceptance_requested", True),
                                           ("terminated", False), ("funds_recalled", False),
                                           ("accepted", False), ("acceptance_failed", False)])
def test_window_ended_unmet_is_raised_only_for_projects_in_progress_or_awaiting_acceptance(state, raised):
    assert window_alerts(state) == (["window_ended_unmet"] if raised else [])


# --- impossible windows -----------------------------------------------------------------

@pytest.mark.parametrize("start, end, refused", [
    (D(2025, 3, 1), D(2025, 3, 1), True),     # deadline 2024-12-01, before the start
    (D(2025, 3, 1), D(2025, 6, 1), True),     # deadline 2025-03-01, the start itself
    (D(2025, 3, 1), D(2025, 6, 2), False),    # deadline 2025-03-02, the day after the start
    (D(2025, 1, 31), D(2025, 4, 30), True),   # deadline 2025-01-30, clamped, before the start
])
def test_a_window_whose_acceptance_request_deadline_is_not_after_its_start_is_refused(start, end, refused):
    problem = acceptance_deadline_problem(start, end, lead_months=3)
    assert (problem is not None) is refused
    if refused:  # the message names the deadline it would have and the start
        assert str(start) in problem and str(acceptance_request_deadline(end, 3)) in problem


# --- unknown years keep the fixed holidays ---------------------------------------------

@pytest.mark.parametrize("deadline, effective", [
    (D(2027, 10, 1), D(2027, 10, 4)),   # a Friday, National Day
    (D(2028, 10, 1), D(2028, 10, 4)),   # Sunday, then 2 and 3 October
    (D(2028, 5, 1), D(2028, 5, 2)),     # a Monday, Labour Day
    (D(2027, 1, 1), D(2027, 1, 4)),     # a Friday, New Year's Day
    (D(2027, 3, 3), D(2027, 3, 3)),     # a plain Wednesday
])
def test_in_a_year_without_an_official_calendar_fixed_holidays_are_rest_days_and_flagged(deadline, effective):
    result = effective_deadline(deadline)
    assert result.day == effective
    assert not result.calendar_complete


# --- money --------------------------------------------------------------------------------

def test_funds_at_risk_are_net_of_recalls():
    assert funds_at_risk("high", Decimal("100.00"), Decimal("80.00"), Decimal("30.00"), True) == Decimal("50.00")
