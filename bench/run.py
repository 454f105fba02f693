"""`make bench`: every workload at each portfolio size on SQLite and PostgreSQL, with the floor
measured in the same run; writes bench/results/latest.md, latest.json and latest.png.

    python -m bench.run [--sizes 1000,10000] [--databases sqlite,postgresql] [--repeat 3]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.measure import Figure, tracker
from bench.report import write_results
from bench.servers import create_pg_database, postgres_server
from bench.workloads import Portfolio, run_portfolio

RESULTS = Path(__file__).resolve().parent / "results"


def log(line: str) -> None:
    print(line, flush=True)


def machine() -> dict[str, object]:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), None)
    return {"cpu": model, "cores": os.cpu_count(), "memory_gib": memory, "python": platform.python_version(),
            "system": platform.platform(terse=True), "load_average_at_start": os.getloadavg()}


def start_up(repeat: int) -> Figure:
    """`tracker --help`: the price of starting any command."""
    return Figure.of([tracker("--help") for _ in range(max(repeat, 5))])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench.run")
    p.add_argument("--sizes", default="1000,10000", help="portfolio sizes, comma-separated")
    p.add_argument("--databases", default="sqlite,postgresql")
    p.add_argument("--repeat", type=int, default=3, help="runs per figure (fewer when runs are slow)")
    p.add_argument("--budget", type=float, default=20.0, help="seconds of repeated runs per figure at most")
    p.add_argument("--out", type=Path, default=RESULTS)
    args = p.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    databases = args.databases.split(",")
    started = time.perf_counter()
    info = {"date": dt.datetime.now().astimezone().isoformat(timespec="minutes"), "machine": machine(),
            "sizes": sizes, "databases": databases}
    startup = start_up(args.repeat)
    log(f"start-up (tracker --help): {startup.wall:.2f} s wall, {startup.cpu:.2f} s CPU")
    portfolios: list[tuple[str, Portfolio]] = []
    scratch = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    for database in databases:
        if database == "postgresql":
            with postgres_server() as server:
                for size in sizes:
                    log(f"PostgreSQL, {size:,} projects")
                    url = create_pg_database(server, f"bench_{size}")
                    portfolios.append((database, _one(url, size, args)))
        else:
            for size in sizes:
                log(f"SQLite, {size:,} projects")
                portfolios.append((database, _one(f"sqlite:///{scratch / f'bench-{size}.sqlite3'}", size, args)))
    shutil.rmtree(scratch, ignore_errors=True)
    info["machine"]["load_average_at_end"] = os.getloadavg()  # type: ignore[index]
    info["minutes"] = round((time.perf_counter() - started) / 60, 1)
    written = write_results(args.out, info, startup, portfolios)
    log(f"written: {', '.join(str(w) for w in written)}")
    return 0


def _one(url: str, size: int, args: argparse.Namespace) -> Portfolio:
    portfolio = Portfolio(url=url, projects=size, repeat=args.repeat, budget=args.budget, log=log)
    run_portfolio(portfolio)
    return portfolio


if __name__ == "__main__":
    sys.exit(main())
