"""What the fast fixtures stand on: the template every test copies is what `tracker init` makes,
`tracker init` itself still runs (twice) on fresh databases of both kinds, and a service-level
test's session writes nothing that outlives the test."""
import datetime as dt
import re

from sqlalchemy import inspect, select, text

from support.db import Tracker
from tracker.db import make_engine, read_session
from tracker.models import Project

# Columns stamped with the moment `tracker init` ran: the only difference between two inits.
MOMENTS = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d[.\d]*(\+00:00)?")


def moment_free(value):
    return "<moment>" if isinstance(value, dt.datetime) else MOMENTS.sub("<moment>", str(value))


def schema_and_rows(url):
    engine = make_engine(url)
    with engine.connect() as c:
        inspector = inspect(c)
        tables = sorted(t for t in inspector.get_table_names())
        shape = {t: sorted((col["name"], str(col["type"])) for col in inspector.get_columns(t)) for t in tables}
        indexes = {t: sorted(i["name"] for i in inspector.get_indexes(t)) for t in tables}
        rows = {t: [tuple(moment_free(v) for v in r) for r in c.execute(text(f'SELECT * FROM "{t}" ORDER BY 1'))]
                for t in tables}
    engine.dispose()
    return shape, indexes, rows


def test_tracker_init_runs_twice_on_a_fresh_database_and_the_second_run_changes_nothing(any_db_url):
    t = Tracker(any_db_url)
    first = t("init").stdout
    assert "本次新载入或更新" in first and "（SZIPS-" in first
    before = t.snapshot()
    assert before["alembic_version"] and before["programmes"]
    second = t("init").stdout
    assert "本次新载入或更新 0 个" in second
    assert t.snapshot() == before


def test_the_template_each_test_copies_is_what_tracker_init_makes(any_db_url, migrated_db_url):
    Tracker(any_db_url)("init")
    fresh, copied = schema_and_rows(any_db_url), schema_and_rows(migrated_db_url)
    assert copied == fresh
    shape, _, rows = copied
    assert "projects" in shape and rows["programmes"]


def test_copies_of_the_template_are_independent(new_migrated_db_url, examples):
    one, other = Tracker(new_migrated_db_url()), Tracker(new_migrated_db_url())
    one("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    assert len(one.json("status", "--today", "2026-01-01")) == 2
    assert other.json("status", "--today", "2026-01-01") == []


def test_a_service_level_session_commits_only_to_a_savepoint_that_nobody_else_sees(db_session, make_project):
    project = make_project(code="SAVEPOINT-1")
    db_session.commit()  # what `write_session` does at the end of a block: here a savepoint
    assert db_session.scalar(select(Project.code).where(Project.id == project.id)) == "SAVEPOINT-1"
    engine = make_engine(str(db_session.get_bind().engine.url.render_as_string(hide_password=False)))
    try:
        with read_session(engine) as other:
            assert other.scalar(select(Project.id).where(Project.code == "SAVEPOINT-1")) is None
    finally:
        engine.dispose()


def test_factories_make_valid_rows_through_the_services(db_session, make_project, make_achievement, make_user):
    from tracker.principal import Principal
    from tracker.queries.status import portfolio_status
    project = make_project(grant_wan="80", end_date=dt.date(2026, 6, 30))
    make_achievement(project, indicator="university_patents", source_type="university", quantity=4,
                     status="verified")
    make_achievement(project, indicator="university_patents", source_type="university", status="claimed")
    make_achievement(project, indicator="university_patents", source_type="university", status="rejected")
    make_achievement(project)
    user = make_user(role="enterprise", uscc=project.enterprise.uscc)
    [status] = portfolio_status(db_session, Principal(user.username, "enterprise", uscc=user.uscc),
                                dt.date(2026, 1, 1))
    assert status.bundle.code == project.code and status.bundle.grant_wan == 80
    patents = next(i for t in status.targets for i in t.indicators if i.id == "university_patents")
    assert (patents.claimed, patents.verified, patents.achieved) == (5, 4, False)  # 5 required
