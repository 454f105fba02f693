"""Engines and sessions. SQLite gets WAL, foreign keys and BEGIN IMMEDIATE for writes,
so that concurrent writers wait for each other instead of failing half-way."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from tracker.paths import data_dir, default_database_url, private_dir, private_file

READ_ONLY = "tracker_read_only"


def _sqlite_setup(engine: Engine, lock_timeout_s: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(lock_timeout_s * 1000)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = "DEFERRED" if conn.get_execution_options().get(READ_ONLY) else "IMMEDIATE"
        conn.exec_driver_sql(f"BEGIN {mode}")


def _private_sqlite_file(path: Path) -> None:
    """The database file is created readable by its owner only, and so is data/ when it is
    the database's folder: the file holds password hashes and sessions."""
    if path.parent.resolve() == data_dir().resolve() or not path.parent.exists():
        private_dir(path.parent)
    private_file(path)


def make_engine(url: str | None = None, lock_timeout_s: float | None = None, **kwargs: Any) -> Engine:
    """`lock_timeout_s`: how long a statement waits for another transaction's lock before
    it fails (the web answers that with 503); by default 30 s on SQLite, unbounded on PostgreSQL."""
    url = url or default_database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _private_sqlite_file(Path(parsed.database))
        engine = create_engine(url, connect_args={"timeout": lock_timeout_s or 30}, **kwargs)
        _sqlite_setup(engine, lock_timeout_s or 30)
        return engine
    if parsed.get_backend_name() == "postgresql" and lock_timeout_s:
        kwargs.setdefault("connect_args", {"options": f"-c lock_timeout={int(lock_timeout_s * 1000)}"})
    return create_engine(url, **kwargs)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reads only: on SQLite its transaction does not take the write lock."""
    with Session(engine.execution_options(**{READ_ONLY: True})) as session:
        yield session


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


# --- the unit of work's marks --------------------------------------------------------------
# A write records which projects it touched (and which evidence references, whose other
# claimants' flags may change); the read model refreshes exactly those before the commit.
# Listeners on the ORM fill the marks; code writing with bulk Core statements marks explicitly.

_PROJECTS, _REFERENCES = "tracker.touched_projects", "tracker.touched_references"


def mark_projects(session: Session, project_ids: Iterable[int | None]) -> None:
    """Note projects whose derived status must be recomputed before this transaction commits."""
    session.info.setdefault(_PROJECTS, set()).update(i for i in project_ids if i is not None)


def mark_references(session: Session, reference_keys: Iterable[str | None]) -> None:
    """Note (folded) evidence references whose claimants must be recomputed too."""
    session.info.setdefault(_REFERENCES, set()).update(k for k in reference_keys if k)


def take_marks(session: Session) -> tuple[set[int], set[str]]:
    """The marks so far, cleared: the caller is about to act on them."""
    return session.info.pop(_PROJECTS, set()), session.info.pop(_REFERENCES, set())
