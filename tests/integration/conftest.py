"""Integration tests run against real databases (fixtures in tests/support/db.py, shared by
every layer through tests/conftest.py)."""
