"""A programme of another shape (five targets with other indicators, a three-year window, a
two-month lead, reminders at 45 and 15 days) monitored beside the 2024 one: importing,
screening, status, scan, alerts and notifications each follow the project's own programme."""
import re

import pytest
from sqlalchemy import select

from support.files import write_csv
from support.shapes import ENTERPRISE_1, FIVE, two_shapes
from tracker.models import Alert, Notification, Project

EIGHT_TARGET_IDS = {f"T{i}" for i in range(1, 9)}


@pytest.fixture
def shapes(tmp_path, monkeypatch):
    return two_shapes(tmp_path, monkeypatch)


def by_code(statuses):
    return {s["project_code"]: s for s in statuses}


def test_status_counts_targets_out_of_each_projects_own_programme(shapes):
    status = by_code(shapes.json("status", "--today", "2026-11-25"))
    five, eight = status["5T-001"], status["SZIPS-2024-001"]
    assert [t["id"] for t in five["targets"]] == ["P1", "P2", "P3", "P4", "P5"]
    assert [t["id"] for t in eight["targets"]] == [f"T{i}" for i in range(1, 9)]
    # every target met but the report (about 1,300 characters of the 2,000 required)
    assert [t["achieved"] for t in five["targets"]] == [True, True, True, True, False]
    assert (five["targets_achieved"], five["targets_total"], five["programme"]) == (4, 5, FIVE)
    assert eight["targets_total"] == 8 and eight["programme"] == "SZIPS-2024"
    trained = next(i for t in five["targets"] for i in t["indicators"] if i["id"] == "trained_staff")
    assert (trained["required"], trained["verified"]) == (12, 12)  # the contract raised it from 10
    # a three-year window is this programme's rule: no extension needed, no flag
    assert five["flags"] == [] and five["acceptance_request_deadline"] == "2026-12-28"
    assert [s["project_code"] for s in shapes.json("status", "--programme", FIVE)] == ["5T-001", "5T-002"]


def test_the_status_tables_never_show_eight_targets_for_the_five_target_programme(shapes):
    one = shapes("status", "--project", "5T-001", "--today", "2026-11-25").stdout
    assert "达成目标 4/5" in one and "/8" not in one
    assert not any(re.search(rf"\b{t}\b", one) for t in EIGHT_TARGET_IDS)
    assert {"P1", "P5"} <= set(re.findall(r"\bP\d\b", one))
    listing = shapes("status", "--today", "2026-11-25").stdout
    rows = {line.split()[0]: line for line in listing.splitlines() if line.strip()}
    assert "4/5" in rows["5T-001"] and "/8" not in rows["5T-001"] and "/8" in rows["SZIPS-2024-001"]
    summary = shapes("status", "--summary", "--programme", FIVE, "--today", "2026-11-25").stdout
    assert "绩效目标达成 4/10" in summary  # 4 of 5 and 0 of 5


def test_screening_and_approval_follow_the_chosen_programme(shapes):
    five = shapes.json("applications", "screen", "--programme", FIVE)
    eight = shapes.json("applications", "screen", "--programme", "SZIPS-2024")
    assert ENTERPRISE_1 in {r["uscc"] for r in five} and len(five) > 2
    # the same eligibility rules in both files: the same verdicts, reasons and ranks
    assert five == eight
    assert shapes.json("applications", "screen", "--programme", "SZIPS-2025") == []
    # the applicant applied to both programmes: without --programme the command cannot tell
    refused = shapes("applications", "transition", ENTERPRISE_1, "district_recommended", "--on", "2025-07-01",
                     expect=2)
    assert "SZIPS-2024、SZIPS-2025、TEST-5T" in refused.stderr
    for state, on in (("district_recommended", "2025-07-01"), ("under_expert_review", "2025-07-10")):
        shapes("applications", "transition", ENTERPRISE_1, state, "--on", on, "--programme", FIVE)
    # three years is within the five-target programme's window; the 2024 one would refuse it
    shapes("applications", "approve", ENTERPRISE_1, "--programme", FIVE, "--project-code", "5T-APP",
           "--grant", "30", "--start", "2025-09-01", "--end", "2028-08-31", "--on", "2025-08-01")
    created = by_code(shapes.json("status", "--today", "2026-11-25"))["5T-APP"]
    assert created["targets_total"] == 5 and created["acceptance_request_deadline"] == "2028-06-30"


