"""Where the project's data folder is (programme files, the default SQLite database)."""
from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The data folder: TRACKER_DATA_DIR, else `data/` beside the package."""
    override = os.environ.get("TRACKER_DATA_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "data"


def programmes_dir() -> Path:
    return data_dir() / "programmes"


def default_database_url() -> str:
    """TRACKER_DATABASE_URL, else the SQLite file under data/."""
    url = os.environ.get("TRACKER_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{data_dir() / 'tracker.sqlite3'}"
