"""Web tests: the application on a loopback port, over real HTTP, with accounts of every role."""
from __future__ import annotations

import pytest

from support.db import (any_db_url, db_url, new_db_url, postgres_server, sqlite_tracker,  # noqa: F401
                        tracker)
from support.web import PASSWORD, TODAY, USERS, Server


def build_portfolio(t, examples, tmp_path):
    """The examples, a third project elsewhere, achievements, alerts and one account per role,
    created with `tracker users add` as the bureau would."""
    from support.files import read_rows, write_csv
    t("applications", "import", str(examples / "applicants.csv"))
    rows = read_rows(examples / "projects.csv")
    rows.append(["SZIPS-2024-003", "91320583788194722P", "昆山示例电子材料有限公司", "电子材料标准化", "昆山市",
                 "新材料", "40", "2025-06-01", "2027-05-31", ""])
    t("projects", "import", str(write_csv(tmp_path / "p.csv", rows)))
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


@pytest.fixture
def portfolio(tracker, examples, tmp_path):
    return build_portfolio(tracker, examples, tmp_path)


@pytest.fixture
def sqlite_portfolio(sqlite_tracker, examples, tmp_path):
    return build_portfolio(sqlite_tracker, examples, tmp_path)


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
