"""The shared example files imported into a fresh SQLite tracker: applicants and projects."""
from __future__ import annotations

from pathlib import Path

from support.db import Tracker


def examples_tracker(folder: Path, examples: Path) -> Tracker:
    t = Tracker(f"sqlite:///{folder / 'tracker.sqlite3'}")
    t("init")
    t("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    return t
