"""A command run against a database without the current schema says to run `tracker init`
(in words, exit 1, nothing changed) instead of printing the driver's traceback."""
from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DBAPIError

from support.db import Tracker
from tracker.schema import alembic_config
from tracker.schema_state import is_missing_schema

COMMANDS = [["status"], ["status", "--json"], ["demo", "--projects", "5"], ["alerts"], ["programmes"],
            ["users", "list"], ["scan", "--today", "2026-06-01"], ["projects", "history", "DEMO-1"],
            ["funds", "disburse", "DEMO-1", "10", "--on", "2026-06-01", "--by", "市局财务"]]


def said_to_initialise(result, words: str) -> None:
    assert result.exit_code == 1
    assert words in result.stderr and "tracker init" in result.stderr
    assert "Traceback" not in result.output and "no such table" not in result.output


def tables(url: str) -> set[str]:
    engine = create_engine(url)
    with engine.connect() as c:
        found = set(inspect(c).get_table_names())
    engine.dispose()
    return found


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_each_command_on_an_empty_sqlite_file_asks_for_init(db_url, args):
    said_to_initialise(Tracker(db_url)(*args, expect=None), "数据库尚未初始化")
    assert tables(db_url) == set()


def test_an_empty_database_of_each_kind_asks_for_init(any_db_url):
    t = Tracker(any_db_url)
    said_to_initialise(t("demo", "--projects", "5", expect=None), "数据库尚未初始化")
    said_to_initialise(t("status", "--json", expect=None), "数据库尚未初始化")
    assert tables(any_db_url) == set()
    t("init")
    assert t.json("status") == []


def test_a_database_at_an_older_revision_asks_for_the_upgrade(sqlite_tracker):
    t = sqlite_tracker
    cfg = alembic_config()
    first = next(r for r in ScriptDirectory.from_config(cfg).walk_revisions() if r.down_revision is None)
    engine = t.engine()
    with engine.begin() as c:
        cfg.attributes["connection"] = c
        command.downgrade(cfg, first.revision)  # the first schema: no alerts, users, snapshots...
    engine.dispose()
    said_to_initialise(t("alerts", expect=None), "数据库结构不是当前版本")
    t("init")
    assert t.json("alerts") == []


def test_only_a_missing_table_or_column_counts_as_a_missing_schema(any_db_url):
    engine = create_engine(any_db_url)
    caught = []
    for statement in ("SELECT * FROM no_such_table", "SELECT no_such_column FROM (SELECT 1 AS a) AS t",
                      "SELECT 1 / 0 FROM nothing_at_all_here", "SELEC 1", "SELECT CAST('x' AS INTEGER) + 'y'"):
        with engine.connect() as c:
            try:
                c.execute(text(statement))
            except DBAPIError as exc:
                caught.append(is_missing_schema(exc))
            else:
                caught.append(None)
    engine.dispose()
    assert caught[:3] == [True, True, True] and caught[3] is False
    assert caught[4] in (None, False)  # SQLite computes it; PostgreSQL refuses it: neither is a missing table
