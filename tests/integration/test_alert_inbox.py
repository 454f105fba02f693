"""The alerts page's data on a real database: open and acknowledged alerts per principal, the
acknowledgement audited and refused twice, out of reach, or by a role that may not."""
from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from support.examples_db import examples_tracker
from tracker.errors import Forbidden, NotFound, StateError
from tracker.models import AuditEvent
from tracker.principal import Principal
from tracker.queries.alerts import ACKNOWLEDGED, OPEN, alert_inbox, open_alert_count
from tracker.services.alert_acknowledgements import acknowledge_alert

BUREAU = Principal("市局", "bureau")
AUDITOR = Principal("审计", "auditor")
WUZHONG = Principal("吴中", "district", district="吴中区")
KUNSHAN = Principal("昆山", "district", district="昆山市")


@pytest.fixture
def engine(tmp_path, examples):
    t = examples_tracker(tmp_path, examples)
    t("scan", "--today", "2026-11-25")
    e = t.engine()
    yield e
    e.dispose()


def inbox(engine, who, **kw):
    with Session(engine) as s:
        return alert_inbox(s, who, **kw)


def test_open_alerts_are_listed_most_urgent_first_within_reach(engine):
    alerts, total = inbox(engine, BUREAU)
    assert total == len(alerts) > 1
    assert {a["project_code"] for a in alerts} == {"SZIPS-2024-001", "SZIPS-2024-002"}
    days = [a["days_left"] for a in alerts if a["days_left"] is not None]
    assert days == sorted(days)
    own, _ = inbox(engine, WUZHONG)
    assert own and {a["district"] for a in own} == {"吴中区"}
    assert inbox(engine, KUNSHAN) == ([], 0)
    kind = alerts[0]["kind"]
    assert {a["kind"] for a in inbox(engine, BUREAU, kind=kind)[0]} == {kind}


def test_acknowledging_moves_an_alert_from_open_to_acknowledged_and_is_audited(engine):
    first = inbox(engine, WUZHONG)[0][0]
    with Session(engine) as s:
        before = open_alert_count(s, BUREAU)
        acknowledge_alert(s, first["id"], actor=WUZHONG, note="已电话督促企业")
        s.commit()
    with Session(engine) as s:
        assert open_alert_count(s, BUREAU) == before - 1
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "alert.acknowledged")).one()
        assert (event.actor, event.entity_key, event.reason) == ("吴中", str(first["id"]), "已电话督促企业")
    done, n = inbox(engine, BUREAU, status=ACKNOWLEDGED)
    assert n == 1 and done[0]["acknowledged_by"] == "吴中" and done[0]["acknowledged_note"] == "已电话督促企业"
    assert first["id"] not in {a["id"] for a in inbox(engine, BUREAU, status=OPEN)[0]}
    with Session(engine) as s, pytest.raises(StateError):
        acknowledge_alert(s, first["id"], actor=BUREAU)


def test_acknowledging_is_refused_out_of_reach_and_to_auditors(engine):
    alert = next(a for a in inbox(engine, BUREAU)[0] if a["district"] != "吴中区")
    with Session(engine) as s:
        with pytest.raises(NotFound):
            acknowledge_alert(s, alert["id"], actor=WUZHONG)
        with pytest.raises(Forbidden):
            acknowledge_alert(s, alert["id"], actor=AUDITOR)
        with pytest.raises(NotFound):
            acknowledge_alert(s, 999999, actor=BUREAU)
        s.rollback()
    assert inbox(engine, BUREAU, status=ACKNOWLEDGED) == ([], 0)
