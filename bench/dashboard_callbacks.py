"""Benchmark: the bureau overview and the project list callbacks at 10,000 demo projects.

Answers are timed through Flask's test client as the signed-in bureau (the same code path as
a browser's request, without the network). Prints figures; asserts nothing.
    .venv/bin/python bench/dashboard_callbacks.py [--projects 10000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from dashboards.app import create_app
from dashboards.settings import WebSettings
from tracker.db import make_engine, write_session
from tracker.demo.generator import generate_demo
from tracker.schema import upgrade
from tracker.services.accounts import add_user
from tracker.services.programmes import choose_programme, load_programmes
from tracker.services.snapshots import rebuild

TODAY = dt.date(2026, 11, 25)


def timed(label: str, call, repeat: int = 5) -> None:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = call()
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.data[:300]
    print(f"{label}: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
          f"({len(response.data) // 1024} KiB)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=10_000)
    args = parser.parse_args()
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    with write_session(engine) as s:
        load_programmes(s)
        row, programme = choose_programme(s, None)
        generate_demo(s, row, programme, projects=args.projects, seed=1, today=TODAY, actor="bench")
        rebuild(s, TODAY)  # as `tracker demo` does; pages never rebuild
        add_user(s, username="bench", password="bench-password-1", role="bureau", district=None, uscc=None,
                 actor="bench", known_districts=set())
    engine.dispose()
    app = create_app(WebSettings(database_url=url, secret_key="bench", today=lambda: TODAY,
                                 evidence_root=Path(tempfile.mkdtemp())))
    client = app.test_client()
    client.post("/api/login", json={"username": "bench", "password": "bench-password-1"})
    page = lambda path: {"output": ".._pages_content.children..._pages_store.data..",  # noqa: E731
                         "outputs": [{"id": "_pages_content", "property": "children"},
                                     {"id": "_pages_store", "property": "data"}],
                         "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                                    {"id": "_pages_location", "property": "search", "value": ""}],
                         "state": [], "changedPropIds": ["_pages_location.pathname"]}
    timed("bureau overview callback", lambda: client.post("/_dash-update-component", json=page("/")))
    grid = lambda request: {"output": "projects-grid.getRowsResponse",  # noqa: E731
                            "outputs": {"id": "projects-grid", "property": "getRowsResponse"},
                            "inputs": [{"id": "projects-grid", "property": "getRowsRequest", "value": request}],
                            "state": [], "changedPropIds": ["projects-grid.getRowsRequest"]}
    timed("project list page 1", lambda: client.post("/_dash-update-component", json=grid(
        {"startRow": 0, "endRow": 100})))
    timed("project list sorted by pace, page 50", lambda: client.post("/_dash-update-component", json=grid(
        {"startRow": 4900, "endRow": 5000, "sortModel": [{"colId": "pace", "sort": "asc"}]})))
    timed("project list filtered (district contains 区, risk high)", lambda: client.post(
        "/_dash-update-component", json=grid({"startRow": 0, "endRow": 100, "filterModel": {
            "district": {"filterType": "text", "type": "contains", "filter": "区"},
            "risk": {"filterType": "text", "type": "equals", "filter": "high"}}})))


if __name__ == "__main__":
    main()
