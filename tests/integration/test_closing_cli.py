"""The closing stage driven through the commands of INTERFACES.md section 1, on SQLite and
PostgreSQL: acceptance review and rectification, recall with due process, amendments,
inspections, and the old transitions recorded as reviews (DOMAIN.md sections 9-12)."""
from __future__ import annotations

import pytest

from support.files import write_csv
from tracker.paths import programmes_dir
from tracker.programme import load_programme_file

PROGRAMME = load_programme_file(programmes_dir() / "szips-2024.toml")
HEADER = ["project_code", "indicator", "date", "title", "quantity", "level", "source_type", "year",
          "value", "text", "reference", "evidence"]
PANEL = "张教授、李研究员、王高工"


def ledger_rows(code: str, targets: list[str], date: str, first_year: int) -> list[list[str]]:
    """Achievement rows that meet every indicator of `targets` (and nothing else)."""
    rows = []
    for target in PROGRAMME.targets:
        if target.id not in targets:
            continue
        for i in target.indicators:
            level = "national" if i.levels else ""
            source = i.source_types[0] if i.source_types else ""
            base = [code, i.id, date, i.name]
            if i.kind == "count":
                rows.append(base + [str(i.required), level, source, "", "", "", "", "材料"])
            elif i.kind == "flag":
                rows.append(base + ["", level, source, "", "", "", "", "材料"])
            elif i.kind == "text":
                rows.append(base + ["", "", "", "", "", "字" * i.required, "", "材料"])
            else:
                rows += [base + ["", "", "", str(first_year + k), str(10 + k), "", "", "材料"]
                         for k in range(i.required)]
    return rows


def targets(n: int) -> list[str]:
    return [t.id for t in PROGRAMME.targets][:n]


@pytest.fixture
def closing(tracker, tmp_path):
    """Two projects: P-RECT (2024-01-01..2025-12-31, grant 50) and P-FAIL (2024-09-01..2026-06-30,
    grant 100, 80 disbursed); P-RECT meets 6 targets, P-FAIL 3, all verified."""
    t = tracker
    t("projects", "import", "--programme", "SZIPS-2024", str(write_csv(tmp_path / "projects.csv", [
        ["project_code", "uscc", "name", "title", "district", "industry_cluster", "grant_wan", "start_date", "end_date"],
        ["P-RECT", "91320506301104144E", "苏州示例精密机械有限公司", "整改示例", "吴中区", "高端装备", "50", "2024-01-01", "2025-12-31"],
        ["P-FAIL", "91320571231669536Q", "苏州示例生物医药股份有限公司", "收回示例", "苏州工业园区", "生物医药及大健康", "100", "2024-09-01", "2026-06-30"],
    ])))
    t("achievements", "import", str(write_csv(tmp_path / "ledger.csv", [HEADER] + ledger_rows(
        "P-RECT", targets(6), "2025-03-01", 2024) + ledger_rows("P-FAIL", targets(3), "2025-03-01", 2024))),
      "--verified-by", "市局")
    t("funds", "disburse", "P-FAIL", "80", "--on", "2024-10-08", "--by", "市局财务")
    t.tmp = tmp_path
    return t


def status(t, code, today):
    return t.json("status", "--project", code, "--today", today)[0]


def fail_p_fail(t):
    t("projects", "transition", "P-FAIL", "acceptance_requested", "--on", "2026-03-01")
    return t.json("acceptance", "review", "P-FAIL", "--on", "2026-09-01", "--panel", PANEL,
                  "--conclusion", "failed", "--by", "市局")


