"""Two writes to one project at once on PostgreSQL: each inserted row holds a key-share lock on
its project (the foreign key), so the read model's refresh at commit must lock the project in a
mode compatible with it, or the two writers deadlock (found by the load test: claims answered 500)."""
import datetime as dt
import threading
from decimal import Decimal

import pytest
from sqlalchemy import select

from tracker.db import make_engine, read_session, write_session
from tracker.demo.generator import generate_demo
from tracker.models import FundMovement, Project, ProjectSnapshot
from tracker.schema import upgrade
from tracker.services.programmes import load_programmes, loaded_programmes
from tracker.services.snapshots import rebuild

TODAY = dt.date(2026, 11, 25)


@pytest.mark.postgres
@pytest.mark.parametrize("databases", ["postgresql"], indirect=True)
def test_two_writers_holding_rows_of_one_project_both_commit(any_db_url):
    engine = make_engine(any_db_url)
    upgrade(engine)
    with write_session(engine) as s:
        load_programmes(s)
        generate_demo(s, loaded_programmes(s), projects=5, seed=3, today=TODAY, actor="test")
        rebuild(s, TODAY)
    with read_session(engine) as s:
        project_id = s.scalar(select(Project.id).where(Project.state == "in_progress").order_by(Project.id))
        before = s.get(ProjectSnapshot, project_id).disbursed_wan
    both_flushed = threading.Barrier(2, timeout=20)
    errors: list[BaseException] = []

    def pay() -> None:
        try:
            with write_session(engine) as s:
                s.add(FundMovement(project_id=project_id, kind="disbursement", on_date=TODAY,
                                   amount_wan=Decimal("0.01"), actor="t", reason=None,
                                   recorded_at=dt.datetime.now(dt.timezone.utc)))
                s.flush()  # the row is in: this transaction holds a key-share lock on the project
                both_flushed.wait()
            # leaving the block commits, and the commit refreshes the project's snapshot
        except BaseException as exc:  # reported below
            errors.append(exc)

    writers = [threading.Thread(target=pay) for _ in range(2)]
    for w in writers:
        w.start()
    for w in writers:
        w.join(60)
    assert not errors, errors
    with read_session(engine) as s:
        assert s.get(ProjectSnapshot, project_id).disbursed_wan == before + Decimal("0.02")
    engine.dispose()
