"""The demo portfolio holds a project at every closing stage, so the pages have each to show."""


def test_the_demo_has_projects_at_every_closing_stage(sqlite_tracker):
    t = sqlite_tracker
    out = t("demo", "--projects", "400", "--seed", "7", "--today", "2026-11-25").stdout  # 300 of them in 2024
    assert "结项阶段示例" in out
    status = {p["project_code"]: p for p in t.json("status", "--today", "2026-11-25")}
    states = {p["state"] for p in status.values()}
    assert {"acceptance_requested", "rectifying", "acceptance_failed", "funds_recalled"} <= states
    cases = t.json("recall", "list")
    assert {(c["state"], c["statement_on"] is not None) for c in cases} == {
        ("proposed", False), ("proposed", True), ("decided", False), ("waived", True)}
    amended = [c for c, p in status.items() if p["amendments"]]
    assert len(amended) == 1 and status[amended[0]]["original"]["end_date"] < status[amended[0]]["end_date"]
    inspections = [h for code in status for h in t.json("projects", "history", code) if h["kind"] == "inspection"]
    assert {(i["inspection_kind"], i["conclusion"], i["resolved_on"]) for i in inspections} == {
        ("midterm", "rectify", None), ("spot", "satisfactory", None)}
