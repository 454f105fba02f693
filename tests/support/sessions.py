"""A session inside a transaction that is rolled back when the test ends, on both databases.

For tests of services and queries: no database is copied or migrated per test. The session joins
an outer transaction ("joining a session into an external transaction", SQLAlchemy's recipe);
`session.commit()` in the code under test only releases a savepoint, so nothing is ever written."""
from __future__ import annotations

from typing import Callable, Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker.db import make_engine


@pytest.fixture(scope="session")
def shared_engines(templates, tmp_path_factory, request) -> Iterator[Callable[[str], Engine]]:
    """One initialised database of each kind for the whole session, created when first asked for."""
    engines: dict[str, Engine] = {}

    def engine_for(backend: str) -> Engine:
        if backend not in engines:
            if backend == "sqlite":
                url = templates.sqlite_copy(tmp_path_factory.mktemp("shared") / "tracker.sqlite3")
            else:
                url = templates.pg_copy(request.getfixturevalue("postgres_server"))
            engines[backend] = make_engine(url)
        return engines[backend]

    yield engine_for
    for engine in engines.values():
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_session(request, shared_engines) -> Iterator[Session]:
    """A session on an initialised database of each kind; everything it does is rolled back."""
    if request.param == "postgresql":
        request.getfixturevalue("postgres_server")  # skips the test when no server can be started
    engine = shared_engines(request.param)
    with engine.connect() as connection:
        outer = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
        try:
            yield session
        finally:
            session.close()
            outer.rollback()
