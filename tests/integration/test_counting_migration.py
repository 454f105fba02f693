"""The 0005fold migration brings stored references and shared-reference alert keys to the
folded form, so that an upgraded database raises no second alert for an item it knew."""
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text

from support.files import write_csv
from tracker.schema import alembic_config, upgrade


def test_upgrading_folds_stored_reference_keys_and_shared_reference_alert_keys(sqlite_tracker, examples, tmp_path):
    t = sqlite_tracker
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    t("achievements", "import", str(write_csv(tmp_path / "a.csv", [
        ["project_code", "indicator", "date", "title", "reference"],
        ["SZIPS-2024-001", "certified_staff", "2025-05-01", "证书", "cert ①"],
        ["SZIPS-2024-002", "certified_staff", "2025-05-01", "证书", "ＣＥＲＴ ①"]])))
    assert {a["key"] for a in t.json("scan", "--today", "2025-07-01")} >= {"CERT①"}
    engine = t.engine()
    with engine.begin() as c:  # as the older code stored them: NFKC keys, alerts keyed as written
        c.execute(text("UPDATE alerts SET key = 'cert ①' WHERE kind = 'claimed_by_other_project'"))
        c.execute(text("UPDATE achievements SET reference_key = 'CERT1'"))
    cfg = alembic_config()
    before = ScriptDirectory.from_config(cfg).get_revision("0005fold").down_revision
    with engine.begin() as c:
        cfg.attributes["connection"] = c
        command.downgrade(cfg, before)
    upgrade(engine)
    with engine.connect() as c:
        assert set(c.execute(text("SELECT reference_key FROM achievements")).scalars()) == {"CERT①"}
        assert set(c.execute(text("SELECT key FROM alerts WHERE kind = 'claimed_by_other_project'"))
                   .scalars()) == {"CERT①"}
    engine.dispose()
    assert t.json("scan", "--today", "2025-07-02") == []
