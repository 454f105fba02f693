"""The shared example files imported into a fresh SQLite tracker: applicants and projects."""
from __future__ import annotations

from pathlib import Path

from support.db import Tracker
from support.files import write_csv


def examples_tracker(folder: Path, examples: Path) -> Tracker:
    t = Tracker(f"sqlite:///{folder / 'tracker.sqlite3'}")
    t("init")
    t("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    return t


def two_programmes_claiming_t2(folder: Path, examples: Path) -> Tracker:
    """The examples (SZIPS-2024) and one project of the 2025 programme, whose targets and
    indicator ids are the same, each with a claim under its own T2 (university_patents)."""
    t = examples_tracker(folder, examples)
    t("applications", "import", "--programme", "SZIPS-2025", str(examples / "applicants.csv"))
    projects = (examples / "projects.csv").read_text(encoding="utf-8-sig").splitlines()
    header, first = projects[0].split(","), projects[1].split(",")
    first[0] = "SZIPS-2025-001"
    t("projects", "import", "--programme", "SZIPS-2025", str(write_csv(folder / "p25.csv", [header, first])))
    t("achievements", "import", str(write_csv(folder / "t2.csv", [
        ["project_code", "indicator", "date", "title", "quantity", "source_type", "reference"],
        ["SZIPS-2024-001", "university_patents", "2025-06-01", "2024年度的专利受让", "1", "university", "ZL-2024-T2"],
        ["SZIPS-2025-001", "university_patents", "2025-06-02", "2025年度的专利受让", "1", "university", "ZL-2025-T2"]])))
    return t
