"""The demo's bulk inserts (executemany on SQLite, COPY on PostgreSQL, records generated a slice
of projects at a time) write the same portfolio for a seed whatever the database and the slice."""
from __future__ import annotations

import pytest

from support.db import Tracker
from tracker.demo import generator

DAY = "2026-11-25"


def portfolio(url: str) -> dict[str, object]:
    t = Tracker(url)
    t("demo", "--projects", "45", "--seed", "8", "--today", DAY)
    return {"status": t.json("status", "--today", DAY), "records": t.json("achievements", "list"),
            "screened": [t.json("applications", "screen", "--programme", p) for p in ("SZIPS-2024", "SZIPS-2025")],
            "alerts": t.json("alerts"), "recalls": t.json("recall", "list")}


@pytest.mark.postgres
def test_sqlite_and_postgresql_get_the_same_portfolio_in_any_slices(templates, postgres_server, tmp_path,
                                                                    monkeypatch):
    whole = portfolio(templates.sqlite_copy(tmp_path / "whole.sqlite3"))
    monkeypatch.setattr(generator, "CHUNK", 7)  # 45 projects: six full slices and a short one
    sliced = portfolio(templates.sqlite_copy(tmp_path / "sliced.sqlite3"))
    on_postgres = portfolio(templates.pg_copy(postgres_server))
    assert len(whole["records"]) > 300 and len({p["state"] for p in whole["status"]}) > 2 and whole["alerts"]
    assert sliced == whole
    assert on_postgres == whole
