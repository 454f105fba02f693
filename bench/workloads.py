"""The workloads of one portfolio (one database, one size), in the order they must run:
generation first, reads next, then what writes (scans, claims, imports)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
import tempfile
from pathlib import Path
from typing import Callable

from sqlalchemy import create_engine, text

from bench.applicants import write_applicants
from bench.floors import XLSX, measure_floors
from bench.measure import Figure, probe, tracker

TODAY = dt.date(2026, 11, 25)
APPLICANTS = 10_000


@dataclasses.dataclass
class Result:
    workload: str
    figure: Figure
    floor: str | None = None  # the name of the floor (bench/floors.py) it is compared with
    note: str = ""


@dataclasses.dataclass
class Portfolio:
    url: str
    projects: int
    repeat: int
    budget: float
    log: Callable[[str], None]
    results: list[Result] = dataclasses.field(default_factory=list)
    floors: dict[str, Figure] = dataclasses.field(default_factory=dict)
    accounts: dict[str, str] = dataclasses.field(default_factory=dict)

    def add(self, workload: str, figure: Figure, floor: str | None = None, note: str = "") -> None:
        self.results.append(Result(workload, figure, floor, note))
        self.log(f"  {workload}: {figure.wall:.3f} s wall, {figure.cpu:.3f} s CPU, "
                 f"{figure.rss_mib or 0:.0f} MiB ({figure.runs} runs) {note}")

    def repeated(self, call: Callable[[], object]) -> Figure:
        """Median of up to `repeat` runs of a process, fewer when they are slow."""
        runs = []
        while len(runs) < self.repeat and sum(r.wall for r in runs) < self.budget:
            runs.append(call())
        return Figure.of(runs)

    def probe(self, operation: str, *args: str) -> tuple[dict[str, Figure], dict]:
        return probe(operation, self.url, "--repeat", str(self.repeat), "--budget", str(self.budget), *args)


def _sign_up_bench_users(p: Portfolio) -> None:
    engine = create_engine(p.url)
    with engine.connect() as c:
        code, uscc = c.execute(text(
            "SELECT p.code, e.uscc FROM projects p JOIN enterprises e ON e.id = p.enterprise_id "
            "WHERE p.state = 'in_progress' ORDER BY p.code LIMIT 1")).one()
    engine.dispose()
    for name, role, extra in (("bench-bureau", "bureau", []), ("bench-enterprise", "enterprise", ["--uscc", uscc])):
        password = secrets.token_urlsafe(16)
        tracker("--db", p.url, "users", "add", name, "--role", role, *extra, "--password-stdin", stdin=password + "\n")
        p.accounts[role] = f"{name}:{password}"
    p.accounts["project"] = code


def run_portfolio(p: Portfolio) -> None:
    day = TODAY.isoformat()
    tracker("--db", p.url, "init")
    p.add("demo generation", tracker("--db", p.url, "demo", "--projects", str(p.projects), "--seed", "1",
                                     "--today", day).as_figure())
    _sign_up_bench_users(p)
    p.floors = measure_floors(p.url)
    p.add("status --json (process)", p.repeated(lambda: tracker("--db", p.url, "status", "--json", "--today", day)),
          "portfolio")
    figures, info = p.probe("status-query", "--today", day)
    p.add("status query alone", figures["status-query"], "portfolio", f"{info['projects']} projects")
    p.add("scan, first day", tracker("--db", p.url, "scan", "--today", day).as_figure(), "portfolio")
    days = iter(TODAY + dt.timedelta(days=i) for i in range(1, 10**4))
    p.add("scan, following days", p.repeated(lambda: tracker("--db", p.url, "scan", "--today", next(days).isoformat())),
          "portfolio")
    figures, info = p.probe("change-of-day", "--today", (TODAY + dt.timedelta(days=30)).isoformat())
    p.add("change of day (read model)", figures["change-of-day"], "portfolio",
          f"{info['mechanism']}; longest write transaction {info['longest_transaction']:.2f} s")
    figures, info = p.probe("web", "--today", day, "--bureau", p.accounts["bureau"])
    p.add("overview callback", figures["overview"], "read model")
    # A page of 100 rows has no whole-table floor: its target is absolute (200 ms).
    p.add("project list, first page by risk", figures["list-first-by-risk"], None,
          f"top rows: {', '.join(info['first_by_risk'])}")
    p.add("project list, deep page", figures["list-deep"], None, f"{info['deep']:,} rows deep, by pace")
    figures, info = p.probe("claim", "--today", day, "--enterprise", p.accounts["enterprise"],
                            "--project", p.accounts["project"])
    p.add("one claim through the API (with read-model refresh)", figures["claim"], None,
          f"{info['snapshot_writes_per_claim']:g} snapshot-writing statements per claim")
    workbook = write_applicants(Path(tempfile.mkdtemp(prefix="tracker-bench-")) / "applicants.xlsx", APPLICANTS)
    figures, _ = probe("read-xlsx", str(workbook), "--repeat", "1")
    p.floors[XLSX] = figures["read-xlsx"]
    p.add(f"import {APPLICANTS:,} applicants (XLSX)",
          tracker("--db", p.url, "applications", "import", "--programme", "SZIPS-2024", str(workbook)).as_figure(), XLSX)
