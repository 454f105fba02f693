"""Real databases for tests: an SQLite file, and a real PostgreSQL server when one can be started."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, create_engine, inspect, text

from tracker.cli import main
from tracker.db import make_engine


def _pg_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return str(Path(found[-1]).parent)
    pg_ctl = shutil.which("pg_ctl")
    return str(Path(pg_ctl).parent) if pg_ctl else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throw-away PostgreSQL cluster on a loopback port; yields its base URL."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries on this machine")
    data = tempfile.mkdtemp(prefix="tracker-pg-")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(data, "postgres")
    port = _free_port()
    subprocess.run([*as_postgres, f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "tracker"],
                   check=True, capture_output=True)
    subprocess.run([*as_postgres, f"{bindir}/pg_ctl", "-D", data, "-w", "-l", f"{data}/log", "-o",
                    f"-p {port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://tracker@127.0.0.1:{port}"
    finally:
        subprocess.run([*as_postgres, f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


def _new_pg_database(base: str) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{base}/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_db_url(request, tmp_path):
    """A function making fresh empty databases, of each kind in turn."""
    if request.param == "sqlite":
        return lambda: f"sqlite:///{tmp_path / f'{uuid.uuid4().hex[:8]}.sqlite3'}"
    server = request.getfixturevalue("postgres_server")
    return lambda: _new_pg_database(server)


@pytest.fixture
def any_db_url(new_db_url) -> str:
    """A fresh empty database of each kind."""
    return new_db_url()


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.sqlite3'}"


class Tracker:
    """Runs `tracker` commands in-process against one database."""

    def __init__(self, url: str):
        self.url = url
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, expect: int | None = 0) -> Result:
        result = self.runner.invoke(main, [*args, "--db", self.url], input=input)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        if expect is not None:
            assert result.exit_code == expect, (result.stdout, result.stderr)
        return result

    def json(self, *args: str):
        import json
        return json.loads(self(*args, "--json").stdout)

    def engine(self) -> Engine:
        return make_engine(self.url)

    def snapshot(self) -> dict[str, list[tuple[str, ...]]]:
        """Every row of every table, as text: 'unchanged' means equal snapshots."""
        engine = self.engine()
        out: dict[str, list[tuple[str, ...]]] = {}
        with engine.connect() as c:
            for table in sorted(inspect(c).get_table_names()):
                rows = c.execute(text(f'SELECT * FROM "{table}" ORDER BY 1')).all()
                out[table] = [tuple(str(v) for v in row) for row in rows]
        engine.dispose()
        return out


@pytest.fixture
def tracker(any_db_url) -> Tracker:
    t = Tracker(any_db_url)
    t("init")
    return t


@pytest.fixture
def sqlite_tracker(db_url) -> Tracker:
    t = Tracker(db_url)
    t("init")
    return t
