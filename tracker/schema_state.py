"""Telling a database without the current schema apart from other database errors, so that a
command run before `tracker init` (or after an upgrade of the code without one of the schema)
says so instead of printing the driver's "no such table". Checked only once a statement has
failed: a command on a ready database pays nothing."""
from __future__ import annotations

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from tracker.catalogue import phrase
from tracker.errors import SchemaNotReady

# PostgreSQL's SQLSTATEs for a table or a column that does not exist.
UNDEFINED = {"42P01", "42703"}
# SQLite says it in words only.
SQLITE_MISSING = ("no such table", "no such column", "has no column named")
VERSION_TABLE = "alembic_version"  # Alembic's record of the revision a database is at


def is_missing_schema(exc: BaseException) -> bool:
    """Whether a failed statement failed for want of a table or column."""
    if not isinstance(exc, DBAPIError):
        return False
    if getattr(exc.orig, "sqlstate", None) in UNDEFINED:
        return True
    return str(exc.orig).startswith(SQLITE_MISSING)


def schema_not_ready(engine: Engine) -> SchemaNotReady:
    """The error to report: a database Alembic never touched is not initialised; one it did is
    at an older revision (or was changed by hand) and wants `tracker init` to upgrade it."""
    url = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as connection:
            versioned = inspect(connection).has_table(VERSION_TABLE)
    except SQLAlchemyError:
        versioned = False
    return SchemaNotReady(phrase("schema.outdated" if versioned else "schema.uninitialised").format(url=url))
