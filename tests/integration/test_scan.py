"""DOMAIN.md section 6 through `tracker scan`: each alert once, the nearest reminder only,
overdue after the effective deadline, nothing new when a day is scanned again."""
import datetime as dt

import pytest
from sqlalchemy.exc import IntegrityError

from support.files import write_csv

D = dt.date


def days(first, last):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


@pytest.fixture
def examples_loaded(tracker, examples):
    tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    return tracker


def raised_by_day(tracker, first, last):
    out = {}
    for day in days(first, last):
        new = tracker.json("scan", "--today", day.isoformat())
        if new:
            out[day.isoformat()] = [(a["project_code"], a["kind"], a["key"], a["due"], a["days_left"])
                                    for a in new]
    return out


def test_day_by_day_scans_over_the_examples_raise_exactly_what_the_rules_say(examples_loaded):
    got = raised_by_day(examples_loaded, D(2026, 7, 20), D(2027, 1, 3))
    assert got == {
        "2026-07-20": [("SZIPS-2024-001", "behind_schedule", None, None, None),
                       ("SZIPS-2024-002", "behind_schedule", None, None, None)],
        "2026-08-01": [("SZIPS-2024-001", "acceptance_request_due", "60", "2026-09-30", 60)],
        "2026-08-31": [("SZIPS-2024-001", "acceptance_request_due", "30", "2026-09-30", 30)],
        "2026-09-23": [("SZIPS-2024-001", "acceptance_request_due", "7", "2026-09-30", 7)],
        "2026-09-29": [("SZIPS-2024-002", "acceptance_request_due", "60", "2026-11-28", 60)],
        "2026-10-01": [("SZIPS-2024-001", "acceptance_request_overdue", None, "2026-09-30", -1)],
        "2026-10-29": [("SZIPS-2024-002", "acceptance_request_due", "30", "2026-11-28", 30)],
        "2026-11-21": [("SZIPS-2024-002", "acceptance_request_due", "7", "2026-11-28", 7)],
        # 2026-11-28 is a Saturday: overdue only after Monday 2026-11-30
        "2026-12-01": [("SZIPS-2024-002", "acceptance_request_overdue", None, "2026-11-28", -3)],
        "2027-01-01": [("SZIPS-2024-001", "window_ended_unmet", None, "2026-12-31", -1)],
    }
    all_alerts = examples_loaded.json("alerts")
    assert len(all_alerts) == 11
    assert [(a["project_code"], a["kind"]) for a in all_alerts] == sorted(
        (a["project_code"], a["kind"]) for a in all_alerts)
    # scanning any day again raises nothing new
    for day in ("2026-08-01", "2026-10-01", "2026-12-01", "2027-01-03"):
        assert examples_loaded.json("scan", "--today", day) == []


def test_a_scan_that_missed_days_catches_up_with_the_nearest_reminder_only(examples_loaded):
    first = examples_loaded.json("scan", "--today", "2026-09-10")
    assert ("SZIPS-2024-001", "acceptance_request_due", "30") in {
        (a["project_code"], a["kind"], a["key"]) for a in first}
    later = examples_loaded.json("scan", "--today", "2026-11-25")
    assert {(a["project_code"], a["kind"], a["key"]) for a in later} == {
        ("SZIPS-2024-001", "acceptance_request_overdue", None),
        ("SZIPS-2024-002", "acceptance_request_due", "7")}
    # an earlier day scanned afterwards does not bring back a farther reminder
    assert examples_loaded.json("scan", "--today", "2026-10-29") == []


def test_no_reminder_once_the_acceptance_request_is_filed(examples_loaded):
    examples_loaded("projects", "transition", "SZIPS-2024-002", "acceptance_requested", "--on", "2026-09-01")
    got = raised_by_day(examples_loaded, D(2026, 9, 25), D(2026, 12, 5))
    assert all(code != "SZIPS-2024-002" or kind == "behind_schedule"
               for alerts in got.values() for code, kind, *_ in alerts)


def test_the_same_reference_in_two_projects_raises_an_alert_on_each(examples_loaded, tmp_path):
    path = write_csv(tmp_path / "a.csv", [
        ["project_code", "indicator", "date", "title", "level", "reference"],
        ["SZIPS-2024-001", "converted_standards", "2025-05-01", "团体标准", "group", "T/SZIP 012-2025"],
        ["SZIPS-2024-002", "converted_standards", "2025-06-01", "团体标准", "group", "T/SZIP 012-2025"]])
    examples_loaded("achievements", "import", str(path))
    new = examples_loaded.json("scan", "--today", "2025-07-01")
    assert [(a["project_code"], a["key"]) for a in new if a["kind"] == "claimed_by_other_project"] == [
        ("SZIPS-2024-001", "T/SZIP012-2025"), ("SZIPS-2024-002", "T/SZIP012-2025")]  # keyed folded
    assert examples_loaded.json("scan", "--today", "2025-07-02") == []


def test_uniqueness_is_enforced_by_the_database_too(examples_loaded):
    from sqlalchemy.orm import Session
    from tracker.models import Alert
    examples_loaded("scan", "--today", "2026-09-23")
    engine = examples_loaded.engine()
    with Session(engine) as s:
        first = s.query(Alert).first()
        # unique per (project, kind, key, due date): the same due date again is refused
        s.add(Alert(project_id=first.project_id, kind=first.kind, key=first.key, due=first.due,
                    due_key=first.due_key, raised_on=D(2026, 9, 24),
                    created_at=dt.datetime.now(dt.timezone.utc)))
        with pytest.raises(IntegrityError):
            s.commit()
    engine.dispose()


def test_each_scan_run_is_recorded(examples_loaded):
    examples_loaded("scan", "--today", "2026-09-23")
    examples_loaded("scan", "--today", "2026-09-23")
    runs = examples_loaded.json("scans")
    assert [(r["day"], r["alerts_raised"], r["state"]) for r in runs] == [
        ("2026-09-23", 0, "finished"), ("2026-09-23", 3, "finished")]
