"""The read model in the unit of work: a claim through the API, a review through the CLI and a
payment through the CLI each show on the dashboards at once, rewriting the snapshots of the
projects they touched and no others; the CLI and the overview give the same figures; a web
request never rebuilds stale snapshots."""
import datetime as dt
import json
from decimal import Decimal

from sqlalchemy import select, update

from support.web import TODAY
from test_dash_callbacks import call, dependencies
from tracker.db import read_session, write_session
from tracker.models import Project, ProjectSnapshot, SnapshotState
from tracker.principal import Principal
from tracker.queries import overview

BUREAU = Principal.bureau("test")
SENTINEL = -1.0  # no computed snapshot has a negative elapsed share


def mark_all_snapshots(engine):
    """Stamp every snapshot row, so that any row rewritten afterwards can be told apart."""
    with engine.begin() as c:
        c.execute(update(ProjectSnapshot).values(elapsed=SENTINEL))


def rewritten(engine) -> set[str]:
    with read_session(engine) as s:
        return set(s.scalars(select(Project.code).join(ProjectSnapshot, ProjectSnapshot.project_id == Project.id)
                             .where(ProjectSnapshot.elapsed != SENTINEL)))


def listed(engine, code):
    with read_session(engine) as s:
        rows, _ = overview.project_list(s, BUREAU, filters={"project_code": {"type": "equals", "filter": code}})
    return rows[0]


def cli_status(tracker, code):
    return tracker.json("status", "--project", code, "--today", TODAY.isoformat())[0]


def test_api_claim_cli_review_and_cli_payment_show_at_once_and_touch_only_their_projects(
        sqlite_server, sqlite_portfolio):
    tr = sqlite_portfolio
    tr("demo", "--projects", "40", "--today", TODAY.isoformat())  # others that must stay untouched
    engine = tr.engine()
    with read_session(engine) as s:
        assert s.scalar(select(SnapshotState.as_of)) == TODAY
        total = len(s.scalars(select(ProjectSnapshot.project_id)).all())
    assert total == 43

    # 1. a claim through the API, of a certificate SZIPS-2024-002 already claims: both flagged
    mark_all_snapshots(engine)
    assert "claimed_by_other_project" not in cli_status(tr, "SZIPS-2024-001")["flags"]
    ent1 = sqlite_server.client("ent1")
    r = ent1.post(f"{sqlite_server.base}/api/projects/SZIPS-2024-001/achievements",
                  json={"indicator": "certified_staff", "date": "2025-10-20", "title": "证书", "reference": "CERT-B-1"})
    assert r.status_code == 201, r.text
    claim_id = r.json()["id"]
    assert rewritten(engine) == {"SZIPS-2024-001", "SZIPS-2024-002"}
    with read_session(engine) as s:
        flags = dict(s.execute(select(Project.code, ProjectSnapshot.flags)
                               .join(ProjectSnapshot, ProjectSnapshot.project_id == Project.id)
                               .where(Project.code.in_(["SZIPS-2024-001", "SZIPS-2024-002"]))).all())
    assert all("claimed_by_other_project" in f for f in flags.values()), flags

    # 2. a review through the CLI: the verified certificates move the project's pace at once
    pace_before = listed(engine, "SZIPS-2024-001")["pace"]
    mark_all_snapshots(engine)
    pending = [a for a in tr.json("achievements", "list", "--project", "SZIPS-2024-001")
               if a["status"] == "claimed" and a["id"] != claim_id]
    assert pending, "the examples leave claims to review"
    tr("achievements", "review", str(pending[0]["id"]), "--verify", "--by", "审核员")
    touched = rewritten(engine)
    assert "SZIPS-2024-001" in touched and len(touched) <= 2  # itself, and a claimant of its reference
    row, live = listed(engine, "SZIPS-2024-001"), cli_status(tr, "SZIPS-2024-001")
    assert row["pace"] == round(live["pace"], 4) and row["targets_achieved"] == live["targets_achieved"]
    assert row["pace"] >= pace_before

    # 3. a payment and a recall through the CLI: on the overview at once, gross, recalled and net
    mark_all_snapshots(engine)
    with read_session(engine) as s:
        before = overview.kpis(s, BUREAU)
    tr("funds", "disburse", "SZIPS-2024-003", "20", "--on", "2026-01-05", "--by", "财务")
    assert rewritten(engine) == {"SZIPS-2024-003"}
    tr("funds", "recall", "SZIPS-2024-003", "5", "--on", "2026-02-05", "--by", "财务", "--reason", "调整")
    with read_session(engine) as s:
        after = overview.kpis(s, BUREAU)
    assert after["disbursed_wan"] - before["disbursed_wan"] == Decimal("20.00")
    assert after["recalled_wan"] - before["recalled_wan"] == Decimal("5.00")
    assert after["net_disbursed_wan"] - before["net_disbursed_wan"] == Decimal("15.00")
    row = listed(engine, "SZIPS-2024-003")
    assert (row["disbursed_wan"], row["recalled_wan"], row["net_disbursed_wan"]) == ("20.00", "5.00", "15.00")
    assert rewritten(engine) == {"SZIPS-2024-003"}

    # the same figures in the CLI and on the overview
    statuses = tr.json("status", "--today", TODAY.isoformat())
    def total_of(key):
        return sum((Decimal(x[key]) for x in statuses), Decimal("0.00"))
    assert (after["projects"], after["granted_wan"], after["disbursed_wan"], after["recalled_wan"],
            after["net_disbursed_wan"], after["at_risk_wan"]) == (
        len(statuses), total_of("grant_wan"), total_of("disbursed_wan"), total_of("recalled_wan"),
        total_of("net_disbursed_wan"), total_of("funds_at_risk_wan"))
    assert after["targets_achieved"] == sum(x["targets_achieved"] for x in statuses)
    assert after["high_risk"] == sum(x["risk"] == "high" for x in statuses)
    summary = tr("status", "--summary", "--today", TODAY.isoformat()).stdout
    assert (f"资助金额 {after['granted_wan']} 万元，已拨付 {after['disbursed_wan']} 万元，"
            f"已收回 {after['recalled_wan']} 万元，净拨付 {after['net_disbursed_wan']} 万元，"
            f"风险资金 {after['at_risk_wan']} 万元") in summary
    engine.dispose()


def test_a_web_request_with_snapshots_of_an_earlier_day_shows_them_and_rebuilds_nothing(
        sqlite_server, sqlite_portfolio):
    engine = sqlite_portfolio.engine()
    yesterday = TODAY - dt.timedelta(days=1)
    with write_session(engine) as s:
        s.execute(update(SnapshotState).values(as_of=yesterday))
    mark_all_snapshots(engine)
    client, base = sqlite_server.client("bureau"), sqlite_server.base
    deps = dependencies(client, base)
    pages = {path: call(client, base, deps, "_pages_content", [path, ""]) for path in ("/", "/projects", "/risk")}
    grid = call(client, base, deps, "projects-grid", [{"startRow": 0, "endRow": 100}])
    assert grid.status_code == 200
    for path, r in pages.items():
        assert r.status_code == 200, (path, r.text)
        shown = json.dumps(r.json(), ensure_ascii=False)
        assert f"以下数据按 {yesterday.isoformat()} 计算" in shown, path
    assert rewritten(engine) == set()
    with read_session(engine) as s:
        assert s.scalar(select(SnapshotState.as_of)) == yesterday
        assert set(s.scalars(select(ProjectSnapshot.as_of))) == {TODAY}  # as built, not recomputed
    engine.dispose()
