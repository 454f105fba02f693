"""Storage: SQLite writers wait for each other; a malformed programme file stops `init`."""
import datetime as dt
import shutil
from pathlib import Path
import threading
from decimal import Decimal

from sqlalchemy import text

from tracker.db import make_engine, write_session
from tracker.errors import StateError
from tracker.paths import programmes_dir
from tracker.principal import Principal
from tracker.services.funds import disburse


def test_sqlite_is_in_wal_mode_with_foreign_keys_on(sqlite_tracker):
    engine = sqlite_tracker.engine()
    with engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_concurrent_sqlite_writers_wait_instead_of_failing_and_keep_the_invariant(sqlite_tracker, examples):
    sqlite_tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))  # SZIPS-2024-001: 50 万元
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def worker():
        engine = make_engine(sqlite_tracker.url)
        barrier.wait()
        try:
            with write_session(engine) as s:
                disburse(s, "SZIPS-2024-001", Decimal("10"), on=dt.date(2025, 2, 1),
                         actor=Principal.bureau("财务"))
            outcomes.append("ok")
        except StateError:
            outcomes.append("refused")
        except Exception as exc:  # "database is locked" would land here
            outcomes.append(f"error: {exc}")
        finally:
            engine.dispose()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(outcomes) == ["ok"] * 5 + ["refused"] * 3
    status = sqlite_tracker.json("status", "--today", "2025-03-01")
    assert status[0]["disbursed_wan"] == "50.00"


def test_a_malformed_programme_file_stops_init_naming_the_key(tmp_path, monkeypatch):
    from support.db import Tracker
    data = tmp_path / "data"
    (data / "programmes").mkdir(parents=True)
    source = (programmes_dir() / "szips-2024.toml").read_text(encoding="utf-8")
    (data / "programmes" / "szips-2025.toml").write_text(
        source.replace('code = "SZIPS-2024"', 'code = "SZIPS-2025"').replace("max_years = 2", "max_years = 0"),
        encoding="utf-8")
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data))
    t = Tracker(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    result = t("init", expect=2)
    assert "szips-2025.toml" in result.stderr and "window.max_years" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists()


def test_a_programme_of_another_shape_is_loaded_beside_the_bundled_ones(tmp_path, monkeypatch):
    from support.db import Tracker
    data = tmp_path / "data"
    shutil.copytree(programmes_dir(), data / "programmes")
    shutil.copy(Path(__file__).resolve().parent.parent / "data" / "programmes" / "five-targets.toml",
                data / "programmes" / "five-targets.toml")
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data))
    t = Tracker(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    t("init")
    assert [p["code"] for p in t.json("programmes")] == ["SZIPS-2024", "SZIPS-2025", "TEST-5T"]
    result = t("applications", "screen", expect=2)
    assert "--programme" in result.stderr and "SZIPS-2024、SZIPS-2025、TEST-5T" in result.stderr
    result = t("applications", "screen", "--programme", "NOPE", expect=None)
    assert result.exit_code != 0 and "SZIPS-2024、SZIPS-2025、TEST-5T" in result.stderr
    assert t.json("applications", "screen", "--programme", "TEST-5T") == []