def test_a_review_meeting_six_of_eight_targets_sets_rectification_and_the_re_review_counts_records_up_to_its_deadline(closing):
    t = closing
    t("projects", "transition", "P-RECT", "acceptance_requested", "--on", "2025-09-15")
    review = t.json("acceptance", "review", "P-RECT", "--on", "2026-01-20", "--panel", PANEL,
                    "--conclusion", "rectify", "--by", "市局")
    assert review == {
        "project_code": "P-RECT", "reviewed_on": "2026-01-20", "panel": ["张教授", "李研究员", "王高工"],
        "findings": {"T1": "met", "T2": "met", "T3": "met", "T4": "met", "T5": "met", "T6": "met",
                     "T7": "unmet", "T8": "unmet"},
        "targets_met": 6, "rule_conclusion": "rectify", "conclusion": "rectify",
        "rectification_deadline": "2026-04-20", "rectification_effective_deadline": "2026-04-20",
        "flags": [], "by": "市局", "reason": None, "re_review": False}
    s = status(t, "P-RECT", "2026-02-01")
    assert (s["state"], s["risk"], s["risk_reasons"], s["acceptance"]["conclusion"]) == (
        "rectifying", "medium", ["in_rectification"], "rectify")
    assert (s["recall"], s["amendments"], "original" in s) == (None, 0, False)
    # T7 in the rectification period, T8 one day after its deadline
    t("achievements", "import", str(write_csv(t.tmp / "late.csv", [HEADER] + ledger_rows(
        "P-RECT", ["T7"], "2026-04-20", 2025) + ledger_rows("P-RECT", ["T8"], "2026-04-21", 2025))),
      "--verified-by", "市局")
    flags = {(a["indicator"], a["date"]): a["flags"] for a in t.json("achievements", "list", "--project", "P-RECT")}
    assert flags[("media_publicity", "2026-04-20")] == ["in_rectification"]
    assert flags[("work_summary", "2026-04-21")] == ["outside_window"]
    assert status(t, "P-RECT", "2026-04-21")["risk_reasons"] == ["rectification_overdue"]
    refused = t("acceptance", "review", "P-RECT", "--on", "2026-04-25", "--panel", PANEL,
                "--conclusion", "rectify", "--by", "市局", "--reason", "再整改", expect=2)
    assert "passed / failed" in refused.stderr
    unreasoned = t("acceptance", "review", "P-RECT", "--on", "2026-04-25", "--panel", PANEL,
                   "--conclusion", "passed", "--by", "市局", expect=2)
    assert "--reason" in unreasoned.stderr
    re_review = t.json("acceptance", "review", "P-RECT", "--on", "2026-04-25", "--panel", PANEL,
                       "--conclusion", "failed", "--by", "市局")
    assert (re_review["targets_met"], re_review["rule_conclusion"], re_review["flags"]) == (7, "failed", [])
    assert re_review["findings"]["T7"] == "met" and re_review["findings"]["T8"] == "unmet"
    after = status(t, "P-RECT", "2026-05-01")
    assert (after["state"], after["risk_reasons"], after["acceptance"]["reviewed_on"]) == (
        "acceptance_failed", ["window_ended_unmet", "acceptance_failed"], "2026-04-25")
    assert after["targets_achieved"] == 7  # the widened window stays after the re-review
    history = t.json("projects", "history", "P-RECT")
    assert [(h["on"], h["kind"], h["conclusion"]) for h in history] == [
        ("2026-01-20", "acceptance_review", "rectify"), ("2026-04-25", "acceptance_review", "failed")]


def test_rectification_reminders_and_the_overdue_alert_are_raised_once_each(closing):
    t = closing
    t("projects", "transition", "P-RECT", "acceptance_requested", "--on", "2025-09-15")
    t("acceptance", "review", "P-RECT", "--on", "2026-01-20", "--panel", PANEL, "--conclusion", "rectify", "--by", "市局")
    raised = []
    for day in ("2026-03-21", "2026-03-22", "2026-04-13", "2026-04-20", "2026-04-21", "2026-04-22"):
        raised += [(a["kind"], a["key"], a["raised_on"], a["due"]) for a in t.json("scan", "--today", day)
                   if a["project_code"] == "P-RECT"]
    assert raised == [("rectification_due", "30", "2026-03-21", "2026-04-20"),
                      ("rectification_due", "7", "2026-04-13", "2026-04-20"),
                      ("rectification_overdue", None, "2026-04-21", "2026-04-20")]


