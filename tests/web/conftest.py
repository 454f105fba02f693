"""Web tests: the application on a loopback port, over real HTTP, with accounts of every role."""
from __future__ import annotations

import pytest

from support.web import PASSWORD, TODAY, USERS, Server


def build_portfolio(t, examples, tmp_path):
    """The examples, a third project elsewhere, achievements, alerts and one account per role,
    created with `tracker users add` as the bureau would."""
    from support.files import read_rows, write_csv
    t("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    rows = read_rows(examples / "projects.csv")
    rows.append(["SZIPS-2024-003", "91320583788194722P", "昆山示例电子材料有限公司", "电子材料标准化", "昆山市",
                 "新材料", "40", "2025-06-01", "2027-05-31", ""])
    t("projects", "import", "--programme", "SZIPS-2024", str(write_csv(tmp_path / "p.csv", rows)))
    t("achievements", "import", str(examples / "achievements.csv"))
    t("achievements", "import", str(write_csv(tmp_path / "a.csv", [
        ["project_code", "indicator", "date", "title", "reference"],
        ["SZIPS-2024-002", "certified_staff", "2025-10-01", "证书", "CERT-B-1"],
        ["SZIPS-2024-003", "certified_staff", "2025-10-01", "证书", "CERT-C-1"]])))
    t("scan", "--today", TODAY.isoformat())
    t("snapshots", "rebuild", "--today", TODAY.isoformat())  # the dashboards' day, as the daily job would
    for name, args in USERS.items():
        t("users", "add", name, *args, "--password-stdin", input=PASSWORD + "\n")
    return t


def _portfolio_of(t, templates, examples, tmp_path_factory):
    """`t`'s database becomes a copy of the portfolio, built once per session and kind of database
    (building it, with its six argon2 hashes, took seconds per test)."""
    templates.copy(t.url, "portfolio", lambda fresh: build_portfolio(fresh, examples,
                                                                     tmp_path_factory.mktemp("portfolio")))
    return t


@pytest.fixture
def portfolio(tracker, templates, examples, tmp_path_factory):
    return _portfolio_of(tracker, templates, examples, tmp_path_factory)


@pytest.fixture
def sqlite_portfolio(sqlite_tracker, templates, examples, tmp_path_factory):
    return _portfolio_of(sqlite_tracker, templates, examples, tmp_path_factory)


@pytest.fixture
def server(portfolio, tmp_path):
    s = Server(portfolio.url, tmp_path / "evidence")
    yield s
    s.close()


@pytest.fixture
def sqlite_server(sqlite_portfolio, tmp_path):
    s = Server(sqlite_portfolio.url, tmp_path / "evidence")
    yield s
    s.close()
