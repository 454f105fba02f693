"""INTERFACES.md 3.2 computed set-based: the number of SQL statements does not grow with projects."""
import datetime as dt

from sqlalchemy import event

from tracker.db import make_engine, read_session, write_session
from tracker.demo.generator import generate_demo
from tracker.principal import Principal
from tracker.queries.achievements import list_achievements
from tracker.queries.status import portfolio_status
from tracker.schema import upgrade
from tracker.services.programmes import load_programmes, loaded_programmes

TODAY = dt.date(2026, 11, 25)


def _portfolio(url, projects):
    engine = make_engine(url)
    upgrade(engine)
    with write_session(engine) as s:
        load_programmes(s)
        generate_demo(s, loaded_programmes(s), projects=projects, seed=7, today=TODAY, actor="test")
    return engine


def _count_statements(engine, work):
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        with read_session(engine) as session:
            result = work(session)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements), result


def test_status_of_10_and_of_500_projects_takes_the_same_number_of_statements(new_migrated_db_url):
    small = _portfolio(new_migrated_db_url(), 10)
    n_small, statuses = _count_statements(small, lambda s: portfolio_status(s, Principal.bureau("t"), TODAY))
    assert len(statuses) == 10
    small.dispose()
    big = _portfolio(new_migrated_db_url(), 500)
    n_big, statuses = _count_statements(big, lambda s: portfolio_status(s, Principal.bureau("t"), TODAY))
    assert len(statuses) == 500
    assert n_big == n_small
    n_list, records = _count_statements(big, lambda s: list_achievements(s, Principal.bureau("t")))
    assert len(records) > 500
    assert n_list <= n_small + 1
    big.dispose()


def test_a_principal_sees_only_its_own_projects(sqlite_migrated_db_url):
    engine = _portfolio(sqlite_migrated_db_url, 60)
    with read_session(engine) as s:
        everything = portfolio_status(s, Principal.bureau("t"), TODAY)
        one = everything[7].bundle
        mine = portfolio_status(s, Principal("e", "enterprise", uscc=one.uscc), TODAY)
        district = portfolio_status(s, Principal("d", "district", district=one.district), TODAY)
        other = portfolio_status(s, Principal("e", "enterprise", uscc=one.uscc), TODAY,
                                 code=everything[8].bundle.code)
        nobody = portfolio_status(s, Principal("x", "enterprise"), TODAY)
    assert [p.bundle.code for p in mine] == [one.code]
    assert {p.bundle.district for p in district} == {one.district}
    assert len(district) == sum(p.bundle.district == one.district for p in everything)
    assert other == [] and nobody == []
    engine.dispose()
