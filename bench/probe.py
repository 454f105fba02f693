"""In-process operations, each run in a fresh child by bench/measure.py so that its peak
memory is its own. Prints one JSON line: {"figures": {name: [[wall, cpu], ...]}, "info": {...}}.

    python -m bench.probe status-query URL --today 2026-11-25 --repeat 3
    python -m bench.probe change-of-day URL --today 2026-11-26 --repeat 3
    python -m bench.probe web URL --today 2026-11-25 --repeat 5 --bureau NAME:PASSWORD
    python -m bench.probe claim URL --today 2026-11-25 --repeat 5 --enterprise NAME:PASSWORD --project CODE
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from bench import readmodel
from bench.callbacks import grid, grid_rows, overview_figures, page

Times = list[tuple[float, float]]


BUDGET = 20.0  # seconds per figure: slow operations get fewer runs (at least one)


def timed(call: Callable[[], Any], repeat: int) -> Times:
    times: Times = []
    while len(times) < repeat and sum(w for w, _ in times) < BUDGET:
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
    return times


def status_query(args: argparse.Namespace) -> dict[str, Any]:
    from tracker.db import make_engine, read_session
    from tracker.principal import Principal
    from tracker.queries.served import statuses_for
    engine = make_engine(args.url)
    counted: list[int] = []
    served: list[bool] = []

    def once() -> None:  # what `tracker status` does: from the read model when it is current
        with read_session(engine) as s:
            found, from_read_model = statuses_for(s, Principal.bureau("bench"), args.today)
            counted.append(sum(1 for _ in found))
            served.append(from_read_model)
    return {"figures": {"status-query": timed(once, args.repeat)},
            "info": {"projects": counted[-1], "served_from_read_model": served[-1]}}


def change_of_day(args: argparse.Namespace) -> dict[str, Any]:
    """The read model's change of day, once per day from `today` on (each run a new day)."""
    from tracker.db import make_engine
    engine = make_engine(args.url)
    days = iter(args.today + dt.timedelta(days=i) for i in range(10**4))
    longest: list[float] = []
    times = timed(lambda: longest.append(readmodel.change_of_day(engine, next(days))), args.repeat)
    return {"figures": {"change-of-day": times},
            "info": {"mechanism": readmodel.MECHANISM, "longest_transaction": max(longest)}}


def _app(url: str, today: dt.date):  # type: ignore[no-untyped-def]
    from dashboards.app import create_app
    from dashboards.settings import WebSettings
    return create_app(WebSettings(database_url=url, secret_key="bench", today=lambda: today,
                                  evidence_root=Path(tempfile.mkdtemp(prefix="tracker-bench-evidence-"))))


def _signed_in(app, account: str):  # type: ignore[no-untyped-def]
    username, password = account.split(":", 1)
    client = app.test_client()
    answer = client.post("/api/login", json={"username": username, "password": password})
    if answer.status_code != 200:
        raise SystemExit(f"sign-in as {username} failed: {answer.status_code} {answer.data[:300]!r}")
    return client


def _ok(response) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    if response.status_code != 200:
        raise SystemExit(f"callback answered {response.status_code}: {response.data[:500]!r}")
    return response.get_json()


def web(args: argparse.Namespace) -> dict[str, Any]:
    """The bureau's overview and project-list callbacks, through Flask's test client (the
    path a browser's request takes, without the network). The read model is made current
    first (untimed): the change of day belongs to the scheduler, not to a request."""
    from tracker.db import make_engine
    readmodel.change_of_day(make_engine(args.url), args.today)
    client = _signed_in(_app(args.url, args.today), args.bureau)
    post = lambda body: _ok(client.post("/_dash-update-component", json=body))  # noqa: E731
    by_risk = [{"colId": "risk", "sort": "desc"}]
    first = grid_rows(post(grid(0, by_risk)))
    total, first_risks = first["rowCount"], [r["risk"] for r in first["rowData"][:3]]
    deep = min(50_000, max(total - 100, 0))
    figures = {
        # both answers the browser waits for: the page (cards, tables), then its figures
        "overview": timed(lambda: (post(page("/")), post(overview_figures())), args.repeat),
        "list-first-by-risk": timed(lambda: post(grid(0, by_risk)), args.repeat),
        "list-deep": timed(lambda: post(grid(deep, [{"colId": "pace", "sort": "asc"}])), args.repeat),
    }
    return {"figures": figures, "info": {"rows": total, "deep": deep, "first_by_risk": first_risks}}


def claim(args: argparse.Namespace) -> dict[str, Any]:
    """One enterprise claim through the JSON API, the read model refreshed with it: the
    snapshots are current before (untimed), and the statements writing snapshot rows during
    the claims are counted."""
    from tracker.db import make_engine
    readmodel.change_of_day(make_engine(args.url), args.today)
    app = _app(args.url, args.today)
    client = _signed_in(app, args.enterprise)
    writes = readmodel.SnapshotWrites(app.extensions["tracker.engine"])
    counter = iter(range(10**6))

    def once() -> None:
        n = next(counter)
        answer = client.post(f"/api/projects/{args.project}/achievements", json={
            "indicator": "university_patents", "date": args.today.isoformat(), "title": f"基准测试受让专利 {n}",
            "source_type": "高校", "reference": f"ZLBENCH{time.time_ns()}{n}"})
        if answer.status_code != 201:
            raise SystemExit(f"claim answered {answer.status_code}: {answer.data[:500]!r}")
    times = timed(once, args.repeat)
    return {"figures": {"claim": times}, "info": {"snapshot_writes_per_claim": writes.statements / len(times)}}


def read_xlsx(args: argparse.Namespace) -> dict[str, Any]:
    """The floor of an import: openpyxl reading every cell of the workbook once (`url` is the file)."""
    from openpyxl import load_workbook
    counted: list[int] = []

    def once() -> None:
        book = load_workbook(args.url, read_only=True)
        counted.append(sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)))
        book.close()
    return {"figures": {"read-xlsx": timed(once, args.repeat)}, "info": {"rows": counted[-1]}}


OPERATIONS = {"read-xlsx": read_xlsx, "status-query": status_query, "change-of-day": change_of_day, "web": web, "claim": claim}


def main() -> None:
    global BUDGET
    p = argparse.ArgumentParser(prog="bench.probe")
    p.add_argument("operation", choices=sorted(OPERATIONS))
    p.add_argument("url", help="the database (for read-xlsx: the workbook)")
    p.add_argument("--today", type=dt.date.fromisoformat, default=None)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--bureau", default=None, help="NAME:PASSWORD")
    p.add_argument("--enterprise", default=None, help="NAME:PASSWORD")
    p.add_argument("--project", default=None)
    p.add_argument("--budget", type=float, default=BUDGET, help="seconds of runs per figure at most")
    args = p.parse_args()
    BUDGET = args.budget
    print(json.dumps(OPERATIONS[args.operation](args), ensure_ascii=False))


if __name__ == "__main__":
    main()
