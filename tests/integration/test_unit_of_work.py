"""The read model in the unit of work, on both databases: a committed write refreshes the
snapshots of exactly the projects it touched, a rolled-back one nothing; bulk inserts mark the
projects of their rows; the change of day belongs to the daily job and a command, which commit
a slice of projects at a time; `tracker init` and `tracker demo` leave fresh snapshots."""
import datetime as dt
import threading
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, func, insert, select, update
from sqlalchemy.orm import Session

from schedules import jobs
from tracker.db import make_engine, read_session, write_session
from tracker.demo.generator import generate_demo
from tracker.models import FundMovement, Project, ProjectSnapshot, ScanRun, SnapshotState
from tracker.principal import Principal
from tracker.queries.status import portfolio_status
from tracker.schema import upgrade
from tracker.services.funds import disburse
from tracker.services.programmes import load_programmes, loaded_programmes
from tracker.services.snapshots import rebuild, rebuild_in_chunks

TODAY = dt.date(2026, 11, 25)
BUREAU = Principal.bureau("t")
SENTINEL = -1.0


@pytest.fixture
def engine(migrated_db_url):
    engine = make_engine(migrated_db_url)
    upgrade(engine)
    with write_session(engine) as s:
        load_programmes(s)
        generate_demo(s, loaded_programmes(s), projects=20, seed=3, today=TODAY, actor="test")
        rebuild(s, TODAY)
    yield engine
    engine.dispose()


def stamp(engine):
    with engine.begin() as c:
        c.execute(update(ProjectSnapshot).values(elapsed=SENTINEL))


def rewritten(engine) -> set[int]:
    with read_session(engine) as s:
        return set(s.scalars(select(ProjectSnapshot.project_id).where(ProjectSnapshot.elapsed != SENTINEL)))


def open_project(engine) -> tuple[int, str]:
    """A project that can take another disbursement."""
    with read_session(engine) as s:
        for status in portfolio_status(s, BUREAU, TODAY):
            b = status.bundle
            if b.state == "in_progress" and b.disbursed < b.grant_wan:
                return b.id, b.code
    raise AssertionError("the demo has open projects")


def test_a_committed_write_refreshes_its_project_alone_within_the_transaction(engine):
    project_id, code = open_project(engine)
    stamp(engine)
    with write_session(engine) as s:
        disburse(s, code, Decimal("0.01"), on=TODAY, actor=BUREAU)
    assert rewritten(engine) == {project_id}
    with read_session(engine) as s:
        snap = s.get(ProjectSnapshot, project_id)
        live = portfolio_status(s, BUREAU, TODAY, code)[0].bundle
    assert (snap.disbursed_wan, snap.recalled_wan, snap.net_disbursed_wan, snap.as_of) == (
        live.disbursed, live.recalled, live.net_disbursed, TODAY)


def test_a_rolled_back_write_refreshes_nothing_and_leaves_no_marks_for_the_next_commit(engine):
    _, code = open_project(engine)
    stamp(engine)
    with Session(engine) as s:
        s.begin()
        disburse(s, code, Decimal("0.01"), on=TODAY, actor=BUREAU)
        s.flush()
        s.rollback()
        s.begin()
        s.commit()
    assert rewritten(engine) == set()


def test_a_bulk_insert_marks_the_projects_of_its_rows(engine):
    project_id, _ = open_project(engine)
    stamp(engine)
    with write_session(engine) as s:
        s.execute(insert(FundMovement), [{"project_id": project_id, "kind": "disbursement", "on_date": TODAY,
                                          "amount_wan": Decimal("0.01"), "actor": "t", "reason": None,
                                          "recorded_at": dt.datetime.now(dt.timezone.utc)}])
    assert rewritten(engine) == {project_id}


def test_a_write_on_an_earlier_snapshot_day_refreshes_for_that_day(engine):
    """Until the daily job moves the day, a refreshed row stays comparable with the others."""
    project_id, code = open_project(engine)
    with write_session(engine) as s:
        s.execute(update(SnapshotState).values(as_of=TODAY - dt.timedelta(days=3)))
    with write_session(engine) as s:
        disburse(s, code, Decimal("0.01"), on=TODAY, actor=BUREAU)
    with read_session(engine) as s:
        assert s.get(ProjectSnapshot, project_id).as_of == TODAY - dt.timedelta(days=3)


def test_the_change_of_day_commits_a_slice_of_projects_at_a_time(engine):
    commits = []
    event.listen(engine, "commit", lambda _conn: commits.append(1))
    count = rebuild_in_chunks(engine, TODAY + dt.timedelta(days=1), chunk=6)
    with read_session(engine) as s:
        days = set(s.scalars(select(ProjectSnapshot.as_of)))
        state = s.get(SnapshotState, 1).as_of
    assert count == 20 and days == {state} == {TODAY + dt.timedelta(days=1)}
    assert len(commits) == 1 + 4 + 1  # the day, ids in slices of 6 (demo ids run 1..20), the fingerprint


