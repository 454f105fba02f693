"""Where the project's data folder is (programme files, the default SQLite database)."""
from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The data folder: TRACKER_DATA_DIR, else `data/` beside the package."""
    override = os.environ.get("TRACKER_DATA_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "data"


def programmes_dir() -> Path:
    return data_dir() / "programmes"


def default_database_url() -> str:
    """TRACKER_DATABASE_URL, else the SQLite file under data/."""
    url = os.environ.get("TRACKER_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{data_dir() / 'tracker.sqlite3'}"


def private_dir(path: Path) -> Path:
    """Create `path` (and its missing parents) readable by the owner only; an existing data
    folder is narrowed too, since it holds the database, the key and the evidence."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.resolve() == data_dir().resolve():
        os.chmod(path, 0o700)
    return path


def private_file(path: Path) -> Path:
    """Create an empty file mode 0600 unless it exists (SQLite then gives its -wal and -shm
    files the same mode)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    return path
