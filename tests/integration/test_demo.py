"""`tracker demo`: a realistic, reproducible portfolio."""
from collections import Counter

from tracker.rules.uscc import is_valid_uscc


def test_demo_portfolio_is_varied_and_valid(sqlite_tracker):
    t = sqlite_tracker
    out = t("demo", "--projects", "400", "--seed", "11", "--today", "2026-11-25").stdout
    assert "400 个项目" in out
    status = t.json("status", "--today", "2026-11-25")
    assert len(status) == 400
    assert all(is_valid_uscc(p["uscc"]) for p in status)
    assert len({p["district"] for p in status}) == 10
    assert {p["industry_cluster"] for p in status} >= {"新一代信息技术", "高端装备", "生物医药及大健康",
                                                       "新兴数字产业", "新材料"}
    risks = Counter(p["risk"] for p in status)
    assert all(risks[level] > 0 for level in ("low", "medium", "high", "closed")), risks
    states = Counter(p["state"] for p in status)
    assert {"in_progress", "acceptance_requested", "accepted"} <= set(states), states
    reasons = Counter(r for p in status for r in p["risk_reasons"])
    assert reasons["acceptance_request_overdue"] > 0 and reasons["behind_schedule"] > 0
    assert any(p["targets_achieved"] == p["targets_total"] == 8 for p in status)
    starts = sorted(p["start_date"] for p in status)
    assert "2024-10-01" < starts[0] and starts[-1] < "2026-11-25"
    records = t.json("achievements", "list")
    assert {r["status"] for r in records} == {"claimed", "verified", "rejected"}
    flags = Counter(f for r in records for f in r["flags"])
    assert flags["outside_window"] > 0
    screened = {code: t.json("applications", "screen", "--programme", code) for code in ("SZIPS-2024", "SZIPS-2025")}
    applied = Counter(p["programme"] for p in status)
    # each cohort: its funded applicants and a quarter as many turned down or still in review
    assert all(len(screened[code]) == applied[code] + applied[code] // 4 for code in screened)


def test_the_demo_runs_both_bundled_programmes_side_by_side(sqlite_tracker):
    t = sqlite_tracker
    t("demo", "--projects", "80", "--seed", "3", "--today", "2026-11-25")
    status = t.json("status", "--today", "2026-11-25")
    by_programme = Counter(p["programme"] for p in status)
    assert by_programme == {"SZIPS-2024": 60, "SZIPS-2025": 20}
    assert {p["project_code"][:10] for p in status} == {"DEMO-2024-", "DEMO-2025-"}
    later = [p for p in status if p["programme"] == "SZIPS-2025"]
    assert min(p["start_date"] for p in later) > "2025-10-01"  # the 2025 cohort started a year later
    # the demo enterprise account (the first project's enterprise) has a project in each programme
    first = min(status, key=lambda p: p["project_code"])
    assert {p["programme"] for p in status if p["uscc"] == first["uscc"]} == {"SZIPS-2024", "SZIPS-2025"}
    alone = t.json("status", "--today", "2026-11-25", "--programme", "SZIPS-2025")
    assert [p["project_code"] for p in alone] == [p["project_code"] for p in later]


def test_demo_is_reproducible_with_its_seed_and_refuses_to_run_twice(sqlite_tracker, tmp_path):
    from support.db import Tracker
    t1, t2 = sqlite_tracker, Tracker(f"sqlite:///{tmp_path / 'second.sqlite3'}")
    t2("init")
    for t in (t1, t2):
        t("demo", "--projects", "40", "--seed", "5", "--today", "2026-06-01")
    assert t1.json("status", "--today", "2026-06-01") == t2.json("status", "--today", "2026-06-01")
    before = t1.snapshot()
    result = t1("demo", "--projects", "40", expect=2)
    assert "演示数据" in result.stderr and t1.snapshot() == before
    assert "跳过" in t1("demo", "--if-empty").stdout


def test_the_demo_runs_the_days_scan_so_alerts_exist_at_once(sqlite_tracker):
    t = sqlite_tracker
    t("init")
    out = t("demo", "--projects", "60", "--seed", "3", "--today", "2026-11-25").stdout
    assert "扫描完成" in out
    scans = t.json("scans")
    assert [(s["day"], s["state"]) for s in scans] == [("2026-11-25", "finished")]
    alerts = t.json("alerts")
    assert alerts and scans[0]["alerts_raised"] == len(alerts)


def test_the_demo_is_credible_eligible_projects_verified_records_that_count_and_work_left(sqlite_tracker):
    t = sqlite_tracker
    t("init")
    t("demo", "--projects", "150", "--seed", "21", "--today", "2026-11-25")
    status = t.json("status", "--today", "2026-11-25")
    for code in ("SZIPS-2024", "SZIPS-2025"):
        funded = {p["uscc"] for p in status if p["programme"] == code}
        verdicts = {a["uscc"]: a["verdict"] for a in t.json("applications", "screen", "--programme", code)}
        assert funded and {verdicts[u] for u in funded} <= {"eligible", "needs_review"}
    records = t.json("achievements", "list")
    verified = [r for r in records if r["status"] == "verified"]
    assert verified and not [r for r in verified if {"not_qualifying", "outside_window"} & set(r["flags"])]
    rejected = [r for r in records if r["status"] == "rejected"]
    assert rejected and all(r["review_reason"] for r in rejected)
    assert any(r["status"] == "claimed" for r in records)
    # claimed on the demo's day or before it, whatever the clock says, and not all on one day
    assert max(r["claimed_on"] for r in records) <= "2026-11-25"
    assert len({r["claimed_on"] for r in records if r["status"] == "claimed"}) > 1
