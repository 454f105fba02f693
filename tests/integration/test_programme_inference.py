"""With the 2024 and 2025 programmes both loaded, a command left without --programme takes the
programme its input points to (the applicants' applications, the project codes, the only
programme holding applications), and refuses, listing the codes, when nothing tells."""
from __future__ import annotations

from support.files import read_rows, write_csv


def test_importing_applicants_without_a_programme_names_the_loaded_ones(tracker, examples):
    result = tracker("applications", "import", str(examples / "applicants.csv"), expect=2)
    assert "SZIPS-2024" in result.stderr and "SZIPS-2025" in result.stderr
    assert "--programme" in result.stderr


def test_screening_takes_the_only_programme_holding_applications(tracker, examples):
    tracker("applications", "import", str(examples / "applicants.csv"), "--programme", "SZIPS-2025")
    assert tracker.json("applications", "screen") == tracker.json("applications", "screen",
                                                                   "--programme", "SZIPS-2025")


def test_projects_follow_their_applicants_programme(tracker, examples):
    tracker("applications", "import", str(examples / "applicants.csv"), "--programme", "SZIPS-2025")
    result = tracker("projects", "import", str(examples / "projects.csv"))
    assert "SZIPS-2025" in result.stdout  # the applicants applied to 2025, whatever the codes say
    assert [p["programme"] for p in tracker.json("status", "--today", "2026-01-05")] == ["SZIPS-2025"] * 2


def test_projects_without_applications_follow_their_codes(tracker, examples, tmp_path):
    rows = read_rows(examples / "projects.csv")
    rows[1][0], rows[2][0] = "SZIPS-2025-001", "szips-2025-002"
    tracker("projects", "import", str(write_csv(tmp_path / "p.csv", rows)))
    assert {p["programme"] for p in tracker.json("status", "--today", "2026-01-05")} == {"SZIPS-2025"}


def test_projects_that_point_nowhere_are_refused_with_the_codes(tracker, examples, tmp_path):
    rows = read_rows(examples / "projects.csv")
    rows[1][0], rows[2][0] = "SZIPS-2025-001", "SZIPS-2024-002"  # two programmes in one file
    result = tracker("projects", "import", str(write_csv(tmp_path / "p.csv", rows)), expect=2)
    assert "SZIPS-2024" in result.stderr and "SZIPS-2025" in result.stderr
    assert tracker.json("status", "--today", "2026-01-05") == []
