"""DOMAIN.md sections 3, 4, 5 and 7 through the CLI: states, approval, review, funds, audit."""

import pytest
from sqlalchemy import select, text

from tracker.catalogue import label
from tracker.models import AuditEvent
from tracker.vocab import ProjectState

USCC = "91320506301104144E"


def audit_events(tracker, key=None):
    engine = tracker.engine()
    with engine.connect() as c:
        stmt = select(AuditEvent).order_by(AuditEvent.id)
        if key:
            stmt = stmt.where(AuditEvent.entity_key == key)
        rows = c.execute(stmt).all()
    engine.dispose()
    return rows


@pytest.fixture
def applied(tracker, examples):
    tracker("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    return tracker


def test_application_moves_through_its_states_and_approval_creates_the_project(applied):
    t = applied
    t("applications", "transition", USCC, "district_recommended", "--on", "2024-11-19",
      "--actor", "吴中区知识产权局", "--reason", "材料齐全")
    t("applications", "transition", USCC, "under_expert_review", "--on", "2024-12-01")
    out = t("applications", "approve", USCC, "--project-code", "SZIPS-2024-101", "--grant", "60",
            "--start", "2025-01-01", "--end", "2026-12-31", "--title", "示范项目", "--on", "2024-12-20").stdout
    assert "SZIPS-2024-101" in out
    status = t.json("status", "--project", "SZIPS-2024-101", "--today", "2025-06-01")[0]
    assert (status["state"], status["grant_wan"], status["acceptance_request_deadline"]) == (
        "in_progress", "60.00", "2026-09-30")
    assert status["title"] == "示范项目"
    screen = {r["uscc"]: r for r in t.json("applications", "screen", "--programme", "SZIPS-2024")}
    assert screen[USCC]["state"] == "approved" and screen[USCC]["flags"] == []
    events = audit_events(t, f"SZIPS-2024/{USCC}")
    transitions = [e for e in events if e.action == "application.transition"]
    assert [(e.before["state"], e.after["state"]) for e in transitions] == [
        ("submitted", "district_recommended"), ("district_recommended", "under_expert_review"),
        ("under_expert_review", "approved")]
    assert (transitions[0].actor, transitions[0].reason, str(transitions[0].on_date)) == (
        "吴中区知识产权局", "材料齐全", "2024-11-19")


def test_a_refused_application_transition_names_current_and_allowed_states_and_exits_1(applied):
    before = applied.snapshot()
    result = applied("applications", "transition", USCC, "under_expert_review", "--on", "2024-11-19",
                     expect=1)
    assert "当前状态为 已提交，不能变更为 专家评审中；允许的下一状态：地区已推荐、地区未推荐" in result.stderr
    assert applied.snapshot() == before


def test_approving_an_application_not_under_expert_review_is_refused(applied):
    result = applied("applications", "approve", USCC, "--project-code", "P1", "--grant", "50",
                     "--start", "2025-01-01", "--end", "2026-12-31", expect=1)
    assert "当前状态为 已提交" in result.stderr
    assert applied.json("status") == []


def test_approval_with_a_window_over_two_years_needs_an_extension_reason(applied):
    t = applied
    t("applications", "transition", USCC, "district_recommended", "--on", "2024-11-19")
    t("applications", "transition", USCC, "under_expert_review", "--on", "2024-12-01")
    before = t.snapshot()
    result = t("applications", "approve", USCC, "--project-code", "P1", "--grant", "50",
               "--start", "2025-01-01", "--end", "2027-01-02", expect=2)
    assert "超过2年" in result.stderr and t.snapshot() == before
    t("applications", "approve", USCC, "--project-code", "P1", "--grant", "50", "--start", "2025-01-01",
      "--end", "2027-01-02", "--extension-reason", "经批准延期")
    assert "extended_window" in t.json("status", "--today", "2025-02-01")[0]["flags"]


def test_a_district_recommendation_after_the_third_day_is_accepted_but_flagged(applied):
    applied("applications", "transition", USCC, "district_recommended", "--on", "2024-11-20")
    applied("applications", "transition", "91320571231669536Q", "district_recommended", "--on", "2024-11-21")
    flags = {r["uscc"]: r["flags"] for r in applied.json("applications", "screen", "--programme", "SZIPS-2024")}
    assert flags[USCC] == []
    assert flags["91320571231669536Q"] == ["late_district_recommendation"]


@pytest.fixture
def projects(tracker, examples):
    tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    return tracker


def test_project_states_and_the_acceptance_request(projects):
    t = projects
    t("projects", "transition", "SZIPS-2024-002", "acceptance_requested", "--on", "2026-11-30",
      "--actor", "企业IP经理")
    status = t.json("status", "--project", "SZIPS-2024-002", "--today", "2026-12-05")[0]
    assert status["state"] == "acceptance_requested"
    assert status["acceptance_requested_on"] == "2026-11-30"
    assert "late_acceptance_request" not in status["flags"]  # Monday after the Saturday deadline
    assert "acceptance_request_overdue" not in status["risk_reasons"]
    t("projects", "transition", "SZIPS-2024-002", "acceptance_failed", "--on", "2027-03-15")
    failed = t.json("status", "--project", "SZIPS-2024-002", "--today", "2027-03-20")[0]
    assert failed["risk"] == "high" and "acceptance_failed" in failed["risk_reasons"]
    t("projects", "transition", "SZIPS-2024-002", "accepted", "--on", "2027-05-01",
      "--reason", "整改后通过")
    closed = t.json("status", "--project", "SZIPS-2024-002", "--today", "2027-06-01")[0]
    assert (closed["risk"], closed["risk_reasons"], closed["funds_at_risk_wan"]) == ("closed", [], "0.00")


def test_an_acceptance_request_after_the_effective_deadline_is_recorded_as_late(projects):
    projects("projects", "transition", "SZIPS-2024-002", "acceptance_requested", "--on", "2026-12-01")
    status = projects.json("status", "--project", "SZIPS-2024-002", "--today", "2026-12-05")[0]
    assert "late_acceptance_request" in status["flags"]


@pytest.mark.parametrize("path, target", [
    ([], "accepted"), ([], "funds_recalled"), (["terminated"], "in_progress"),
    (["acceptance_requested", "accepted"], "funds_recalled")])
def test_a_refused_project_transition_exits_1_naming_states(projects, path, target):
    for state in path:
        projects("projects", "transition", "SZIPS-2024-001", state, "--on", "2026-09-01")
    before = projects.snapshot()
    result = projects("projects", "transition", "SZIPS-2024-001", target, "--on", "2026-09-02", expect=1)
    assert f"当前状态为 {label(path[-1] if path else 'in_progress', of=ProjectState)}，" in result.stderr
    assert "in_progress" not in result.stderr
    assert projects.snapshot() == before


def test_an_unknown_project_is_an_input_error(projects):
    result = projects("projects", "transition", "NOPE", "terminated", "--on", "2026-01-01", expect=2)
    assert "NOPE" in result.stderr


def test_review_verifies_and_rejects_with_reviewer_date_and_reason(projects, examples):
    t = projects
    t("achievements", "import", str(examples / "achievements.csv"))
    ids = {r["reference"]: r["id"] for r in t.json("achievements", "list")}
    t("achievements", "review", str(ids["ZL202110123456.7"]), "--verify", "--by", "审核员甲", "--on", "2025-06-01")
    t("achievements", "review", str(ids["ZL202010654321.X"]), "--reject", "--by", "审核员甲",
      "--reason", "转让合同未备案", "--on", "2025-06-02")
    records = {r["id"]: r for r in t.json("achievements", "list")}
    assert records[ids["ZL202110123456.7"]]["status"] == "verified"
    rejected = records[ids["ZL202010654321.X"]]
    assert (rejected["status"], rejected["reviewed_by"], rejected["reviewed_on"], rejected["review_reason"]) == (
        "rejected", "审核员甲", "2025-06-02", "转让合同未备案")
    one = t.json("status", "--project", "SZIPS-2024-001", "--today", "2025-07-01")[0]
    up = next(i for tg in one["targets"] for i in tg["indicators"] if i["id"] == "university_patents")
    assert (up["claimed"], up["verified"]) == (1, 1)
    event = [e for e in audit_events(t, str(ids["ZL202010654321.X"])) if e.action == "achievement.reviewed"][0]
    assert (event.actor, event.before["status"], event.after["status"], event.reason) == (
        "审核员甲", "claimed", "rejected", "转让合同未备案")


def test_reviewing_a_record_that_does_not_exist_is_an_input_error(projects):
    result = projects("achievements", "review", "999", "--verify", "--by", "x", expect=2)
    assert "999" in result.stderr


def test_the_same_reference_claimed_by_two_projects_is_flagged_on_both_until_one_is_rejected(projects, tmp_path):
    from support.files import write_csv
    path = write_csv(tmp_path / "a.csv", [
        ["project_code", "indicator", "date", "title", "source_type", "reference"],
        ["SZIPS-2024-001", "university_patents", "2025-05-01", "受让专利", "university", "ZL202110123456.7"],
        ["SZIPS-2024-002", "university_patents", "2025-06-01", "受让专利", "university", "zl202110123456.7"]])
    projects("achievements", "import", str(path))
    status = {s["project_code"]: s for s in projects.json("status", "--today", "2025-07-01")}
    assert all("claimed_by_other_project" in s["flags"] for s in status.values())
    records = projects.json("achievements", "list")
    assert all(r["flags"] == ["claimed_by_other_project"] for r in records)
    projects("achievements", "review", str(records[1]["id"]), "--reject", "--by", "市局", "--reason", "重复申报")
    status = {s["project_code"]: s for s in projects.json("status", "--today", "2025-07-01")}
    assert all("claimed_by_other_project" not in s["flags"] for s in status.values())


def test_disbursements_never_exceed_the_grant_and_recalls_never_exceed_disbursements(projects):
    t = projects
    t("funds", "disburse", "SZIPS-2024-001", "30", "--on", "2025-01-15", "--by", "财务处")
    before = t.snapshot()
    result = t("funds", "disburse", "SZIPS-2024-001", "20.01", "--on", "2025-02-01", "--by", "财务处", expect=1)
    assert "50.00" in result.stderr and t.snapshot() == before
    t("funds", "disburse", "SZIPS-2024-001", "20", "--on", "2025-02-01", "--by", "财务处")
    result = t("funds", "recall", "SZIPS-2024-001", "50.01", "--on", "2027-03-01", "--by", "财务处",
               "--reason", "验收未通过", expect=1)
    assert "50.00" in result.stderr
    t("funds", "recall", "SZIPS-2024-001", "10", "--on", "2027-03-01", "--by", "财务处", "--reason", "部分收回")
    status = t.json("status", "--project", "SZIPS-2024-001", "--today", "2026-10-01")[0]
    assert (status["disbursed_wan"], status["recalled_wan"]) == ("50.00", "10.00")
    assert status["risk"] == "high" and status["funds_at_risk_wan"] == "40.00"
    moves = [e for e in audit_events(t, "SZIPS-2024-001") if e.action.startswith("funds.")]
    assert [(e.action, e.actor, e.after["disbursed_wan"]) for e in moves] == [
        ("funds.disbursement", "财务处", "30.00"), ("funds.disbursement", "财务处", "50.00"),
        ("funds.recall", "财务处", "50.00")]


@pytest.mark.parametrize("args, code", [
    (["funds", "disburse", "SZIPS-2024-001", "-5", "--on", "2025-01-01", "--by", "x"], 2),
    (["funds", "disburse", "SZIPS-2024-001", "1.234", "--on", "2025-01-01", "--by", "x"], 2),
    (["funds", "disburse", "SZIPS-2024-001", "abc", "--on", "2025-01-01", "--by", "x"], 2),
    (["funds", "disburse", "SZIPS-2024-001", "5", "--on", "2025-13-01", "--by", "x"], 2),
    (["funds", "recall", "SZIPS-2024-001", "5", "--on", "2025-01-01", "--by", "x", "--reason", " "], 2),
    (["funds", "disburse", "NOPE", "5", "--on", "2025-01-01", "--by", "x"], 2),
])
def test_bad_fund_input_is_refused_and_changes_nothing(projects, args, code):
    before = projects.snapshot()
    projects(*args, expect=code)
    assert projects.snapshot() == before


def test_the_audit_trail_is_append_only_in_the_database_itself(projects):
    engine = projects.engine()
    for statement in ("UPDATE audit_events SET actor = 'someone else'", "DELETE FROM audit_events"):
        with pytest.raises(Exception, match="append-only"):
            with engine.begin() as c:
                c.execute(text(statement))
    engine.dispose()
    assert {e.action for e in audit_events(projects)} >= {"programme.loaded", "project.created"}


def test_init_is_safe_to_run_twice_and_keeps_data(projects):
    before = projects.snapshot()
    projects("init")
    assert projects.snapshot() == before
    listed = projects.json("programmes")
    assert [(p["code"], p["projects"]) for p in listed] == [("SZIPS-2024", 2), ("SZIPS-2025", 0)]


def test_a_district_office_recommends_only_its_own_districts_applications(applied):
    from tracker.db import write_session
    from tracker.errors import Forbidden, NotFound
    from tracker.principal import Principal
    from tracker.services.applications import transition_application
    from tracker.services.programmes import choose_programme
    import datetime as dt
    wuzhong = Principal("wz", "district", district="吴中区")
    engine = applied.engine()
    on = dt.date(2024, 11, 19)
    with write_session(engine) as s:
        row, programme = choose_programme(s, "SZIPS-2024")
        transition_application(s, row, programme, USCC, "district_recommended", on=on, actor=wuzhong)
    with write_session(engine) as s:
        with pytest.raises(NotFound):  # 园区's applicant does not exist for 吴中区
            transition_application(s, row, programme, "91320571231669536Q", "district_recommended", on=on,
                                   actor=wuzhong)
    with write_session(engine) as s:
        with pytest.raises(Forbidden):  # expert review is the bureau's step
            transition_application(s, row, programme, USCC, "under_expert_review", on=on, actor=wuzhong)
    with write_session(engine) as s:
        with pytest.raises(Forbidden):
            transition_application(s, row, programme, USCC, "district_rejected", on=on,
                                   actor=Principal("a", "auditor"))
    engine.dispose()
    states = {r["uscc"]: r["state"] for r in applied.json("applications", "screen", "--programme", "SZIPS-2024")}
    assert states[USCC] == "district_recommended" and states["91320571231669536Q"] == "submitted"
