"""Issue 13 through the command line: the right record is flagged, one shared item raises one
alert whatever its spelling, closed projects raise no window alert, impossible windows are
refused, fixed holidays of unknown years, and the review message."""
import pytest

from support.files import changed, write_csv

USCC = "91320506301104144E"
HEADER = ["project_code", "indicator", "date", "title", "reference"]


@pytest.fixture
def projects(tracker, examples):
    tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    return tracker


def claim(tracker, tmp_path, rows, verified_by=None):
    path = write_csv(tmp_path / f"a{len(list(tmp_path.iterdir()))}.csv", [HEADER, *rows])
    tracker("achievements", "import", str(path), *(["--verified-by", "市局"] if verified_by else []))


def ledger(tracker, code="SZIPS-2024-001"):
    return {(r["date"], r["reference"]): (r["status"], r["flags"])
            for r in tracker.json("achievements", "list", "--project", code)}


def review(tracker, code, date, decision):
    record = next(r for r in tracker.json("achievements", "list", "--project", code) if r["date"] == date)
    reason = ["--reason", "佐证不符"] if decision == "reject" else []  # a rejection must say why
    return tracker("achievements", "review", str(record["id"]), f"--{decision}", "--by", "市局", *reason)


def certified_staff(tracker, code="SZIPS-2024-001"):
    status = tracker.json("status", "--project", code, "--today", "2025-08-01")[0]
    found = [i for t in status["targets"] for i in t["indicators"] if i["id"] == "certified_staff"]
    return found[0]["claimed"], found[0]["verified"]


def test_a_reference_rejected_then_claimed_again_and_verified_counts_once_unflagged(projects, tmp_path):
    claim(projects, tmp_path, [["SZIPS-2024-001", "certified_staff", "2025-03-01", "证书", "CERT-77"]])
    review(projects, "SZIPS-2024-001", "2025-03-01", "reject")
    claim(projects, tmp_path, [["SZIPS-2024-001", "certified_staff", "2025-04-01", "证书", "cert-77"]])
    review(projects, "SZIPS-2024-001", "2025-04-01", "verify")
    assert ledger(projects) == {("2025-03-01", "CERT-77"): ("rejected", []),
                                ("2025-04-01", "cert-77"): ("verified", [])}
    assert certified_staff(projects) == (1, 1)


def test_a_first_record_outside_the_window_is_the_one_flagged_not_the_counted_one(projects, tmp_path):
    claim(projects, tmp_path, [["SZIPS-2024-001", "certified_staff", "2024-12-01", "证书", "CERT-5"],
                               ["SZIPS-2024-001", "certified_staff", "2025-04-01", "证书", "CERT-5"]],
          verified_by="市局")
    assert ledger(projects) == {("2024-12-01", "CERT-5"): ("verified", ["outside_window", "duplicate_in_project"]),
                                ("2025-04-01", "CERT-5"): ("verified", [])}
    assert certified_staff(projects) == (1, 1)


def test_the_duplicate_flag_moves_when_a_review_changes_which_record_counts(projects, tmp_path):
    claim(projects, tmp_path, [["SZIPS-2024-001", "certified_staff", "2025-03-01", "证书", "CERT-8"]])
    claim(projects, tmp_path, [["SZIPS-2024-001", "certified_staff", "2025-04-01", "证书", "ＣＥＲＴ－８"]],
          verified_by="市局")
    assert ledger(projects)[("2025-04-01", "ＣＥＲＴ－８")] == ("verified", ["duplicate_in_project"])
    review(projects, "SZIPS-2024-001", "2025-03-01", "reject")
    assert ledger(projects) == {("2025-03-01", "CERT-8"): ("rejected", []),
                                ("2025-04-01", "ＣＥＲＴ－８"): ("verified", [])}
    assert certified_staff(projects) == (1, 1)


def test_one_item_shared_by_two_projects_raises_one_alert_each_whatever_the_spelling(projects, tmp_path):
    claim(projects, tmp_path, [["SZIPS-2024-001", "certified_staff", "2025-05-01", "证书", "CERT-77"],
                               ["SZIPS-2024-002", "certified_staff", "2025-05-01", "证书", "CERT-77"]])
    first = projects.json("scan", "--today", "2025-07-01")
    assert [(a["project_code"], a["key"]) for a in first if a["kind"] == "claimed_by_other_project"] == [
        ("SZIPS-2024-001", "CERT-77"), ("SZIPS-2024-002", "CERT-77")]
    # K1 files a new spelling dated earlier: the same item, nothing new to raise
    claim(projects, tmp_path, [["SZIPS-2024-001", "certified_staff", "2025-04-01", "证书", "cert-77"],
                               ["SZIPS-2024-002", "certified_staff", "2025-04-02", "证书", "ｃｅｒｔ－７７"]])
    assert projects.json("scan", "--today", "2025-07-02") == []
    assert sorted((a["project_code"], a["key"]) for a in projects.json("alerts")
                  if a["kind"] == "claimed_by_other_project") == [
        ("SZIPS-2024-001", "CERT-77"), ("SZIPS-2024-002", "CERT-77")]


