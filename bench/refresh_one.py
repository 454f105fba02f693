"""Benchmark: what the read model costs a write, at 10,000 demo projects on SQLite.

A write refreshes the snapshots of the projects it touched before it commits; the change of
day rebuilds them all, a slice per transaction. Prints figures; asserts nothing.
    .venv/bin/python bench/refresh_one.py [--projects 10000] [--samples 30]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import event, func, select

from tracker.db import make_engine, read_session, write_session
from tracker.demo.generator import generate_demo
from tracker.models import FundMovement, Project, ProjectSnapshot
from tracker.principal import Principal
from tracker.schema import upgrade
from tracker.services.funds import disburse
from tracker.services.programmes import load_programmes, loaded_programmes
from tracker.services.snapshots import DAY_CHUNK, rebuild, rebuild_in_chunks, write_snapshots

TODAY = dt.date(2026, 11, 25)
BUREAU = Principal.bureau("bench")


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.1f} ms, max {max(values) * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--db", type=Path, default=None, help="an SQLite file to keep (reused when it exists)")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.sqlite3"
    fresh = not path.exists()
    engine = make_engine(f"sqlite:///{path}")
    if fresh:
        upgrade(engine)
        started = time.perf_counter()
        with write_session(engine) as s:
            load_programmes(s)
            generate_demo(s, loaded_programmes(s), projects=args.projects, seed=1, today=TODAY, actor="bench")
            rebuild(s, TODAY)
        print(f"{args.projects} demo projects generated, snapshots built: {time.perf_counter() - started:.1f} s")

    with read_session(engine) as s:  # projects that can take a few more small disbursements
        paid = (select(FundMovement.project_id, func.sum(FundMovement.amount_wan).label("paid"))
                .where(FundMovement.kind == "disbursement").group_by(FundMovement.project_id).subquery())
        codes = dict(s.execute(
            select(Project.id, Project.code).outerjoin(paid, paid.c.project_id == Project.id)
            .where(Project.state == "in_progress", func.coalesce(paid.c.paid, 0) < Project.grant_wan - 1)).all())
    picks = random.Random(7).sample(sorted(codes), args.samples)

    refresh_alone = []
    for project_id in picks:
        with write_session(engine) as s:
            began = time.perf_counter()
            write_snapshots(s, [project_id], TODAY)
            refresh_alone.append(time.perf_counter() - began)
    print(f"one project's snapshot recomputed and rewritten: {ms(refresh_alone)}")

    rows_written: list[int] = []
    event.listen(engine, "before_cursor_execute",  # (conn, cursor, statement, parameters, context, many)
                 lambda *a: rows_written.append(len(a[3]) if a[5] else 1)
                 if a[2].startswith("INSERT INTO project_snapshots") else None)
    with_write, without = [], []
    for project_id in picks:
        for measured, refresh in ((with_write, True), (without, False)):
            began = time.perf_counter()
            with write_session(engine) as s:
                disburse(s, codes[project_id], Decimal("0.01"), on=TODAY, actor=BUREAU)
                if not refresh:  # the same write with the read model's share taken out, to compare
                    s.flush()
                    s.info.clear()
            measured.append(time.perf_counter() - began)
    print(f"a disbursement committed through the CLI's path, snapshot included: {ms(with_write)}")
    print(f"the same disbursement without the snapshot refresh: {ms(without)}")
    print(f"snapshot rows written per disbursement: {set(rows_written)}")

    with read_session(engine) as s:
        before = s.scalar(select(func.max(ProjectSnapshot.as_of)))
    longest: list[float] = []
    started = time.perf_counter()
    count = rebuild_in_chunks(engine, before + dt.timedelta(days=1),
                              progress=lambda n: longest.append(time.perf_counter()))
    total = time.perf_counter() - started
    gaps = [b - a for a, b in zip([started, *longest], longest)]
    print(f"change of day ({before} -> {before + dt.timedelta(days=1)}): {count} snapshots in {total:.1f} s, "
          f"{len(gaps)} transactions of up to {DAY_CHUNK} projects, the longest {max(gaps):.2f} s")
    engine.dispose()


if __name__ == "__main__":
    main()
