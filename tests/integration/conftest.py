"""Integration tests run against real databases (see tests/support/db.py)."""
from support.db import (any_db_url, db_url, new_db_url, postgres_server, sqlite_tracker,  # noqa: F401
                        tracker)