def test_importing_keeps_to_the_programmes_own_indicators_and_window(shapes, tmp_path):
    wrong = write_csv(tmp_path / "wrong.csv", [["project_code", "indicator", "date", "title"],
                                               ["5T-002", "university_patents", "2025-06-01", "不属于本计划"]])
    result = shapes("achievements", "import", str(wrong), expect=2)
    assert "university_patents" in result.stderr
    long = write_csv(tmp_path / "long.csv", [
        ["项目编号", "统一社会信用代码", "企业名称", "项目名称", "所属地区", "产业集群", "资助金额（万元）", "实施开始日期",
         "实施结束日期", "延期说明"],
        ["X-3Y", ENTERPRISE_1, "苏州示例精密机械有限公司", "三年期", "吴中区", "高端装备", "10", "2025-01-01",
         "2027-12-31", ""]])
    assert "实施期超过2年" in shapes("projects", "import", "--programme", "SZIPS-2024", str(long), expect=2).stderr
    shapes("projects", "import", "--programme", FIVE, str(long))


def test_the_scan_reminds_at_the_programmes_own_thresholds_and_lead(shapes):
    days = ("2026-11-10", "2026-11-15", "2026-11-21", "2026-12-13", "2026-12-20", "2026-12-29")
    raised = {day: shapes.json("scan", "--today", day) for day in days}
    five = {(day, a["kind"], a["key"]) for day, alerts in raised.items() for a in alerts
            if a["project_code"] == "5T-001"}
    due = sorted((day, key) for day, kind, key in five if kind == "acceptance_request_due")
    # 48 days left on 11-10: nothing; 43 days: the 45-day reminder; 15 days: the 15-day one
    assert due == [("2026-11-15", "45"), ("2026-12-13", "15")]
    assert ("2026-12-29", "acceptance_request_overdue", None) in five
    eight_keys = {a["key"] for alerts in raised.values() for a in alerts
                  if a["project_code"] == "SZIPS-2024-002" and a["kind"] == "acceptance_request_due"}
    assert eight_keys and eight_keys <= {"60", "30", "7"}
    listed = [a for a in shapes.json("alerts") if a["project_code"] == "5T-001"]
    assert {a["due"] for a in listed if a["kind"].startswith("acceptance_request")} == {"2026-12-28"}


def test_notifications_speak_of_the_projects_own_programme(shapes, tmp_path):
    shapes("contacts", "import", str(write_csv(tmp_path / "c.csv", [
        ["类型", "所属", "名称", "邮箱", "机器人地址"], ["企业", ENTERPRISE_1, "IP经理", "ip@jm.example", ""],
        ["市局", "", "市局知识产权处", "ipc@amr.example", ""]])))
    shapes("scan", "--today", "2026-11-15")
    shapes("scan", "--today", "2027-03-01")
    engine = shapes.engine()
    with engine.connect() as c:
        bodies = {(code, kind): body for code, kind, body in c.execute(
            select(Project.code, Alert.kind, Notification.body).join(Alert, Notification.alert_id == Alert.id)
            .join(Project, Alert.project_id == Project.id))}
    engine.dispose()
    reminder = bodies[("5T-001", "acceptance_request_due")]
    assert "截止日前2个月" in reminder and "4/5" in reminder and "/8" not in reminder
    ended = bodies[("5T-001", "window_ended_unmet")]
    assert "4/5" in ended and "/8" not in ended
    assert "/8" in bodies[("SZIPS-2024-001", "window_ended_unmet")]


def test_the_demo_fills_a_five_target_programme_too(tmp_path, monkeypatch):
    from support.db import Tracker
    from support.shapes import FIVE_TARGET_FILE
    import shutil
    from tracker.paths import programmes_dir
    data = tmp_path / "data"
    shutil.copytree(programmes_dir(), data / "programmes")
    shutil.copy(FIVE_TARGET_FILE, data / "programmes" / FIVE_TARGET_FILE.name)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data))
    t = Tracker(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    t("init")
    t("demo", "--projects", "120", "--seed", "4", "--today", "2026-11-25")
    status = t.json("status", "--today", "2026-11-25")
    totals = {(p["programme"], p["targets_total"]) for p in status}
    assert totals == {("SZIPS-2024", 8), ("SZIPS-2025", 8), (FIVE, 5)}
    # two programmes of the same year: their projects' codes name the programme
    assert {p["project_code"].rsplit("-", 1)[0] for p in status} == {"DEMO-2024", "DEMO-SZIPS-2025", f"DEMO-{FIVE}"}
    five = [p for p in status if p["programme"] == FIVE]
    assert all({t["id"] for t in p["targets"]} == {"P1", "P2", "P3", "P4", "P5"} for p in five)
    assert any(i["verified"] > 0 for p in five for t in p["targets"] for i in t["indicators"])  # records made
