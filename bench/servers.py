"""Databases for the benchmark: SQLite files, and a throw-away PostgreSQL server started here
(as tests/support/db.py does), so that a run needs nothing already running."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

PG_USER = "tracker"


def pg_bindir() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return str(Path(found[-1]).parent)
    pg_ctl = shutil.which("pg_ctl")
    return str(Path(pg_ctl).parent) if pg_ctl else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_server(settings: tuple[str, ...] = ("fsync=off",)) -> Iterator[str]:
    """A PostgreSQL cluster on a loopback port for the duration; yields its base URL
    (postgresql+psycopg://tracker@127.0.0.1:PORT), to which a database name is appended."""
    bindir = pg_bindir()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server binaries on this machine (apt-get install postgresql)")
    data = tempfile.mkdtemp(prefix="tracker-bench-pg-")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(data, "postgres")
    port = free_port()
    subprocess.run([*as_postgres, f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", PG_USER],
                   check=True, capture_output=True)
    options = " ".join([f"-p {port} -k /tmp -c listen_addresses=127.0.0.1",
                        *(f"-c {s}" for s in settings)])
    subprocess.run([*as_postgres, f"{bindir}/pg_ctl", "-D", data, "-w", "-l", f"{data}/log", "-o", options,
                    "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://{PG_USER}@127.0.0.1:{port}"
    finally:
        subprocess.run([*as_postgres, f"{bindir}/pg_ctl", "-D", data, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


def create_pg_database(base: str, name: str) -> str:
    """A new empty database on the server at `base`; returns its URL."""
    host_port = base.rsplit("@", 1)[1]
    host, port = host_port.split(":")
    subprocess.run(["psql", "-h", host, "-p", port, "-U", PG_USER, "-d", "postgres", "-q", "-c",
                    f'DROP DATABASE IF EXISTS "{name}"', "-c", f'CREATE DATABASE "{name}"'],
                   check=True, capture_output=True)
    return f"{base}/{name}"


def libpq_url(url: str) -> str:
    """The libpq form of a SQLAlchemy PostgreSQL URL (for psql)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///")
