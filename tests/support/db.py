"""Real databases for tests: SQLite files, and a throw-away PostgreSQL cluster when one can be started.

Migrating with Alembic for every test was most of the suite's time, so the schema is migrated
once per session into a template (an SQLite file; a PostgreSQL template database) and every test
gets a copy of it (a file copy; `CREATE DATABASE ... TEMPLATE`). `tracker init` itself keeps its
own tests (tests/integration/test_templates.py), on fresh empty databases of both kinds."""
from __future__ import annotations

import glob
import hashlib
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Callable, Iterator

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url

from tracker.cli import main
from tracker.db import make_engine
from tracker.programme import bundled_programme_files

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
# A PostgreSQL cluster in RAM when there is room: every test creates (and drops) a database.
RAM_DISK, RAM_NEEDED = Path("/dev/shm"), 2 * 1024 ** 3


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


def _scratch_root() -> str | None:
    try:
        if os.access(RAM_DISK, os.W_OK) and shutil.disk_usage(RAM_DISK).free > RAM_NEEDED:
            return str(RAM_DISK)
    except OSError:
        pass
    return None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throw-away PostgreSQL cluster on a loopback port; yields its base URL."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries on this machine")
    data = tempfile.mkdtemp(prefix="tracker-pg-", dir=_scratch_root())
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(data, "postgres")
    # Durability is of no use to a cluster thrown away at the end; WAL kept minimal makes
    # CREATE DATABASE ... TEMPLATE cheap.
    settings = ("-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal "
                "-c max_wal_senders=0")
    subprocess.run([*as_postgres, f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "tracker"],
                   check=True, capture_output=True)
    for attempt in range(3):  # a free port may be taken by another process before the server binds it
        port = _free_port()
        started = subprocess.run([*as_postgres, f"{bindir}/pg_ctl", "-D", data, "-w", "-l", f"{data}/log",
                                  "-o", f"-p {port} -k /tmp -c listen_addresses=127.0.0.1 {settings}", "start"],
                                 capture_output=True)
        if started.returncode == 0:
            break
    else:
        raise RuntimeError(f"PostgreSQL did not start: {(Path(data) / 'log').read_text(errors='replace')[-2000:]}")
    try:
        yield f"postgresql+psycopg://tracker@127.0.0.1:{port}"
    finally:
        subprocess.run([*as_postgres, f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


def _new_pg_database(base: str) -> str:
    """A fresh empty database on the server at `base` (left for the cluster's end to remove)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{base}/{name}"


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


Build = Callable[[Tracker], object]  # fills a template: an empty database for "schema", else an initialised one


def initialise(t: Tracker) -> None:
    t("init")


def _programme_files_key() -> str:
    """Templates depend on the programme files `tracker init` would load right now."""
    digest = hashlib.sha256()
    for path in bundled_programme_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:10]


class Templates:
    """Databases built once per session (by running `tracker` commands) and copied per test."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.sqlite_files: dict[str, Path] = {}
        self.pg_names: dict[tuple[str, str], str] = {}
        self.admins: dict[str, Engine] = {}

    def key(self, name: str) -> str:
        return f"{name}-{_programme_files_key()}"

    # SQLite: a file, checkpointed so that the main file holds everything.
    def sqlite_template(self, name: str, build: Build) -> Path:
        key = self.key(name)
        if key not in self.sqlite_files:
            path = self.folder / f"{key}.sqlite3"
            if name != "schema":  # every other template starts from an initialised database
                self.sqlite_copy(path)
            build(Tracker(f"sqlite:///{path}"))
            with sqlite3.connect(path) as c:
                c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.sqlite_files[key] = path
        return self.sqlite_files[key]

    def sqlite_copy(self, path: Path, name: str = "schema", build: Build = initialise) -> str:
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.sqlite_template(name, build), path)
        return f"sqlite:///{path}"

    # PostgreSQL: a database nobody stays connected to, used as a template.
    def admin(self, server: str) -> Engine:
        if server not in self.admins:
            self.admins[server] = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
        return self.admins[server]

    def pg_execute(self, server: str, statement: str) -> None:
        with self.admin(server).connect() as c:
            c.execute(text(statement))

    def pg_template(self, server: str, name: str, build: Build) -> str:
        key = (server, self.key(name))
        if key not in self.pg_names:
            database = f"tmpl_{uuid.uuid4().hex[:12]}"
            if name != "schema":  # every other template starts from an initialised database
                self.pg_copy(server, database)
            else:
                self.pg_execute(server, f'CREATE DATABASE "{database}"')
            build(Tracker(f"{server}/{database}"))  # every command disposes of its engine
            self.pg_names[key] = database
        return self.pg_names[key]

    def pg_copy(self, server: str, database: str | None = None, name: str = "schema",
                build: Build = initialise) -> str:
        database = database or f"t_{uuid.uuid4().hex[:12]}"
        template = self.pg_template(server, name, build)
        self.pg_execute(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        self.pg_execute(server, f'CREATE DATABASE "{database}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        return f"{server}/{database}"

    def pg_drop(self, url: str) -> None:
        parsed = make_url(url)
        server = url.rsplit("/", 1)[0]
        try:
            self.pg_execute(server, f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
        except Exception:  # noqa: BLE001 - a database left behind goes with the cluster
            pass

    def copy(self, url: str, name: str, build: Build) -> str:
        """Replace the database at `url` (an SQLite file or a PostgreSQL database) by a copy of
        the template `name`; nobody may be connected to it."""
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            return self.sqlite_copy(Path(parsed.database), name, build)
        return self.pg_copy(url.rsplit("/", 1)[0], parsed.database, name, build)

    def close(self) -> None:
        for engine in self.admins.values():
            engine.dispose()


@pytest.fixture(scope="session")
def templates(tmp_path_factory) -> Iterator[Templates]:
    t = Templates(tmp_path_factory.mktemp("templates"))
    yield t
    t.close()


class Databases:
    """Fresh databases of one kind for one test: empty ones, or copies of a template;
    PostgreSQL ones are dropped when the test ends."""

    def __init__(self, backend: str, templates: Templates, folder: Path, server: str | None):
        self.backend, self.templates, self.folder, self.server = backend, templates, folder, server
        self.made: list[str] = []

    def _sqlite_path(self) -> Path:
        return self.folder / f"{uuid.uuid4().hex[:8]}.sqlite3"

    def empty(self) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self._sqlite_path()}"
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.templates.pg_execute(self.server, f'CREATE DATABASE "{name}"')
        self.made.append(f"{self.server}/{name}")
        return self.made[-1]

    def copy(self, name: str = "schema", build: Build = initialise) -> str:
        if self.backend == "sqlite":
            return self.templates.sqlite_copy(self._sqlite_path(), name, build)
        self.made.append(self.templates.pg_copy(self.server, name=name, build=build))
        return self.made[-1]

    def drop_all(self) -> None:
        for url in self.made:
            self.templates.pg_drop(url)


@pytest.fixture(params=BACKENDS)
def databases(request, templates, tmp_path) -> Iterator[Databases]:
    """Makes databases of each kind in turn."""
    server = request.getfixturevalue("postgres_server") if request.param == "postgresql" else None
    made = Databases(request.param, templates, tmp_path, server)
    yield made
    made.drop_all()


@pytest.fixture
def new_db_url(databases) -> Callable[[], str]:
    """A function making fresh empty databases, of each kind in turn."""
    return databases.empty


@pytest.fixture
def new_migrated_db_url(databases) -> Callable[[], str]:
    """A function making fresh databases as `tracker init` leaves them, of each kind in turn."""
    return databases.copy


@pytest.fixture
def any_db_url(new_db_url) -> str:
    """A fresh empty database of each kind."""
    return new_db_url()


@pytest.fixture
def migrated_db_url(new_migrated_db_url) -> str:
    """A fresh database of each kind, as `tracker init` leaves it."""
    return new_migrated_db_url()


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.sqlite3'}"


@pytest.fixture
def sqlite_migrated_db_url(templates, tmp_path) -> str:
    """The `db_url` file, as `tracker init` leaves it."""
    return templates.sqlite_copy(tmp_path / "tracker.sqlite3")


@pytest.fixture
def tracker(migrated_db_url) -> Tracker:
    """`tracker` commands against a database of each kind, initialised."""
    return Tracker(migrated_db_url)


@pytest.fixture
def sqlite_tracker(sqlite_migrated_db_url) -> Tracker:
    """`tracker` commands against the `db_url` SQLite file, initialised."""
    return Tracker(sqlite_migrated_db_url)
