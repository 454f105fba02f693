"""The database file, the data folder and the signing key are readable by their owner only."""
from __future__ import annotations

import os
import stat

from sqlalchemy import text

from dashboards.settings import secret_key
from tracker.db import make_engine


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_sqlite_database_and_the_data_folder_are_private(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data))
    engine = make_engine(f"sqlite:///{data / 'tracker.sqlite3'}")
    with engine.begin() as c:
        c.execute(text("CREATE TABLE t (x INTEGER)"))
    engine.dispose()
    assert mode(data) == 0o700
    assert mode(data / "tracker.sqlite3") == 0o600


def test_an_existing_world_readable_data_folder_is_narrowed(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data))
    make_engine(f"sqlite:///{data / 'tracker.sqlite3'}").dispose()
    assert mode(data) == 0o700


def test_a_readable_key_file_is_narrowed_and_a_short_one_replaced(tmp_path, monkeypatch):
    monkeypatch.delenv("TRACKER_SECRET_KEY", raising=False)
    path = tmp_path / "secret_key"
    path.write_text("short")
    os.chmod(path, 0o644)
    key = secret_key(path)
    assert len(key) >= 32 and key != "short" and mode(path) == 0o600
    os.chmod(path, 0o644)
    assert secret_key(path) == key and mode(path) == 0o600
