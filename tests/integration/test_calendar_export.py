"""`tracker calendar`: deadlines as iCalendar, parsed back with the same maintained library."""
import datetime as dt

from icalendar import Calendar


def test_the_calendar_holds_each_deadline_with_reminders_and_parses_back(sqlite_tracker, examples):
    sqlite_tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    result = sqlite_tracker("calendar", "--today", "2026-01-01")
    cal = Calendar.from_ical(result.stdout_bytes)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {
        "SZIPS-2024-001-acceptance-request-deadline@tracker", "SZIPS-2024-001-window-end@tracker",
        "SZIPS-2024-002-acceptance-request-deadline@tracker",
        "SZIPS-2024-002-acceptance-request-effective-deadline@tracker",
        "SZIPS-2024-002-window-end@tracker"}
    deadline = events["SZIPS-2024-002-acceptance-request-deadline@tracker"]
    assert deadline.decoded("dtstart") == dt.date(2026, 11, 28)
    assert "验收申请截止" in str(deadline["summary"])
    assert sorted(a.decoded("trigger") for a in deadline.walk("VALARM")) == [
        dt.timedelta(days=-60), dt.timedelta(days=-30), dt.timedelta(days=-7), dt.timedelta(0)]
    assert events["SZIPS-2024-002-acceptance-request-effective-deadline@tracker"].decoded("dtstart") == dt.date(2026, 11, 30)
    assert events["SZIPS-2024-001-window-end@tracker"].decoded("dtstart") == dt.date(2026, 12, 31)


def test_one_projects_calendar_and_an_unknown_project(sqlite_tracker, examples):
    sqlite_tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    cal = Calendar.from_ical(sqlite_tracker("calendar", "--project", "SZIPS-2024-001").stdout_bytes)
    assert {str(e["uid"]).split("-")[2] for e in cal.walk("VEVENT")} == {"001"}
    assert "NOPE" in sqlite_tracker("calendar", "--project", "NOPE", expect=2).stderr