def test_an_override_of_a_finding_and_of_the_conclusion_are_flagged_with_their_reason(closing):
    t = closing
    t("projects", "transition", "P-RECT", "acceptance_requested", "--on", "2025-09-15")
    review = t.json("acceptance", "review", "P-RECT", "--on", "2026-01-20", "--panel", PANEL, "--conclusion", "passed",
                    "--finding", "T7=met", "--finding", "T8=met", "--reason", "专家组现场核实", "--by", "市局")
    assert (review["targets_met"], review["rule_conclusion"], review["flags"]) == (8, "passed", ["finding_overridden"])
    assert status(t, "P-RECT", "2026-02-01")["state"] == "accepted"


def test_the_recall_of_the_domain_example_proposes_50_and_is_decided_only_after_the_effective_response_deadline(closing):
    t = closing
    review = fail_p_fail(t)
    assert (review["targets_met"], review["rule_conclusion"]) == (3, "failed")
    case = t.json("recall", "propose", "P-FAIL", "--on", "2026-09-21", "--by", "市局")
    assert {k: case[k] for k in ("project_code", "state", "proposed_on", "rule_amount_wan", "proposed_amount_wan",
                                 "response_deadline", "response_effective_deadline", "statement_on",
                                 "decided_on", "decided_amount_wan", "flags")} == {
        "project_code": "P-FAIL", "state": "proposed", "proposed_on": "2026-09-21", "rule_amount_wan": "50.00",
        "proposed_amount_wan": "50.00", "response_deadline": "2026-10-01",
        "response_effective_deadline": "2026-10-08", "statement_on": None, "decided_on": None,
        "decided_amount_wan": None, "flags": []}
    open_case = status(t, "P-FAIL", "2026-09-22")
    assert (open_case["funds_at_risk_wan"], open_case["recall"]["state"]) == ("50.00", "proposed")
    assert [(a["kind"], a["key"]) for a in t.json("scan", "--today", "2026-09-21") if a["project_code"] == "P-FAIL"
            and a["kind"].startswith("recall")] == [("recall_response_due", "2026-09-21")]
    before = t.snapshot()
    refused = t("recall", "decide", "P-FAIL", "--on", "2026-10-08", "--amount", "50", "--by", "市局", expect=1)
    assert "2026-10-08" in refused.stderr and t.snapshot() == before
    assert [(a["kind"], a["due"]) for a in t.json("scan", "--today", "2026-10-09")
            if a["project_code"] == "P-FAIL"] == [("recall_decision_due", "2026-10-01")]
    decided = t.json("recall", "decide", "P-FAIL", "--on", "2026-10-09", "--amount", "50", "--by", "市局")
    assert (decided["state"], decided["decided_on"], decided["decided_amount_wan"]) == ("decided", "2026-10-09", "50.00")
    s = status(t, "P-FAIL", "2026-10-10")
    assert (s["state"], s["risk"], s["disbursed_wan"], s["recalled_wan"], s["funds_at_risk_wan"]) == (
        "funds_recalled", "closed", "80.00", "50.00", "0.00")
    assert [c["state"] for c in t.json("recall", "list")] == ["decided"]
    assert [h["kind"] for h in t.json("projects", "history", "P-FAIL")] == [
        "acceptance_review", "recall_proposed", "recall_decided"]


def test_a_statement_allows_an_earlier_decision_a_second_is_refused_and_a_different_amount_needs_a_reason(closing):
    t = closing
    fail_p_fail(t)
    t("recall", "propose", "P-FAIL", "--on", "2026-09-21", "--by", "市局")
    t("recall", "respond", "P-FAIL", "--on", "2026-09-25", "--statement", "已完成部分目标，请酌情考虑", "--actor", "企业")
    again = t("recall", "respond", "P-FAIL", "--on", "2026-09-26", "--statement", "补充", expect=1)
    assert "2026-09-25" in again.stderr
    assert "--reason" in t("recall", "decide", "P-FAIL", "--on", "2026-09-28", "--amount", "40", "--by", "市局",
                           expect=2).stderr
    decided = t.json("recall", "decide", "P-FAIL", "--on", "2026-09-28", "--amount", "40", "--by", "市局",
                     "--reason", "考虑陈述申辩")
    assert (decided["statement_on"], decided["decided_amount_wan"], decided["flags"]) == ("2026-09-25", "40.00", [])
    assert status(t, "P-FAIL", "2026-10-01")["recalled_wan"] == "40.00"


