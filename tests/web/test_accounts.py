"""Accounts: passwords worth having, a way to change and reset them, and answers that a
browser or proxy will not keep."""
from __future__ import annotations

import re

import pytest
import requests

from support.web import PASSWORD, Server
from tracker.services.accounts import password_problem


@pytest.mark.parametrize("weak", ["short-pass1", " " * 12, "a" * 16, "\t" * 20])
def test_weak_passwords_are_refused(weak):
    assert password_problem(weak)


def test_a_long_varied_password_is_accepted():
    assert password_problem("correct horse battery") is None


def test_users_add_refuses_ten_spaces(sqlite_tracker):
    r = sqlite_tracker("users", "add", "x", "--role", "bureau", "--password-stdin", input=" " * 12 + "\n", expect=2)
    assert "密码" in r.stderr


def test_users_passwd_sets_a_new_password_and_ends_the_sessions(sqlite_server, sqlite_portfolio):
    c = sqlite_server.client("ent1")
    sqlite_portfolio("users", "passwd", "ent1", "--password-stdin", input="a-brand-new-secret\n")
    assert c.get(sqlite_server.base + "/api/me").status_code == 401
    assert sqlite_server.client().post(sqlite_server.base + "/api/login", json={
        "username": "ent1", "password": PASSWORD}).status_code == 401
    sqlite_server.client("ent1", password="a-brand-new-secret")
    weak = sqlite_portfolio("users", "passwd", "ent1", "--password-stdin", input="1111111111111\n", expect=2)
    assert "密码" in weak.stderr
    unknown = sqlite_portfolio("users", "passwd", "nobody", "--password-stdin", input="a-brand-new-secret\n",
                               expect=2)
    assert "nobody" in unknown.stderr


def _browser_session(server: Server, username: str, password: str = PASSWORD) -> requests.Session:
    c = requests.Session()
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get(server.base + "/login").text).group(1)
    c.post(server.base + "/login", data={"username": username, "password": password, "csrf_token": token})
    return c


def test_the_change_password_page_needs_the_current_password(sqlite_server):
    c = _browser_session(sqlite_server, "wuzhong")
    other = sqlite_server.client("wuzhong")
    page = c.get(sqlite_server.base + "/password")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    wrong = c.post(sqlite_server.base + "/password", data={"csrf_token": token, "current": "not-the-password",
                                                          "new": "district-office-2026", "repeat": "district-office-2026"})
    assert wrong.status_code == 400
    forged = c.post(sqlite_server.base + "/password", data={"current": PASSWORD, "new": "district-office-2026",
                                                           "repeat": "district-office-2026"})
    assert forged.status_code == 403
    ok = c.post(sqlite_server.base + "/password", data={"csrf_token": token, "current": PASSWORD,
                                                       "new": "district-office-2026", "repeat": "district-office-2026"})
    assert ok.status_code == 200
    assert c.get(sqlite_server.base + "/api/me").status_code == 200  # this session stays
    assert other.get(sqlite_server.base + "/api/me").status_code == 401  # the others end
    sqlite_server.client("wuzhong", password="district-office-2026")


def test_signed_in_pages_are_not_cached_and_https_adds_hsts(sqlite_portfolio, tmp_path):
    server = Server(sqlite_portfolio.url, tmp_path / "ev", https=True)
    try:
        page = requests.get(server.base + "/login")
        assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    finally:
        server.close()
    plain = Server(sqlite_portfolio.url, tmp_path / "ev")
    try:
        c = _browser_session(plain, "bureau")
        for path in ("/", "/projects", "/api/projects"):
            r = c.get(plain.base + path)
            assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store", path
        assert "Strict-Transport-Security" not in r.headers
    finally:
        plain.close()