def test_the_daily_job_moves_the_snapshots_to_its_day_once_and_scans(engine):
    day = TODAY + dt.timedelta(days=1)
    jobs.configure(jobs.Runtime(engine=engine, timezone=ZoneInfo("Asia/Shanghai"), fixed_today=day))
    try:
        jobs.daily_scan(trigger="test")
        with read_session(engine) as s:
            assert set(s.scalars(select(ProjectSnapshot.as_of))) == {day}
            assert s.scalar(select(func.count(ProjectSnapshot.project_id))) == 20
            assert s.scalar(select(func.count(ScanRun.id)).where(ScanRun.day == day)) == 1
        stamp(engine)
        jobs.daily_scan(trigger="test")  # the same day again: nothing to rebuild
        assert rewritten(engine) == set()
    finally:
        jobs.configure(None)  # type: ignore[arg-type]


def test_init_and_demo_leave_fresh_snapshots_and_imports_refresh_theirs(tracker, examples):
    engine = tracker.engine()
    with read_session(engine) as s:
        assert s.get(SnapshotState, 1) is not None  # built by init, for an empty portfolio
    tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    tracker("achievements", "import", str(examples / "achievements.csv"))
    tracker("demo", "--projects", "15", "--today", TODAY.isoformat())
    with read_session(engine) as s:
        projects = s.scalar(select(func.count(Project.id)))
        snaps = s.scalar(select(func.count(ProjectSnapshot.project_id)).where(ProjectSnapshot.as_of == TODAY))
        live = {x.bundle.id: x for x in portfolio_status(s, BUREAU, TODAY)}
        stored = {r.project_id: r for r in s.scalars(select(ProjectSnapshot))}
    assert projects == snaps == 17
    assert {k: (v.targets_achieved, v.risk.level) for k, v in live.items()} == {
        k: (v.targets_achieved, v.risk) for k, v in stored.items()}
    engine.dispose()


@pytest.mark.postgres
def test_two_writes_to_one_project_at_once_on_postgresql_both_show_in_its_snapshot(postgres_server):
    """READ COMMITTED lets two transactions read the same project at once; the refresh locks the
    project first, so the second computes from what the first committed (and does not collide
    with the row the first wrote)."""
    from support.db import _new_pg_database
    engine = make_engine(_new_pg_database(postgres_server))
    upgrade(engine)
    with write_session(engine) as s:
        load_programmes(s)
        generate_demo(s, loaded_programmes(s), projects=5, seed=3, today=TODAY, actor="test")
        rebuild(s, TODAY)
    project_id, _ = open_project(engine)
    with read_session(engine) as s:
        gross = s.get(ProjectSnapshot, project_id).disbursed_wan

    def payment(session):
        session.add(FundMovement(project_id=project_id, kind="disbursement", on_date=TODAY,
                                 amount_wan=Decimal("0.01"), actor="t", reason=None,
                                 recorded_at=dt.datetime.now(dt.timezone.utc)))

    first = Session(engine)
    first.begin()
    payment(first)
    first.flush()
    from tracker.services.snapshots import refresh_touched
    refresh_touched(first)  # the first has written its snapshot row and holds the project
    errors = []

    def second():
        try:
            with write_session(engine) as s:
                payment(s)
        except Exception as exc:  # reported below
            errors.append(exc)
    thread = threading.Thread(target=second)
    thread.start()
    thread.join(1.0)
    assert thread.is_alive(), "the second write waits for the first"
    first.commit()
    first.close()
    thread.join(20)
    assert not errors, errors
    with read_session(engine) as s:
        assert s.get(ProjectSnapshot, project_id).disbursed_wan == gross + Decimal("0.02")
    engine.dispose()


def test_a_refresh_marks_nothing_so_each_project_is_computed_once(engine, monkeypatch):
    """Writing the read model (snapshots, target rows, evaluations) is no change of a project:
    a rebuild must not leave every project marked for a second computation at the commit."""
    import tracker.queries.status as status
    computed: list[int] = []
    evaluate = status.evaluate
    monkeypatch.setattr(status, "evaluate", lambda b, *a, **k: computed.append(b.id) or evaluate(b, *a, **k))
    with write_session(engine) as s:
        count = rebuild(s, TODAY)
    assert count == 20 and sorted(computed) == sorted(set(computed)) and len(computed) == 20
    project_id, code = open_project(engine)
    computed.clear()
    with write_session(engine) as s:
        disburse(s, code, Decimal("0.01"), on=TODAY, actor=BUREAU)
    assert computed == [project_id]
