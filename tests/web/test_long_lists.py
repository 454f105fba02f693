"""Pages over long lists draw a bounded first part and say how much there is: the alerts page
the 100 most urgent, the funds page the 100 latest movements, each with the count and the
totals of every match (a portfolio of a few hundred demo projects has more of both)."""
import pytest

from support.db import Tracker
from support.web import PASSWORD, TODAY, USERS, Server
from sqlalchemy import text
from test_dash_callbacks import call, dependencies


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("long-lists")
    t = Tracker(f"sqlite:///{tmp / 'long.sqlite3'}")
    t("init")
    t("demo", "--projects", "300", "--seed", "3", "--today", TODAY.isoformat())
    t("users", "add", "bureau", *USERS["bureau"], "--password-stdin", input=PASSWORD + "\n")
    s = Server(t.url, tmp / "evidence")
    yield t, s
    s.close()


def count(t, sql):
    engine = t.engine()
    with engine.connect() as c:
        n = c.execute(text(sql)).scalar_one()
    engine.dispose()
    return n


def rows(children):
    """The body rows of a table component as the callback answered it."""
    table = children["props"]["children"] if children.get("type") == "Div" else children
    body = next(c for c in table["props"]["children"] if c.get("type") == "Tbody")
    return body["props"]["children"]


def test_the_alerts_page_draws_the_most_urgent_hundred_and_counts_them_all(server):
    t, s = server
    open_alerts = count(t, "SELECT count(*) FROM alerts WHERE acknowledged_at IS NULL")
    client = s.client("bureau")
    deps = dependencies(client, s.base)
    answer = call(client, s.base, deps, "alerts-body", ["open", None, None, 0]).json()["response"]
    shown = answer["alerts-count"]["children"]
    assert open_alerts > 100
    assert shown.startswith(f"共 {open_alerts} 条提醒") and "显示最紧急的 100 条" in shown
    assert len(rows(answer["alerts-body"]["children"])) == 100


def test_the_funds_page_draws_the_latest_hundred_and_totals_every_movement(server):
    t, s = server
    movements = count(t, "SELECT count(*) FROM fund_movements")
    client = s.client("bureau")
    deps = dependencies(client, s.base)
    answer = call(client, s.base, deps, "funds-body", ["", None, 0]).json()["response"]
    totals = answer["funds-totals"]["children"]
    assert movements > 100 and totals.startswith(f"共 {movements} 笔") and "页面显示最近 100 笔" in totals
    assert len(rows(answer["funds-body"]["children"])) == 100
