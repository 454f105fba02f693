"""DOMAIN.md section 2: verdicts, reasons in table order, notes and ranking."""
import dataclasses
from decimal import Decimal

import pytest

from tracker.rules.eligibility import ApplicantFacts, rank, screen

D = Decimal


def facts(**changes) -> ApplicantFacts:
    base = ApplicantFacts(
        uscc="91320506301104144E", name="苏州甲公司", district="吴中区", industry_cluster="高端装备",
        independent_legal_person=True, revenues=(D(100), D(110), D(120)), profits=(D(1), D(1), D(1)),
        ip_management_system=True, ip_department=True, ip_staff=1, valid_patents=50,
        valid_invention_patents=20, pct_national_phase=0, enterprise_standard_system=True,
        standard_coverage_pct=D(80), standardization_body=True, standardization_staff=1,
        standards_5y=2, qms_certified=True, registered_trademark=True, serious_dishonesty=False,
        abnormal_patent_applications=False)
    return dataclasses.replace(base, **changes)


def test_an_applicant_exactly_at_every_threshold_is_eligible(programme):
    result = screen(facts(), programme)
    assert (result.verdict, result.reasons, result.notes) == ("eligible", (), ())


HARD_CASES = [
    ("not_registered_in_suzhou", {"district": "外地"}),
    ("not_independent_legal_person", {"independent_legal_person": False}),
    ("no_ip_management_system", {"ip_management_system": False}),
    ("no_ip_department", {"ip_department": False}),
    ("no_ip_staff", {"ip_staff": 0}),
    ("valid_patents_below_50", {"valid_patents": 49, "valid_invention_patents": 20}),
    ("invention_patents_below_20", {"valid_invention_patents": 19}),
    ("no_enterprise_standard_system", {"enterprise_standard_system": False}),
    ("standard_coverage_below_80", {"standard_coverage_pct": D("79.99")}),
    ("no_standardization_body", {"standardization_body": False}),
    ("no_standardization_staff", {"standardization_staff": 0}),
    ("standards_5y_below_2", {"standards_5y": 1}),
    ("no_qms_certification", {"qms_certified": False}),
    ("no_registered_trademark", {"registered_trademark": False}),
    ("serious_dishonesty", {"serious_dishonesty": True}),
    ("abnormal_patent_applications", {"abnormal_patent_applications": True}),
]


@pytest.mark.parametrize("code, change", HARD_CASES, ids=[c for c, _ in HARD_CASES])
def test_each_hard_condition_makes_the_applicant_ineligible_with_its_reason(programme, code, change):
    result = screen(facts(**change), programme)
    assert result.verdict == "ineligible"
    assert result.reasons == (code,)


def test_no_growth_or_profit_is_soft_and_gives_needs_review(programme):
    result = screen(facts(revenues=(D(100), D(100), D(120)), profits=(D(1), D(0), D(1))), programme)
    assert (result.verdict, result.reasons) == ("needs_review", ("no_growth_or_profit_3y",))


@pytest.mark.parametrize("revenues, profits", [
    ((D(100), D(110), D(120)), (D(-5), D(-5), D(-5))),   # strictly growing, losses
    ((D(120), D(110), D(100)), (D("0.01"), D(1), D(2))),  # shrinking, profit every year
])
def test_growth_or_profit_either_one_is_enough(programme, revenues, profits):
    assert screen(facts(revenues=revenues, profits=profits), programme).verdict == "eligible"


def test_soft_failure_with_a_hard_one_is_ineligible_and_reasons_follow_the_table_order(programme):
    result = screen(facts(abnormal_patent_applications=True, revenues=(D(3), D(2), D(1)),
                          profits=(D(-1), D(1), D(1)), district="外地", ip_staff=0), programme)
    assert result.verdict == "ineligible"
    assert result.reasons == ("not_registered_in_suzhou", "no_growth_or_profit_3y", "no_ip_staff",
                              "abnormal_patent_applications")


def test_a_pct_national_phase_application_counts_as_three_invention_patents(programme):
    assert screen(facts(valid_invention_patents=17, pct_national_phase=1), programme).verdict == "eligible"
    assert screen(facts(valid_invention_patents=16, pct_national_phase=1), programme).reasons == (
        "invention_patents_below_20",)


def test_pct_applications_do_not_count_towards_valid_patents(programme):
    result = screen(facts(valid_patents=49, valid_invention_patents=20, pct_national_phase=5), programme)
    assert result.reasons == ("valid_patents_below_50",)


def test_notes_name_the_other_cluster_and_each_priority_honour_without_changing_the_verdict(programme):
    result = screen(facts(industry_cluster="其他",
                          honours=("suzhou_patent_award", "china_patent_award")), programme)
    assert result.verdict == "eligible"
    assert result.notes == ("not_in_focus_cluster", "priority:china_patent_award",
                            "priority:suzhou_patent_award")


def test_ranking_orders_by_verdict_honours_inventions_patents_then_uscc(programme):
    people = {
        "review": facts(uscc="A", revenues=(D(3), D(2), D(1)), profits=(D(-1), D(1), D(1)),
                        honours=("china_patent_award", "std_secretariat")),
        "plain": facts(uscc="B"),
        "honoured": facts(uscc="C", honours=("jiangsu_patent_award",)),
        "inventive": facts(uscc="D", valid_invention_patents=30),
        "pct": facts(uscc="E", valid_invention_patents=20, pct_national_phase=4),  # 32 effective
        "patents": facts(uscc="F", valid_patents=60),
        "tie": facts(uscc="0"),
        "out": facts(uscc="G", serious_dishonesty=True),
    }
    ranked = rank(screen(f, programme) for f in people.values())
    order = [(s.uscc, position) for s, position in ranked]
    assert order == [("C", 1), ("E", 2), ("D", 3), ("F", 4), ("0", 5), ("B", 6), ("A", 7), ("G", None)]
