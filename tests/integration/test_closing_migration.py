"""The 0008close migration: closing tables and alerts unique per due date, with a working
downgrade (one alert per project, kind and key again: the latest due date stays)."""
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from tracker.schema import alembic_config, upgrade


def test_downgrading_keeps_the_latest_alert_of_each_key_and_upgrading_again_works(tracker, examples):
    t = tracker
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    t("scan", "--today", "2026-08-20")
    t("projects", "amend", "SZIPS-2024-001", "--on", "2026-08-25", "--by", "市局", "--reason", "延期",
      "--end", "2027-06-30")
    t("scan", "--today", "2027-02-01")
    engine = t.engine()
    cfg = alembic_config()
    before = ScriptDirectory.from_config(cfg).get_revision("0008close").down_revision
    with engine.begin() as c:
        cfg.attributes["connection"] = c
        command.downgrade(cfg, before)
    with engine.connect() as c:
        tables = set(inspect(c).get_table_names())
        assert not tables & {"acceptance_reviews", "recall_cases", "amendments", "inspections"}
        dues = c.execute(text("SELECT due FROM alerts WHERE kind = 'acceptance_request_due' AND key = '60' "
                              "AND project_id = (SELECT id FROM projects WHERE code = 'SZIPS-2024-001')")).scalars().all()
        assert [str(d) for d in dues] == ["2027-03-30"]
    upgrade(engine)
    with engine.connect() as c:
        keys = c.execute(text("SELECT due_key FROM alerts WHERE kind = 'acceptance_request_due'")).scalars().all()
        assert "2027-03-30" in keys and "" not in keys
    engine.dispose()
    assert t.json("scan", "--today", "2027-02-01") == []
