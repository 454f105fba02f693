"""DOMAIN.md preamble: the programme is data; a malformed file is refused naming the key."""
import datetime as dt
import re

import pytest

from tracker.paths import programmes_dir
from tracker.programme import ProgrammeError, parse_programme
from tracker.rules.eligibility import ApplicantFacts, screen

SOURCE = (programmes_dir() / "szips-2024.toml").read_text(encoding="utf-8")


def test_the_2024_programme_holds_every_number_of_the_guide(programme):
    assert programme.code == "SZIPS-2024"
    assert programme.application_deadline == dt.date(2024, 11, 17)
    assert programme.recommendation_deadline == dt.date(2024, 11, 20)
    assert (programme.window_max_years, programme.acceptance_lead_months) == (2, 3)
    assert programme.reminder_thresholds == (60, 30, 7)
    assert (programme.behind_schedule_factor, programme.behind_schedule_min_elapsed) == (0.6, 0.25)
    assert [t.id for t in programme.targets] == [f"T{i}" for i in range(1, 9)]
    assert len(programme.indicators) == 20
    required = {i.id: (i.kind, i.required) for i in programme.indicators}
    assert required["university_patents"] == ("count", 5)
    assert required["converted_standards"] == ("count", 3)
    assert required["converted_standards_public"] == ("count", 2)
    assert required["expert_attendance"] == ("count", 50)
    assert required["certified_staff"] == ("count", 3)
    assert required["work_summary"] == ("text", 5000)
    assert required["market_share"] == ("trend", 2)
    assert [c.kind for c in programme.conditions].count("soft") == 1
    assert len(programme.honours) == 11 and len(programme.districts) == 10
    assert programme.district_name("园区") == "苏州工业园区"
    assert programme.district_name("高新区") == "虎丘区"
    assert programme.district_name("苏州高新区") == "虎丘区"
    assert programme.district_name("上海市") is None


@pytest.mark.parametrize("old, new, key", [
    ('required = 5\n', 'required = "five"\n', "targets[1].indicators[0].required"),
    ('code = "not_registered_in_suzhou"', 'code = "not_a_rule"', "eligibility.conditions[0].code"),
    ('kind = "soft"', 'kind = "maybe"', "eligibility.conditions[2].kind"),
    ('application_deadline = 2024-11-17', 'application_deadline = "soon"', "application_deadline"),
    ('reminder_thresholds = [60, 30, 7]', 'reminder_thresholds = "60"', "window.reminder_thresholds"),
    ('behind_schedule_factor = 0.6', 'behind_schedule_factor = 6', "risk.behind_schedule_factor"),
    ('max_years = 2\n', '', "window.max_years"),
    ('kind = "trend"', 'kind = "graph"', "targets[4].indicators[0].kind"),
    ('counts_from = "converted_standards"', 'counts_from = "nothing"',
     "targets[2].indicators[1].counts_from"),
])
def test_a_malformed_programme_is_refused_with_a_message_naming_the_key(old, new, key):
    assert old in SOURCE
    with pytest.raises(ProgrammeError, match=re.escape(key)):
        parse_programme(SOURCE.replace(old, new, 1), origin="bad.toml")


def test_a_file_that_is_not_toml_is_refused_naming_the_file():
    with pytest.raises(ProgrammeError, match="bad.toml: not valid TOML"):
        parse_programme("code = ", origin="bad.toml")


def test_a_2025_guide_is_a_new_file_not_a_code_change():
    text = (SOURCE.replace('code = "SZIPS-2024"', 'code = "SZIPS-2025"')
            .replace("min_valid_patents = 50", "min_valid_patents = 80")
            .replace("max_years = 2", "max_years = 3"))
    p2025 = parse_programme(text, origin="szips-2025.toml")
    assert (p2025.code, p2025.eligibility["min_valid_patents"], p2025.window_max_years) == (
        "SZIPS-2025", 80, 3)
    from decimal import Decimal as D
    applicant = ApplicantFacts(
        uscc="91320506301104144E", name="x", district="吴中区", industry_cluster="新材料",
        independent_legal_person=True, revenues=(D(1), D(2), D(3)), profits=(D(1),) * 3,
        ip_management_system=True, ip_department=True, ip_staff=1, valid_patents=60,
        valid_invention_patents=30, pct_national_phase=0, enterprise_standard_system=True,
        standard_coverage_pct=D(90), standardization_body=True, standardization_staff=1,
        standards_5y=3, qms_certified=True, registered_trademark=True, serious_dishonesty=False,
        abnormal_patent_applications=False)
    assert screen(applicant, parse_programme(SOURCE)).verdict == "eligible"
    assert screen(applicant, p2025).reasons == ("valid_patents_below_50",)
