"""The portfolio read model: snapshots agree with the rules, stay fresh, and the views answer
in SQL with a number of statements that does not grow with the portfolio."""
import datetime as dt
from decimal import Decimal

from sqlalchemy import event

from tracker.db import make_engine, read_session, write_session
from tracker.demo.generator import generate_demo
from tracker.principal import Principal
from tracker.queries import overview
from tracker.queries.status import portfolio_status
from tracker.schema import upgrade
from tracker.services.programmes import load_programmes, loaded_programmes
from tracker.services.snapshots import rebuild

TODAY = dt.date(2026, 11, 25)
BUREAU = Principal.bureau("t")


def portfolio(url, projects, seed=7):
    engine = make_engine(url)
    upgrade(engine)
    with write_session(engine) as s:
        load_programmes(s)
        generate_demo(s, loaded_programmes(s), projects=projects, seed=seed, today=TODAY, actor="test")
        rebuild(s, TODAY)
    return engine


def statements(engine, work):
    seen = []
    listener = lambda *a: seen.append(a[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        with read_session(engine) as s:
            work(s)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(seen)


def all_views(s, principal=BUREAU):
    overview.kpis(s, principal)
    overview.breakdown(s, principal, "district")
    overview.target_rates(s, principal)
    overview.pace_points(s, principal)
    overview.timeline(s, principal)
    overview.project_list(s, principal, sort=[{"colId": "pace", "sort": "asc"}],
                          filters={"district": {"filterType": "text", "type": "contains", "filter": "区"}})


def test_snapshots_agree_with_the_rules(migrated_db_url):
    engine = portfolio(migrated_db_url, 80)
    with read_session(engine) as s:
        statuses = portfolio_status(s, BUREAU, TODAY)
        k = overview.kpis(s, BUREAU)
        rows, total = overview.project_list(s, BUREAU, limit=None)
    assert total == k["projects"] == len(statuses) == 80
    assert k["at_risk_wan"] == sum((x.funds_at_risk for x in statuses), Decimal("0.00"))
    assert k["targets_achieved"] == sum(x.targets_achieved for x in statuses)
    assert k["high_risk"] == sum(x.risk.level == "high" for x in statuses)
    by_code = {x.bundle.code: x for x in statuses}
    for r in rows:
        x = by_code[r["project_code"]]
        assert (r["risk"], r["targets_achieved"], r["days_left"]) == (x.risk.level, x.targets_achieved, x.days_left)
        assert r["risk_reasons"] == list(x.risk.reasons)
    engine.dispose()


def test_views_take_the_same_number_of_statements_for_10_and_for_500_projects(new_migrated_db_url):
    small, big = portfolio(new_migrated_db_url(), 10), portfolio(new_migrated_db_url(), 500, seed=8)
    assert statements(small, all_views) == statements(big, all_views)
    small.dispose(), big.dispose()


def test_sorting_filtering_and_paging_happen_in_sql(sqlite_migrated_db_url):
    engine = portfolio(sqlite_migrated_db_url, 120)
    with read_session(engine) as s:
        page, total = overview.project_list(s, BUREAU, sort=[{"colId": "days_left", "sort": "desc"}],
                                            offset=10, limit=25)
        everything, _ = overview.project_list(s, BUREAU, sort=[{"colId": "days_left", "sort": "desc"}], limit=None)
        high, n_high = overview.project_list(s, BUREAU, filters={"risk": {"filterType": "text", "type": "equals",
                                                                           "filter": "high"}}, limit=None)
        grants, _ = overview.project_list(s, BUREAU, filters={"grant_wan": {"filterType": "number",
                                                                             "type": "greaterThan", "filter": 60}},
                                          limit=None)
        odd, n_odd = overview.project_list(s, BUREAU, filters={"enterprise": {"type": "contains", "filter": "%_"}})
    assert total == 120 and page == everything[10:35]
    assert [r["days_left"] for r in everything] == sorted((r["days_left"] for r in everything), reverse=True)
    assert n_high == len(high) > 0 and {r["risk"] for r in high} == {"high"}
    assert grants and all(Decimal(r["grant_wan"]) > 60 for r in grants)
    assert n_odd == 0 and odd == []  # LIKE wildcards in a filter are taken literally
    engine.dispose()


def test_the_list_counts_what_it_lists_whatever_the_scope_and_filters_name(migrated_db_url):
    # the count reads the snapshots alone when nothing else is named, and joins otherwise
    engine = portfolio(migrated_db_url, 60)
    with read_session(engine) as s:
        first = overview.project_list(s, BUREAU, limit=1)[0][0]
        cases = [(BUREAU, {}, None), (BUREAU, {"pace": {"type": "lessThan", "filter": 0.5}}, None),
                 (BUREAU, {}, "SZIPS-2024"), (BUREAU, {"district": {"type": "equals", "filter": first["district"]}}, None),
                 (Principal("d", "district", district=first["district"]), {}, None)]
        for who, filters, programme in cases:
            rows, total = overview.project_list(s, who, filters=filters, programme=programme, limit=None)
            assert total == len(rows), (who, filters, programme)
        counts = [overview.project_list(s, who, filters=f, programme=p, limit=1)[1] for who, f, p in cases]
    assert counts[0] == 60 and 0 < counts[1] < 60 and 0 < counts[2] < 60 and 0 < counts[3] < 60
    engine.dispose()


def test_risk_sorts_by_severity_not_alphabetically(sqlite_migrated_db_url):
    engine = portfolio(sqlite_migrated_db_url, 120)
    with read_session(engine) as s:
        worst_first, _ = overview.project_list(s, BUREAU, sort=[{"colId": "risk", "sort": "desc"}], limit=None)
        mildest_first, _ = overview.project_list(s, BUREAU, sort=[{"colId": "risk", "sort": "asc"}], limit=None)
    rank = {"high": 3, "medium": 2, "low": 1, "closed": 0}
    levels = [r["risk"] for r in worst_first]
    assert len(set(levels)) >= 3 and levels[0] == "high"
    assert [rank[x] for x in levels] == sorted((rank[x] for x in levels), reverse=True)
    assert [rank[r["risk"]] for r in mildest_first] == sorted(rank[x] for x in levels)
    engine.dispose()


def test_views_are_scoped_by_principal(sqlite_migrated_db_url):
    engine = portfolio(sqlite_migrated_db_url, 60)
    with read_session(engine) as s:
        rows, _ = overview.project_list(s, BUREAU, limit=None)
        first = rows[0]
        district = Principal("d", "district", district=first["district"])
        enterprise = Principal("e", "enterprise", uscc=first["uscc"])
        d_rows, d_total = overview.project_list(s, district, limit=None)
        e_rows, _ = overview.project_list(s, enterprise, limit=None)
        d_kpis = overview.kpis(s, district)
        e_points = overview.pace_points(s, enterprise)
    assert {r["district"] for r in d_rows} == {first["district"]} and d_kpis["projects"] == d_total
    own = [r["project_code"] for r in rows if r["uscc"] == first["uscc"]]
    assert [r["project_code"] for r in e_rows] == own and len(own) == 2  # one in each programme
    assert {p["code"] for p in e_points} <= set(own)
    engine.dispose()


def test_a_rebuild_in_small_slices_gives_the_same_snapshots(sqlite_migrated_db_url):
    from sqlalchemy import select
    from tracker.models import ProjectSnapshot
    engine = portfolio(sqlite_migrated_db_url, 45)

    def rows():
        with read_session(engine) as s:
            return [tuple(getattr(r, c.key) for c in ProjectSnapshot.__table__.columns)
                    for r in s.scalars(select(ProjectSnapshot).order_by(ProjectSnapshot.project_id))]
    whole = rows()
    with write_session(engine) as s:
        assert rebuild(s, TODAY, chunk=7) == 45
    assert rows() == whole and len(whole) == 45
    engine.dispose()


def test_the_timeline_reads_upcoming_and_overdue_deadlines_apart(sqlite_migrated_db_url):
    engine = portfolio(sqlite_migrated_db_url, 120)
    with read_session(engine) as s:
        upcoming = overview.timeline(s, BUREAU, limit=200, overdue=False)
        overdue = overview.timeline(s, BUREAU, limit=200, overdue=True)
        mixed = overview.timeline(s, BUREAU, limit=200)
    assert upcoming and overdue
    assert all(r["days_left"] >= 0 for r in upcoming) and all(r["days_left"] < 0 for r in overdue)
    assert [r["days_left"] for r in upcoming] == sorted(r["days_left"] for r in upcoming)  # nearest first
    assert overdue[0]["days_left"] == min(r["days_left"] for r in overdue)  # longest overdue first
    assert len(upcoming) + len(overdue) == len(mixed) and all(r["enterprise"] for r in upcoming)
    engine.dispose()


def test_totals_and_target_rates_add_up_the_rules_per_group(migrated_db_url):
    engine = portfolio(migrated_db_url, 90)
    with read_session(engine) as s:
        statuses = portfolio_status(s, BUREAU, TODAY)
        k, by_district, by_cluster = overview.totals(s, BUREAU)
        rates = {r["programme"]: r for r in overview.target_rates(s, BUREAU, by="industry_cluster")}
        page = overview.overview_figures(s, BUREAU)
        assert page == {"kpis": k, "by_district": by_district, "by_cluster": by_cluster,
                        "rates": overview.target_rates(s, BUREAU, by="district")}
        assert k == overview.kpis(s, BUREAU) and k["projects"] == 90
    for rows, field in ((by_district, "district"), (by_cluster, "industry_cluster")):
        assert [r["key"] for r in rows] == sorted({getattr(x.bundle, field) for x in statuses})
        for r in rows:
            mine = [x for x in statuses if getattr(x.bundle, field) == r["key"]]
            assert r["projects"] == len(mine) and r["granted_wan"] == sum(x.bundle.grant_wan for x in mine)
            assert r["at_risk_wan"] == sum((x.funds_at_risk for x in mine), Decimal("0.00"))
            assert {level: r[level] for level in ("high", "medium", "low", "closed")} == {
                level: sum(x.risk.level == level for x in mine) for level in ("high", "medium", "low", "closed")}
    assert set(rates) == {x.bundle.programme.code for x in statuses}
    achieved_somewhere = 0
    for code, rate in rates.items():
        for row in rate["rows"]:
            mine = [x for x in statuses if x.bundle.programme.code == code and x.bundle.industry_cluster == row["key"]]
            assert row["projects"] == len(mine) > 0
            expected = [sum(t.achieved for x in mine for t in x.targets if t.id == target["id"])
                        for target in rate["targets"]]
            assert row["achieved"] == expected
            achieved_somewhere += sum(expected)
    assert achieved_somewhere > 0
    engine.dispose()


def test_the_latest_alerts_are_the_newest_of_all_cut_in_sql(sqlite_migrated_db_url):
    from tracker.queries.alerts import latest_alerts, list_alerts
    from tracker.services.scan import run_scan
    engine = portfolio(sqlite_migrated_db_url, 60)
    for day in (TODAY - dt.timedelta(days=40), TODAY - dt.timedelta(days=3), TODAY):
        run_scan(engine, day)
    district = Principal("d", "district", district="吴中区")
    with read_session(engine) as s:
        for who in (BUREAU, district):
            every = list_alerts(s, who)
            newest_first = sorted(every, key=lambda a: (a["raised_on"], a["project_code"]), reverse=True)
            assert latest_alerts(s, who, 12) == newest_first[:12] and newest_first
        every = list_alerts(s, BUREAU)
    assert len({a["raised_on"] for a in every}) > 1 and len(every) > 12  # the cut and the order matter
    engine.dispose()