def test_an_alert_key_is_the_folded_reference(projects, tmp_path):
    claim(projects, tmp_path, [["SZIPS-2024-001", "certified_staff", "2025-05-01", "证书", "ｃｅｒｔ 9"],
                               ["SZIPS-2024-002", "certified_staff", "2025-05-01", "证书", "Cert9"]])
    keys = {a["key"] for a in projects.json("scan", "--today", "2025-07-01")
            if a["kind"] == "claimed_by_other_project"}
    assert keys == {"CERT9"}


@pytest.mark.parametrize("recalled", [False, True])
def test_a_closed_project_raises_no_window_ended_alert(projects, recalled):
    projects("funds", "disburse", "SZIPS-2024-001", "10", "--on", "2025-02-01", "--by", "财务")
    projects("projects", "transition", "SZIPS-2024-001", "terminated", "--on", "2026-06-01")
    if recalled:  # funds_recalled is reached only through a recall decision (DOMAIN.md 10)
        projects("recall", "propose", "SZIPS-2024-001", "--on", "2026-06-01", "--by", "市局")
        projects("recall", "decide", "SZIPS-2024-001", "--on", "2026-06-20", "--amount", "10", "--by", "市局")
    projects("scan", "--today", "2026-12-31")
    raised = projects.json("scan", "--today", "2027-01-02")
    assert [a for a in raised if a["project_code"] == "SZIPS-2024-001"] == []
    status = projects.json("status", "--project", "SZIPS-2024-001", "--today", "2027-01-02")[0]
    assert status["risk"] == "closed"


def test_a_window_too_short_for_its_acceptance_request_is_refused_naming_row_and_column(tracker, examples, tmp_path):
    path = changed(examples / "projects.csv", tmp_path / "short.csv",
                   {(1, "实施开始日期"): "2025-03-01", (1, "实施结束日期"): "2025-03-01"})
    before = tracker.snapshot()
    result = tracker("projects", "import", "--programme", "SZIPS-2024", str(path), expect=2)
    assert "short.csv" in result.stderr and "第3行" in result.stderr and "实施结束日期" in result.stderr
    assert "2024-12-01" in result.stderr  # the impossible deadline is shown
    assert tracker.snapshot() == before


def test_the_approval_command_refuses_a_window_too_short_for_its_acceptance_request(tracker, examples):
    tracker("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    tracker("applications", "transition", USCC, "district_recommended", "--on", "2024-11-19")
    tracker("applications", "transition", USCC, "under_expert_review", "--on", "2024-12-01")
    before = tracker.snapshot()
    result = tracker("applications", "approve", USCC, "--project-code", "P1", "--grant", "50",
                     "--start", "2025-03-01", "--end", "2025-06-01", expect=2)
    assert "2025-03-01" in result.stderr and tracker.snapshot() == before
    tracker("applications", "approve", USCC, "--project-code", "P1", "--grant", "50",
            "--start", "2025-03-01", "--end", "2025-06-02")
    assert tracker.json("status", "--today", "2025-03-01")[0]["acceptance_request_deadline"] == "2025-03-02"


def test_a_deadline_on_national_day_of_a_year_without_official_calendar_moves_and_is_flagged(tracker, examples, tmp_path):
    path = changed(examples / "projects.csv", tmp_path / "late.csv",
                   {(0, "实施开始日期"): "2026-01-01", (0, "实施结束日期"): "2028-01-01"})
    tracker("projects", "import", "--programme", "SZIPS-2024", str(path))
    status = tracker.json("status", "--project", "SZIPS-2024-001", "--today", "2027-09-01")[0]
    assert (status["acceptance_request_deadline"], status["acceptance_request_effective_deadline"]) == (
        "2027-10-01", "2027-10-04")
    assert "holiday_calendar_incomplete" in status["flags"]
    overdue = ("SZIPS-2024-001", "acceptance_request_overdue")
    assert overdue not in {(a["project_code"], a["kind"]) for a in tracker.json("scan", "--today", "2027-10-04")}
    assert overdue in {(a["project_code"], a["kind"]) for a in tracker.json("scan", "--today", "2027-10-05")}


def test_the_review_message_names_the_decision_once(projects, tmp_path):
    claim(projects, tmp_path, [["SZIPS-2024-001", "certified_staff", "2025-03-01", "证书", "C1"],
                               ["SZIPS-2024-001", "certified_staff", "2025-03-02", "证书", "C2"]])
    verified = review(projects, "SZIPS-2024-001", "2025-03-01", "verify").stdout
    rejected = review(projects, "SZIPS-2024-001", "2025-03-02", "reject").stdout
    assert "已核实" in verified and "已驳回" in rejected
    assert "已已" not in verified + rejected