def test_a_statement_after_the_effective_deadline_is_kept_and_flagged_late(closing):
    t = closing
    fail_p_fail(t)
    t("recall", "propose", "P-FAIL", "--on", "2026-09-21", "--by", "市局")
    t("recall", "respond", "P-FAIL", "--on", "2026-10-09", "--statement", "迟到的申辩")
    case = t.json("recall", "list")[0]
    assert (case["statement_on"], case["flags"]) == ("2026-10-09", ["late_statement"])


def test_a_decision_of_zero_waives_and_leaves_the_state_and_the_usual_funds_at_risk(closing):
    t = closing
    fail_p_fail(t)
    t("recall", "propose", "P-FAIL", "--on", "2026-09-21", "--by", "市局", "--amount", "30", "--reason", "部分目标接近完成")
    assert t.json("recall", "list")[0]["flags"] == ["amount_differs_from_rule"]
    waived = t.json("recall", "decide", "P-FAIL", "--on", "2026-10-09", "--amount", "0", "--by", "市局",
                    "--reason", "企业已整改到位")
    assert (waived["state"], waived["decided_amount_wan"]) == ("waived", "0.00")
    s = status(t, "P-FAIL", "2026-10-10")
    assert (s["state"], s["recalled_wan"], s["risk"], s["funds_at_risk_wan"]) == ("acceptance_failed", "0.00", "high", "80.00")
    # a new case may be opened once the first is closed
    assert t.json("recall", "propose", "P-FAIL", "--on", "2026-11-02", "--by", "市局")["state"] == "proposed"


def test_proposals_are_refused_for_projects_without_a_ground_and_a_second_open_case_is_refused(closing):
    t = closing
    before = t.snapshot()
    refused = t("recall", "propose", "P-FAIL", "--on", "2026-06-28", "--by", "市局", expect=1)
    assert "in_progress" in refused.stderr and "90" in refused.stderr and t.snapshot() == before
    # P-FAIL's request deadline is 2026-03-30 (a Monday): overdue by more than 90 days from 2026-06-29
    case = t.json("recall", "propose", "P-FAIL", "--on", "2026-06-29", "--by", "市局")
    assert (case["rule_amount_wan"], case["proposed_amount_wan"]) == ("80.00", "80.00")
    assert "已有" in t("recall", "propose", "P-FAIL", "--on", "2026-06-30", "--by", "市局", expect=1).stderr
    # P-RECT, never paid, is overdue too: nothing to recall, so no amount above 0 may be proposed
    assert "0 至净拨付额 0.00 万元之间" in t("recall", "propose", "P-RECT", "--on", "2026-06-30", "--by", "市局",
                                        "--amount", "1", "--reason", "x", expect=2).stderr


def test_funds_recalled_is_reached_only_through_a_decision_and_funds_recall_changes_no_state(closing):
    t = closing
    t("projects", "transition", "P-FAIL", "terminated", "--on", "2026-01-10")
    refused = t("projects", "transition", "P-FAIL", "funds_recalled", "--on", "2026-01-11", expect=1)
    assert "已终止" in refused.stderr and "recall decide" in refused.stderr
    t("funds", "recall", "P-FAIL", "10", "--on", "2026-01-12", "--by", "市局", "--reason", "先行收回")
    assert status(t, "P-FAIL", "2026-01-13")["state"] == "terminated"
    case = t.json("recall", "propose", "P-FAIL", "--on", "2026-01-20", "--by", "市局")
    assert (case["rule_amount_wan"], case["response_effective_deadline"]) == ("70.00", "2026-01-30")
    t("recall", "decide", "P-FAIL", "--on", "2026-02-02", "--amount", "70", "--by", "市局")
    s = status(t, "P-FAIL", "2026-02-03")
    assert (s["state"], s["recalled_wan"]) == ("funds_recalled", "80.00")


