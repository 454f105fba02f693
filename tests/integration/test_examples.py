"""The shared example files import, screen and report as DOMAIN.md says (on SQLite and PostgreSQL)."""
import pytest


@pytest.fixture
def loaded(tracker, examples):
    tracker("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    return tracker


def test_example_applicants_are_screened_and_ranked(loaded):
    result = loaded.json("applications", "screen", "--programme", "SZIPS-2024")
    assert [(r["uscc"], r["verdict"], r["reasons"], r["notes"], r["rank"]) for r in result] == [
        ("91320506301104144E", "eligible", [], ["priority:jiangsu_patent_award"], 1),
        ("91320571231669536Q", "needs_review", ["no_growth_or_profit_3y"], [], 2),
        ("91320505456619689D", "ineligible",
         ["no_growth_or_profit_3y", "no_ip_department", "standard_coverage_below_80",
          "standards_5y_below_2", "no_registered_trademark"], [], None),
        ("91320583788194722P", "ineligible", ["valid_patents_below_50"], [], None),
    ]
    assert {r["uscc"]: r["name"] for r in result}["91320505456619689D"] == "苏州示例数字科技有限公司"


def test_example_alias_district_is_stored_under_its_canonical_name(loaded):
    result = {r["uscc"]: r for r in loaded.json("applications", "screen", "--programme", "SZIPS-2024")}
    assert result["91320505456619689D"]["district"] == "虎丘区"


def test_example_projects_report_deadlines_and_risk_with_nothing_verified(loaded, examples):
    loaded("achievements", "import", str(examples / "achievements.csv"))
    status = {p["project_code"]: p for p in loaded.json("status", "--today", "2026-11-25")}
    one, two = status["SZIPS-2024-001"], status["SZIPS-2024-002"]
    assert (one["acceptance_request_deadline"], one["acceptance_request_effective_deadline"]) == (
        "2026-09-30", "2026-09-30")
    assert one["days_to_acceptance_request_deadline"] == -56
    assert (one["risk"], one["risk_reasons"]) == ("high", ["acceptance_request_overdue"])
    assert (one["grant_wan"], one["disbursed_wan"], one["funds_at_risk_wan"]) == ("50.00", "0.00", "50.00")
    assert one["targets_achieved"] == 0 and one["pace"] == 0
    indicators = {i["id"]: i for t in one["targets"] for i in t["indicators"]}
    assert (indicators["expert_attendance"]["claimed"], indicators["expert_attendance"]["verified"]) == (32, 0)
    assert indicators["university_patents"]["claimed"] == 2
    # 2027-02-28 minus three months is Saturday 2026-11-28: the request may still be filed on Monday.
    assert (two["acceptance_request_deadline"], two["acceptance_request_effective_deadline"]) == (
        "2026-11-28", "2026-11-30")
    assert two["days_to_acceptance_request_deadline"] == 3
    assert (two["risk"], two["risk_reasons"]) == ("medium", ["behind_schedule"])
    assert two["elapsed"] == pytest.approx(634 / 729, abs=1e-4)


def test_example_achievements_verified_count_towards_targets(loaded, examples):
    loaded("achievements", "import", str(examples / "achievements.csv"), "--verified-by", "市局审核员")
    one = loaded.json("status", "--project", "SZIPS-2024-001", "--today", "2026-09-30")[0]
    indicators = {i["id"]: i for t in one["targets"] for i in t["indicators"]}
    figures = {k: (v["required"], v["claimed"], v["verified"], v["achieved"]) for k, v in indicators.items()}
    assert figures["collab_system"] == (1, 1, 1, True)
    assert figures["university_patents"] == (5, 2, 2, False)
    assert figures["converted_standards"] == (3, 1, 1, False)
    assert figures["converted_standards_public"] == (2, 1, 1, False)
    assert figures["collab_meetings"] == (1, 1, 1, True)
    assert figures["expert_attendance"] == (50, 32, 32, False)
    assert figures["ipstd_spend_ratio"] == (2, 2, 2, True)  # 2024 is the baseline year
    assert figures["certified_staff"] == (3, 1, 1, False)
    assert figures["work_summary"] == (5000, 0, 0, False)
    assert [t["id"] for t in one["targets"] if t["achieved"]] == ["T5"]
    assert one["targets_achieved"] == 1
    expected_pace = (1 + 2 / 5 + 1 / 3 + 1 / 2 + 1 + 32 / 50 + 1 + 1 / 3) / 20
    assert one["pace"] == pytest.approx(expected_pace, abs=1e-4)
    # On the deadline itself the request is not yet late.
    assert one["risk"] != "high"
    after = loaded.json("status", "--project", "SZIPS-2024-001", "--today", "2026-10-01")[0]
    assert after["risk_reasons"] == ["acceptance_request_overdue"]


def test_example_achievements_list_has_ids_statuses_and_flags(loaded, examples):
    loaded("achievements", "import", str(examples / "achievements.csv"))
    records = loaded.json("achievements", "list", "--project", "SZIPS-2024-001")
    assert len(records) == 9
    assert {r["status"] for r in records} == {"claimed"}
    assert all(r["flags"] == [] for r in records)
    trend = [r for r in records if r["indicator"] == "ipstd_spend_ratio"]
    assert [(r["year"], r["value"]) for r in trend] == [(2024, 3.2), (2025, 3.8)]
    keys = {"id", "project_code", "indicator", "date", "title", "quantity", "level", "source_type",
            "year", "value", "reference", "status", "flags", "text_chars"}
    assert keys <= set(records[0])
