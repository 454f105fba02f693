"""Benchmark: generate a demo portfolio and compute the status of every project.

Prints figures; it asserts nothing (these machines are shared and noisy).
    .venv/bin/python bench/demo_and_status.py [--projects 10000] [--db URL]
"""
from __future__ import annotations

import argparse
import datetime as dt
import resource
import tempfile
import time
from pathlib import Path

from tracker.db import make_engine, read_session, write_session
from tracker.demo.generator import generate_demo
from tracker.principal import Principal
from tracker.queries.status import portfolio_status
from tracker.schema import upgrade
from tracker.services.programmes import choose_programme, load_programmes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--db", default=None, help="an empty database (default: a temporary SQLite file)")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    today = dt.date(2026, 11, 25)
    engine = make_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    with write_session(engine) as s:
        load_programmes(s)
        row, programme = choose_programme(s, None)
        result = generate_demo(s, row, programme, projects=args.projects, seed=1, today=today, actor="bench")
    generated = time.perf_counter() - started
    print(f"demo: {result.projects} projects, {result.achievements} achievements, "
          f"{result.applications} applications in {generated:.1f} s")
    # One project first: timing it after the whole portfolio would count freeing that list.
    for label, code in (("status of one project", "DEMO-2024-000001"), ("status of all projects", None)):
        started = time.perf_counter()
        with read_session(engine) as s:
            statuses = portfolio_status(s, Principal.bureau("bench"), today, code)
        print(f"{label}: {len(statuses)} in {time.perf_counter() - started:.2f} s")
    print(f"peak resident memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    engine.dispose()


if __name__ == "__main__":
    main()
