"""`tracker demo`: a realistic, reproducible portfolio."""
from collections import Counter

from tracker.rules.uscc import is_valid_uscc


def test_demo_portfolio_is_varied_and_valid(sqlite_tracker):
    t = sqlite_tracker
    out = t("demo", "--projects", "300", "--seed", "11", "--today", "2026-11-25").stdout
    assert "300 个项目" in out
    status = t.json("status", "--today", "2026-11-25")
    assert len(status) == 300
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
    assert any(p["targets_achieved"] == 8 for p in status)
    starts = sorted(p["start_date"] for p in status)
    assert "2024-10-01" < starts[0] and starts[-1] < "2026-11-25"
    records = t.json("achievements", "list")
    assert {r["status"] for r in records} == {"claimed", "verified", "rejected"}
    flags = Counter(f for r in records for f in r["flags"])
    assert flags["outside_window"] > 0
    assert len(t.json("applications", "screen")) == 375


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
