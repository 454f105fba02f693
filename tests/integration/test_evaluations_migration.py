"""The 0012evtab and 0013days migrations: the stored evaluations move from project_snapshots to
project_evaluations, copied (the read model stays current, so the status is still served
from it), and back on a downgrade; 0013days indexes the snapshots' days left."""
import datetime as dt

from alembic import command
from sqlalchemy import inspect, text

from tracker.db import read_session
from tracker.principal import Principal
from tracker.queries.read_model_version import read_model_current
from tracker.queries.served import statuses_for
from tracker.queries.status import portfolio_status
from tracker.schema import alembic_config, upgrade

BUREAU = Principal.bureau("test")
TODAY = dt.date(2026, 11, 25)
DAYS_LEFT = "ix_project_snapshots_days_left"  # 0013days


def _evaluations(c, table: str) -> dict[int, str]:
    return dict(c.execute(text(f"SELECT project_id, evaluation FROM {table}")).all())


def test_evaluations_are_copied_down_and_up_and_still_served(tracker, examples):
    t = tracker
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    t("achievements", "import", str(examples / "achievements.csv"), "--verified-by", "市局")
    engine = t.engine()
    with engine.connect() as c:
        stored = _evaluations(c, "project_evaluations")
        projects = c.execute(text("SELECT count(*) FROM projects")).scalar()
    assert stored and len(stored) == projects and all(stored.values())
    cfg = alembic_config()
    with engine.begin() as c:
        cfg.attributes["connection"] = c
        command.downgrade(cfg, "0011idx")  # both: 0013days, then 0012evtab
    with engine.connect() as c:
        assert "project_evaluations" not in inspect(c).get_table_names()
        assert DAYS_LEFT not in {i["name"] for i in inspect(c).get_indexes("project_snapshots")}
        assert _evaluations(c, "project_snapshots") == stored
    upgrade(engine)
    with engine.connect() as c:
        assert "evaluation" not in {col["name"] for col in inspect(c).get_columns("project_snapshots")}
        assert DAYS_LEFT in {i["name"] for i in inspect(c).get_indexes("project_snapshots")}
        assert _evaluations(c, "project_evaluations") == stored
    with read_session(engine) as s:
        assert read_model_current(s)
        found, served = statuses_for(s, BUREAU, TODAY)
        assert served
        assert [x.to_json() for x in found] == [x.to_json() for x in portfolio_status(s, BUREAU, TODAY)]
    engine.dispose()