def test_the_old_transitions_are_recorded_as_reviews_without_a_panel(closing):
    t = closing
    t("projects", "transition", "P-RECT", "acceptance_requested", "--on", "2025-09-15")
    t("projects", "transition", "P-RECT", "acceptance_failed", "--on", "2026-01-20")
    t("projects", "transition", "P-RECT", "accepted", "--on", "2026-03-01", "--reason", "整改后通过")
    history = t.json("projects", "history", "P-RECT")
    assert [(h["on"], h["panel"], h["conclusion"], h["rule_conclusion"], h["flags"], h["reason"]) for h in history] == [
        ("2026-01-20", [], "failed", "rectify", ["no_panel_record"], None),
        ("2026-03-01", [], "passed", "failed", ["no_panel_record"], "整改后通过")]
    assert status(t, "P-RECT", "2026-03-02")["state"] == "accepted"


def test_an_extension_recomputes_the_deadline_and_raises_its_reminders_afresh_keeping_the_old_ones(tracker, examples):
    t = tracker
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    t("funds", "disburse", "SZIPS-2024-001", "30", "--on", "2025-02-01", "--by", "市局财务")
    t("scan", "--today", "2026-08-20")  # the 60-day reminder of 2026-09-30
    t("projects", "amend", "SZIPS-2024-001", "--on", "2026-08-25", "--by", "市局", "--reason", "设备进口延误",
      "--end", "2027-06-30", "--grant", "60", "--require", "university_patents=6")
    s = status(t, "SZIPS-2024-001", "2026-08-26")
    assert (s["end_date"], s["acceptance_request_deadline"], s["grant_wan"], s["amendments"]) == (
        "2027-06-30", "2027-03-30", "60.00", 1)
    assert "extended_window" in s["flags"] and "amended_after_deadline" not in s["flags"]
    assert s["original"]["end_date"] == "2026-12-31" and s["original"]["grant_wan"] == "50.00"
    assert s["original"]["required"]["university_patents"] == 5
    required = {i["id"]: i["required"] for target in s["targets"] for i in target["indicators"]}
    assert required["university_patents"] == 6
    t("scan", "--today", "2027-02-01")
    reminders = [(a["key"], a["due"]) for a in t.json("alerts")
                 if a["project_code"] == "SZIPS-2024-001" and a["kind"] == "acceptance_request_due"]
    assert reminders == [("60", "2026-09-30"), ("60", "2027-03-30")]
    history = t.json("projects", "history", "SZIPS-2024-001")
    assert history == [{"on": "2026-08-25", "kind": "amendment", "by": "市局", "reason": "设备进口延误", "flags": [],
                        "id": history[0]["id"],
                        "changes": {"end_date": ["2026-12-31", "2027-06-30"], "grant_wan": ["50.00", "60.00"],
                                    "required": {"university_patents": [5, 6]}}}]


def test_amendments_that_break_a_rule_change_nothing_and_late_ones_are_flagged(tracker, examples):
    t = tracker
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    t("funds", "disburse", "SZIPS-2024-001", "30", "--on", "2025-02-01", "--by", "市局财务")
    before = t.snapshot()
    for args, words in ((["--grant", "29.99"], "30.00"), (["--require", "university_patents=4"], "5"),
                        (["--end", "2026-12-01"], "2026-12-31")):
        result = t("projects", "amend", "SZIPS-2024-001", "--on", "2026-05-01", "--by", "市局", "--reason", "x",
                   *args, expect=2)
        assert words in result.stderr
    assert t.snapshot() == before
    t("projects", "amend", "SZIPS-2024-001", "--on", "2026-10-08", "--by", "市局", "--reason", "追加资助", "--grant", "55")
    assert "amended_after_deadline" in status(t, "SZIPS-2024-001", "2026-10-09")["flags"]
    assert t.json("projects", "history", "SZIPS-2024-001")[0]["flags"] == ["amended_after_deadline"]
    t("projects", "transition", "SZIPS-2024-001", "acceptance_requested", "--on", "2026-10-09")
    refused = t("projects", "amend", "SZIPS-2024-001", "--on", "2026-10-10", "--by", "市局", "--reason", "x",
                "--grant", "56", expect=1)
    assert "acceptance_requested" in refused.stderr and "in_progress" in refused.stderr


