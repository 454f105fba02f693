"""Only one scheduler may be active per database: a PostgreSQL session advisory lock, or on
SQLite an exclusive lock on a file beside the database. Both vanish with the process, even
one killed with SIGKILL, so a standby can take over."""
from __future__ import annotations

import fcntl
import os
import zlib
from pathlib import Path

from sqlalchemy import Connection, Engine, text

LOCK_NAME = "tracker-scheduler"


class SingleInstanceLock:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._connection: Connection | None = None
        self._fd: int | None = None

    @property
    def description(self) -> str:
        if self.engine.dialect.name == "postgresql":
            return "PostgreSQL advisory lock"
        return f"lock file {self._lock_path()}"

    def _lock_path(self) -> Path:
        database = self.engine.url.database or "memory"
        return Path(f"{database}.scheduler.lock")

    def acquire(self) -> bool:
        """Take the lock if free; never blocks."""
        if self.engine.dialect.name == "postgresql":
            key = zlib.crc32(LOCK_NAME.encode())
            connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            if connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
                self._connection = connection
                return True
            connection.close()
            return False
        fd = os.open(self._lock_path(), os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._connection is not None:
            self._connection.close()  # ends the session, and with it the advisory lock
            self._connection = None
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
