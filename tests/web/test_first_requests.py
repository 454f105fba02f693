"""A freshly started server answers its first requests, arriving together, without a 500:
Dash's own first-request set-up once raced with itself."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from support.web import Server


def test_dash_is_set_up_before_the_server_takes_a_request(sqlite_portfolio, tmp_path):
    server = Server(sqlite_portfolio.url, tmp_path / "evidence")
    try:
        # Dash's own flags for its first-request hooks (the race was between these two)
        assert server.app.extensions["tracker.dash"]._got_first_request == {"setup_server": True, "pages": True}
    finally:
        server.close()


def test_many_first_requests_at_once_on_a_fresh_server_all_answer(sqlite_portfolio, tmp_path):
    for attempt in range(3):  # each a fresh server: only first requests raced
        server = Server(sqlite_portfolio.url, tmp_path / f"evidence{attempt}")
        try:
            paths = ["/_dash-layout", "/_dash-dependencies", "/login", "/api/login"] * 8
            with ThreadPoolExecutor(max_workers=16) as pool:
                answers = list(pool.map(lambda p: _get(server.base + p), paths))
        finally:
            server.close()
        assert 500 not in answers, answers
        assert answers.count(200) >= 8, answers  # the login page answers every time


def _get(url: str) -> int:
    if url.endswith("/api/login"):
        return requests.post(url, json={"username": "nobody", "password": "x" * 12}, timeout=30).status_code
    return requests.get(url, timeout=30).status_code
