"""DOMAIN.md section 5: evidence counting, claimed vs verified, one item once, within the window."""
import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from tracker.rules.evidence import (Record, evaluate_indicators, fold_reference, record_flags)

START, END = dt.date(2025, 1, 1), dt.date(2026, 12, 31)
IN = dt.date(2025, 6, 1)


def results(programme, records, start=START, end=END, raise_=None):
    indicators = [dataclasses.replace(i, required=(raise_ or {}).get(i.id, i.required))
                  for i in programme.indicators]
    return {r.id: r for r in evaluate_indicators(records, indicators, start, end)}


def rec(n, indicator, status="verified", **kw):
    kw.setdefault("date", IN)
    return Record(id=n, indicator=indicator, status=status, **kw)


def test_count_sums_quantities_of_verified_records_and_claimed_counts_every_record_not_rejected(programme):
    r = results(programme, [rec(1, "expert_attendance", quantity=32),
                            rec(2, "expert_attendance", "claimed", quantity=20),
                            rec(3, "expert_attendance", "rejected", quantity=40)])["expert_attendance"]
    assert (r.required, r.claimed, r.verified, r.achieved) == (50, 52, 32, False)


def test_university_patents_count_only_university_or_research_institute_sources(programme):
    r = results(programme, [rec(1, "university_patents", source_type="university"),
                            rec(2, "university_patents", source_type="research_institute"),
                            rec(3, "university_patents", source_type="enterprise"),
                            rec(4, "university_patents")])["university_patents"]
    assert (r.claimed, r.verified) == (2, 2)


def test_public_standards_count_converted_standards_at_a_public_level(programme):
    records = [rec(1, "converted_standards", level="group", reference="T/A 1-2025"),
               rec(2, "converted_standards", level="enterprise", reference="Q/A 2-2025"),
               rec(3, "converted_standards", level="national", reference="GB/T 3-2025")]
    r = results(programme, records)
    assert (r["converted_standards"].verified, r["converted_standards"].achieved) == (3, True)
    assert (r["converted_standards_public"].verified, r["converted_standards_public"].achieved) == (2, True)


def test_one_item_counts_once_and_the_second_record_is_flagged_duplicate_in_project(programme):
    records = [rec(1, "university_patents", source_type="university", reference="ZL202110123456.7"),
               rec(2, "university_patents", source_type="university", reference="zl 202110123456.7",
                   date=dt.date(2025, 7, 1))]
    records = [dataclasses.replace(r, reference=fold_reference(r.reference)) for r in records]
    assert results(programme, records)["university_patents"].verified == 1
    flags = record_flags(records, {i.id: i for i in programme.indicators}, START, END, set())
    assert flags == {1: [], 2: ["duplicate_in_project"]}


def test_a_reference_claimed_by_another_project_is_flagged_but_a_rejected_record_is_settled(programme):
    records = [rec(1, "certified_staff", reference="CERT-1"), rec(2, "certified_staff", "rejected",
                                                                  reference="CERT-2")]
    flags = record_flags(records, {i.id: i for i in programme.indicators}, START, END,
                         {"CERT-1", "CERT-2"})
    assert flags == {1: ["claimed_by_other_project"], 2: []}


@pytest.mark.parametrize("day, counts", [(START, True), (END, True),
                                         (START - dt.timedelta(days=1), False),
                                         (END + dt.timedelta(days=1), False)])
def test_an_achievement_outside_the_window_does_not_count_and_is_flagged(programme, day, counts):
    records = [rec(1, "collab_meetings", date=day)]
    assert results(programme, records)["collab_meetings"].verified == (1 if counts else 0)
    flags = record_flags(records, {i.id: i for i in programme.indicators}, START, END, set())
    assert ("outside_window" in flags[1]) is not counts


def test_a_trend_needs_two_strictly_increasing_yearly_values_from_the_baseline_year(programme):
    r = results(programme, [rec(1, "ipstd_spend_ratio", year=2024, value=Decimal("3.2"),
                                date=dt.date(2025, 1, 31)),
                            rec(2, "ipstd_spend_ratio", year=2025, value=Decimal("3.8"),
                                date=dt.date(2026, 1, 31))])["ipstd_spend_ratio"]
    assert (r.required, r.verified, r.achieved) == (2, 2, True)


def test_a_trend_value_before_the_baseline_year_or_after_the_end_year_does_not_count(programme):
    records = [rec(1, "market_share", year=2023, value=Decimal(1)),
               rec(2, "market_share", year=2024, value=Decimal(2)),
               rec(3, "market_share", year=2027, value=Decimal(3))]
    r = results(programme, records)["market_share"]
    assert (r.verified, r.achieved) == (1, False)


def test_a_trend_that_falls_is_not_achieved_and_the_later_record_of_a_year_wins(programme):
    falling = [rec(1, "market_share", year=2024, value=Decimal(5)),
               rec(2, "market_share", year=2025, value=Decimal(4))]
    assert not results(programme, falling)["market_share"].achieved
    corrected = falling + [rec(3, "market_share", year=2025, value=Decimal(6), date=dt.date(2025, 7, 1))]
    r = results(programme, corrected)["market_share"]
    assert (r.verified, r.achieved) == (2, True)


def test_a_flag_is_achieved_by_one_verified_record_and_a_claim_shows_as_claimed(programme):
    r = results(programme, [rec(1, "patent_pool", "claimed")])["patent_pool"]
    assert (r.required, r.claimed, r.verified, r.achieved) == (1, 1, 0, False)
    assert results(programme, [rec(1, "patent_pool")])["patent_pool"].achieved


def test_a_text_is_achieved_by_a_verified_text_of_enough_characters(programme):
    short = results(programme, [rec(1, "work_summary", text_chars=4999)])["work_summary"]
    enough = results(programme, [rec(1, "work_summary", text_chars=5000)])["work_summary"]
    assert (short.required, short.verified, short.achieved) == (5000, 4999, False)
    assert enough.achieved


def test_a_contract_may_raise_a_requirement(programme):
    records = [rec(n, "certified_staff", reference=f"C{n}") for n in range(3)]
    assert results(programme, records)["certified_staff"].achieved
    assert not results(programme, records, raise_={"certified_staff": 4})["certified_staff"].achieved


def test_references_are_compared_ignoring_case_spaces_and_full_width_forms():
    assert fold_reference(" ｇｂ／ｔ 12345－2020 ") == fold_reference("GB/T12345-2020")
    assert fold_reference("  ") is None
