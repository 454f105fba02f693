"""Fixtures shared by every test layer."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tracker.programme import Programme, load_programme_file
from tracker.paths import programmes_dir

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the tests' own support package
from support.db import (any_db_url, databases, db_url, migrated_db_url, new_db_url,  # noqa: E402,F401
                        new_migrated_db_url, postgres_server, sqlite_migrated_db_url, sqlite_tracker,
                        templates, tracker)
from support.factories import factory, make_achievement, make_enterprise, make_project, make_user  # noqa: E402,F401
from support.sessions import db_session, shared_engines  # noqa: E402,F401
EXAMPLES = (ROOT.parent / "shared" / "examples") if (ROOT.parent / "shared" / "examples").exists() \
    else ROOT / "tests" / "data" / "examples"


@pytest.fixture(scope="session")
def programme() -> Programme:
    return load_programme_file(programmes_dir() / "szips-2024.toml")


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES
