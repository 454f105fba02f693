"""The floor: reading every row of the tables a workload involves, once, with the database's
own client (`sqlite3` / `psql`), output thrown away. No implementation can do the job with
less, so a workload's time over its floor says how much of it is our own overhead."""
from __future__ import annotations

from sqlalchemy import create_engine, inspect

from bench.measure import Figure, run
from bench.servers import libpq_url, sqlite_path

# What each floor reads; tables a schema lacks are left out, tables it adds are named here.
FLOORS = {
    # everything the status of a project is computed from
    "portfolio": ("programmes", "enterprises", "applications", "projects", "project_indicators",
                  "achievements", "fund_movements"),
    # what the pages read: the snapshots, their target rows, the projects and alerts
    "read model": ("project_snapshots", "project_target_snapshots", "projects", "enterprises", "alerts"),
}
XLSX = "xlsx read"  # an import's floor: openpyxl reading the workbook (bench/probe.py read-xlsx)


def existing_tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def read_all(url: str, tables: list[str]) -> list[str]:
    """The client command reading every row of `tables` once."""
    selects = [f"SELECT * FROM {t};" for t in tables]
    if url.startswith("sqlite"):
        return ["sqlite3", "-readonly", sqlite_path(url), *selects]
    return ["psql", libpq_url(url), "-q", "-A", "-t", "-X", "-o", "/dev/null",
            *(arg for s in selects for arg in ("-c", s))]


def measure_floors(url: str, repeat: int = 3) -> dict[str, Figure]:
    present = existing_tables(url)
    figures = {}
    for name, tables in FLOORS.items():
        command = read_all(url, [t for t in tables if t in present])
        if url.startswith("sqlite"):
            run(command)  # once untimed: the file into the page cache, as it is for the workloads
        figures[name] = Figure.of([run(command) for _ in range(repeat)])
    return figures
