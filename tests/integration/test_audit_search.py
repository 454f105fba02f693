"""The audit trail searched by who, what and when, in Beijing time, on a real database."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from support.examples_db import examples_tracker
from tracker.models import AuditEvent
from tracker.principal import Principal
from tracker.queries.audit_log import AuditFilter, search_audit

BUREAU = Principal("市局", "bureau")
WUZHONG = Principal("吴中", "district", district="吴中区")


@pytest.fixture(scope="module")
def engine(tmp_path_factory, examples):
    t = examples_tracker(tmp_path_factory.mktemp("audit"), examples)
    t("funds", "disburse", "SZIPS-2024-001", "10", "--on", "2025-01-20", "--by", "财务处_张三", "--reason", "首期")
    e = t.engine()
    yield e
    e.dispose()


def search(engine, f: AuditFilter, who: Principal = BUREAU):
    with Session(engine) as s:
        return search_audit(s, who, f)


def test_who_what_and_key_filters_narrow_the_trail(engine):
    everything, total = search(engine, AuditFilter())
    assert total == len(everything) > 3
    money, n = search(engine, AuditFilter(actor="张三"))
    assert n == 1 and money[0]["action"] == "funds.disbursement" and money[0]["reason"] == "首期"
    assert search(engine, AuditFilter(actor="_"))[1] == 1  # wildcards are taken literally
    created, _ = search(engine, AuditFilter(action="project.created"))
    assert {e["key"] for e in created} == {"SZIPS-2024-001", "SZIPS-2024-002"}
    assert {e["key"] for e in search(engine, AuditFilter(key="-002"))[0]} == {"SZIPS-2024-002"}


def test_times_are_beijing_time_and_days_are_beijing_days(engine):
    with Session(engine) as s:  # one event at 23:30 UTC on 2026-03-01: 07:30 on 2 March in Beijing
        s.add(AuditEvent(recorded_at=dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.timezone.utc), actor="市局",
                         action="user.added", entity="user", entity_key="night-owl"))
        s.commit()
    found, n = search(engine, AuditFilter(since=dt.date(2026, 3, 2), until=dt.date(2026, 3, 2)))
    assert n == 1 and found[0]["when"] == "2026-03-02 07:30:00"
    assert search(engine, AuditFilter(since=dt.date(2026, 3, 1), until=dt.date(2026, 3, 1)))[1] == 0


def test_a_district_office_sees_only_its_district_in_the_trail(engine):
    own, _ = search(engine, AuditFilter(action="project.created"), who=WUZHONG)
    assert {e["key"] for e in own} == {"SZIPS-2024-001"}