def test_an_inspection_demanding_rectification_raises_its_reminder_and_overdue_alert_until_resolved(tracker, examples):
    t = tracker
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    first = t.json("inspections", "record", "SZIPS-2024-002", "--on", "2026-03-02", "--kind", "midterm",
                   "--panel", "甲;乙;丙", "--conclusion", "rectify", "--due", "2026-05-02", "--by", "市局",
                   "--findings", "台账不全")
    second = t.json("inspections", "record", "SZIPS-2024-001", "--on", "2026-03-02", "--kind", "spot",
                    "--panel", "甲,乙,丙", "--conclusion", "rectify", "--due", "2026-05-02", "--by", "市局",
                    "--findings", "佐证缺失")
    assert {k: first[k] for k in ("project_code", "inspection_kind", "panel", "conclusion", "due", "findings")} == {
        "project_code": "SZIPS-2024-002", "inspection_kind": "midterm", "panel": ["甲", "乙", "丙"],
        "conclusion": "rectify", "due": "2026-05-02", "findings": "台账不全"}
    def raised(day):
        return sorted((a["project_code"], a["kind"], a["key"]) for a in t.json("scan", "--today", day)
                      if a["kind"].startswith("inspection"))
    assert raised("2026-04-24") == []
    assert raised("2026-04-25") == [("SZIPS-2024-001", "inspection_rectification_due", str(second["id"])),
                                    ("SZIPS-2024-002", "inspection_rectification_due", str(first["id"]))]
    t("inspections", "resolve", str(first["id"]), "--on", "2026-04-30", "--by", "市局")
    assert raised("2026-05-06") == []  # the May Day holiday: effective due date 2026-05-06
    assert raised("2026-05-07") == [("SZIPS-2024-001", "inspection_rectification_overdue", str(second["id"]))]
    assert "已于 2026-04-30" in t("inspections", "resolve", str(first["id"]), "--on", "2026-05-08", "--by", "市局",
                                 expect=1).stderr
    history = t.json("projects", "history", "SZIPS-2024-002")
    assert [h["kind"] for h in history] == ["inspection", "inspection_resolved"]
    assert history[0] == {**first, "resolved_on": "2026-04-30", "resolved_by": "市局"}  # one shape for both
    assert (first["on"], first["by"], first["flags"]) == ("2026-03-02", "市局", [])
    assert "检查组至少 3 人" in t("inspections", "record", "SZIPS-2024-002", "--on", "2026-03-02", "--kind", "spot",
                                "--panel", "甲;乙", "--conclusion", "satisfactory", "--by", "市局",
                                "--findings", "良好", expect=2).stderr


def snapshot_row(t, code):
    from sqlalchemy import text
    engine = t.engine()
    with engine.connect() as c:
        row = c.execute(text("SELECT s.state, s.risk, s.funds_at_risk_wan FROM project_snapshots s "
                             "JOIN projects p ON p.id = s.project_id WHERE p.code = :code"), {"code": code}).one()
    engine.dispose()
    return row


def test_each_closing_write_refreshes_its_project_s_snapshot_in_the_same_transaction(closing):
    t = closing
    t("snapshots", "rebuild", "--today", "2026-09-22")
    fail_p_fail(t)
    assert snapshot_row(t, "P-FAIL")[:2] == ("acceptance_failed", "high")
    t("recall", "propose", "P-FAIL", "--on", "2026-09-21", "--by", "市局")
    state, risk, at_risk = snapshot_row(t, "P-FAIL")
    # the open case puts its proposal at risk (SQLite keeps money as hundredths in an integer)
    assert (state, risk) == ("acceptance_failed", "high") and str(at_risk) in ("50.00", "5000")
    t("recall", "decide", "P-FAIL", "--on", "2026-10-09", "--amount", "50", "--by", "市局")
    assert snapshot_row(t, "P-FAIL")[:2] == ("funds_recalled", "closed")
