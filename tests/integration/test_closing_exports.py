"""The bureau's portfolio tables of the closing stage from the command line: the acceptance
results (验收汇总表) and the recall cases, as XLSX with labels, never codes."""
from __future__ import annotations

from openpyxl import load_workbook

PANEL = "张教授、李研究员、王高工"


def sheet(path):
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]], rows


def test_acceptance_results_list_each_reviewed_project_by_its_latest_review_in_words(tracker, examples, tmp_path):
    t = tracker
    t("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    t("projects", "transition", "SZIPS-2024-001", "acceptance_requested", "--on", "2026-09-01")
    t("acceptance", "review", "SZIPS-2024-001", "--on", "2026-09-20", "--panel", PANEL, "--conclusion", "rectify",
      "--by", "市局", "--reason", "企业已提交补充材料")
    t("acceptance", "export", "--out", str(tmp_path / "a.xlsx"))
    rows, raw = sheet(tmp_path / "a.xlsx")
    assert len(rows) == 1  # SZIPS-2024-002 was never reviewed
    r = rows[0]
    assert (r["项目编号"], r["承担单位"], r["地区"], r["达成目标数"], r["目标总数"]) == (
        "SZIPS-2024-001", "苏州示例精密机械有限公司", "吴中区", 0, 8)
    assert (r["规则结论"], r["专家组结论"], r["标记"], r["项目状态"]) == (
        "不通过", "限期整改", "结论与规则结论不同", "限期整改")
    assert r["整改期限"].date().isoformat() == "2026-12-20" and r["理由"] == "企业已提交补充材料"
    assert not {"failed", "rectify", "rectifying", "conclusion_differs_from_rule"} & {v for row in raw for v in row}


def test_recall_cases_list_proposal_statement_decision_and_amounts(tracker, examples, tmp_path):
    t = tracker
    t("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    t("funds", "disburse", "SZIPS-2024-002", "40", "--on", "2025-04-01", "--by", "市局财务")
    t("projects", "transition", "SZIPS-2024-002", "terminated", "--on", "2026-01-05")
    t("recall", "propose", "SZIPS-2024-002", "--on", "2026-01-12", "--by", "市局", "--amount", "25",
      "--reason", "已完成部分内容")
    t("recall", "respond", "SZIPS-2024-002", "--on", "2026-01-30", "--statement", "请求减免")
    t("recall", "export", "--out", str(tmp_path / "r.xlsx"), "--lang", "en")
    rows, _ = sheet(tmp_path / "r.xlsx")
    assert len(rows) == 1
    r = rows[0]
    assert (r["Project"], r["Ground"], r["Case"], r["Project state"]) == (
        "SZIPS-2024-002", "Terminated", "Proposed", "Terminated")
    assert (r["Net disbursed (10k CNY)"], r["Rule's amount (10k CNY)"], r["Proposed (10k CNY)"]) == (40, 40, 25)
    assert r["Decided on"] is None and r["Statement on"].date().isoformat() == "2026-01-30"
    assert set(r["Flags"].split(", ")) == {"Amount differs from the rule", "Statement filed late"}
