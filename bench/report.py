"""bench/results/latest.json (everything), latest.md (the tables) and latest.png (time
against portfolio size, log-log)."""
from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.measure import Figure

if TYPE_CHECKING:
    from bench.workloads import Portfolio

DB_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

# The targets of issue 12, as (size -> limit): seconds of wall time, or a ratio to the floor.
TARGETS: dict[str, dict[str, Any]] = {
    "status query alone": {"ratio": 3.0},
    "status --json (process)": {"ratio": 3.0, "rss_mib": {100_000: 500}},
    "scan, following days": {"wall": {100_000: 10.0}},
    "change of day (read model)": {"wall": {100_000: 30.0}},
    "one claim through the API (with read-model refresh)": {"wall": {10_000: 0.05, 100_000: 0.05}},
    "overview callback": {"wall": {10_000: 0.3, 100_000: 1.0}},
    "project list, first page by risk": {"wall": {10_000: 0.2, 100_000: 0.2}},
    "project list, deep page": {"wall": {10_000: 0.2, 100_000: 0.2}},
    "demo generation": {"wall": {10_000: 20.0, 100_000: 200.0}},
}


def rows(portfolios: list[tuple[str, "Portfolio"]]) -> list[dict[str, Any]]:
    out = []
    for database, p in portfolios:
        for r in p.results:
            floor = p.floors.get(r.floor) if r.floor else None
            row = {"database": database, "projects": p.projects, "workload": r.workload,
                   **dataclasses.asdict(r.figure), "floor": r.floor, "note": r.note,
                   "floor_wall": floor.wall if floor else None, "floor_cpu": floor.cpu if floor else None,
                   "ratio_wall": r.figure.wall / floor.wall if floor and floor.wall else None,
                   "ratio_cpu": r.figure.cpu / floor.cpu if floor and floor.cpu else None}
            row["target"], row["met"] = target(row)
            out.append(row)
    return out


def target(row: dict[str, Any]) -> tuple[str, bool | None]:
    spec = TARGETS.get(row["workload"], {})
    texts, met = [], []
    if "ratio" in spec:
        texts.append(f"≤ {spec['ratio']:g}× floor")
        if row["ratio_cpu"] is not None:
            met.append(row["ratio_cpu"] <= spec["ratio"])
    limit = spec.get("wall", {}).get(row["projects"])
    if limit is not None:
        texts.append(f"≤ {limit * 1000:g} ms" if limit < 1 else f"≤ {limit:g} s")
        met.append(row["wall"] <= limit)
    memory = spec.get("rss_mib", {}).get(row["projects"])
    if memory is not None:
        texts.append(f"≤ {memory} MB")
        met.append((row["rss_mib"] or 0) <= memory)
    return ", ".join(texts), (all(met) if met else None)


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}×"


def markdown(info: dict[str, Any], startup: Figure, table: list[dict[str, Any]],
             floors: list[tuple[str, int, str, Figure]]) -> str:
    """The tables of latest.md."""
    m = info["machine"]
    lines = [f"# Benchmark, {info['date']}", "",
             f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}; "
             f"load average {m['load_average_at_start'][0]:.1f} at the start, {m['load_average_at_end'][0]:.1f} "
             f"at the end (the machine is shared: CPU time is the steadier figure). Run took {info['minutes']} min.",
             "",
             f"Start-up, `tracker --help`: {_seconds(startup.wall)} wall, {_seconds(startup.cpu)} CPU, "
             f"{startup.rss_mib:.0f} MiB (median of {startup.runs}).", "",
             "Each figure is the median of its runs (fewer runs for slow ones); peak memory is the resident set "
             "of the process doing the work (for in-process figures, a child that also imported the web app). "
             "× floor: the figure over reading every row of the tables involved once with the database's own "
             "client, measured in the same run (wall / CPU; on PostgreSQL the server's CPU is in neither).", "",
             "| workload | database | projects | runs | wall | CPU | peak RSS | × floor (wall / CPU) | target | met | note |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |"]
    for r in table:
        met = {True: "yes", False: "**no**", None: ""}[r["met"]]
        ratio = "—" if r["ratio_wall"] is None else f"{_ratio(r['ratio_wall'])} / {_ratio(r['ratio_cpu'])}"
        rss = "" if r["rss_mib"] is None else f"{r['rss_mib']:.0f} MiB"
        lines.append(f"| {r['workload']} | {DB_NAMES.get(r['database'], r['database'])} | {r['projects']:,} | "
                     f"{r['runs']} | {_seconds(r['wall'])} | {_seconds(r['cpu'])} | "
                     f"{rss} | "
                     f"{ratio} | {r['target']} | {met} | {r['note']} |")
    lines += ["", "Floors (the database's own client reading every row involved once):", "",
              "| floor | database | projects | wall | CPU |", "| --- | --- | ---: | ---: | ---: |"]
    lines += [f"| {name} | {DB_NAMES.get(db, db)} | {size:,} | {_seconds(f.wall)} | {_seconds(f.cpu)} |"
              for db, size, name, f in floors]
    lines += ["", "Growth with the portfolio (wall time over the next smaller size):", ""]
    lines += growth(table)
    return "\n".join(lines) + "\n"


def growth(table: list[dict[str, Any]]) -> list[str]:
    series: dict[tuple[str, str], dict[int, float]] = {}
    for r in table:
        series.setdefault((r["workload"], r["database"]), {})[r["projects"]] = r["wall"]
    out = ["| workload | database | growth |", "| --- | --- | --- |"]
    for (workload, db), points in series.items():
        sizes = sorted(points)
        steps = [f"{a:,} → {b:,}: {points[b] / points[a]:.1f}×" for a, b in zip(sizes, sizes[1:]) if points[a]]
        if steps:
            out.append(f"| {workload} | {DB_NAMES.get(db, db)} | {'; '.join(steps)} |")
    return out


def plot(table: list[dict[str, Any]], path: Path) -> Path | None:
    """Log-log lines of wall time against portfolio size, one per workload and database."""
    try:
        import plotly.graph_objects as go
    except ImportError:
        return None
    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")  # kaleido renders with a Chromium
    figure = go.Figure()
    series: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for r in table:
        series.setdefault((r["workload"], r["database"]), []).append((r["projects"], r["wall"]))
    from plotly.colors import qualitative
    palette = qualitative.Dark24
    workloads = sorted({w for w, _ in series})
    for (workload, db), points in sorted(series.items()):
        points.sort()
        colour = palette[workloads.index(workload) % len(palette)]  # one colour per workload
        figure.add_trace(go.Scatter(x=[p[0] for p in points], y=[p[1] for p in points], mode="lines+markers",
                                    name=f"{workload} ({DB_NAMES.get(db, db)})",
                                    line={"dash": "solid" if db == "sqlite" else "dot", "color": colour}))
    figure.update_xaxes(type="log", title="projects in the portfolio")
    figure.update_yaxes(type="log", title="wall time, seconds (median)")
    figure.update_layout(title="Tracker benchmark: time against portfolio size (solid SQLite, dotted PostgreSQL)",
                         width=1200, height=700, template="plotly_white", font={"size": 11})
    try:
        figure.write_image(str(path))
    except Exception as exc:  # kaleido missing or no browser: the tables still get written
        print(f"plot not written: {exc}")
        return None
    return path


def write_results(out: Path, info: dict[str, Any], startup: Figure,
                  portfolios: list[tuple[str, "Portfolio"]]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    table = rows(portfolios)
    floors = [(db, p.projects, name, f) for db, p in portfolios for name, f in p.floors.items()]
    data = {**info, "startup": dataclasses.asdict(startup), "results": table,
            "floors": [{"database": db, "projects": size, "floor": name, **dataclasses.asdict(f)}
                       for db, size, name, f in floors]}
    (out / "latest.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "latest.md").write_text(markdown(info, startup, table, floors), encoding="utf-8")
    written = [out / "latest.json", out / "latest.md"]
    picture = plot(table, out / "latest.png")
    return written + ([picture] if picture else [])


def rerender(results: Path) -> None:
    """latest.md and latest.png again from latest.json (after a change to the report alone)."""
    data = json.loads((results / "latest.json").read_text(encoding="utf-8"))
    startup = Figure(**data["startup"])
    floors = [(f["database"], f["projects"], f["floor"], Figure(f["runs"], f["wall"], f["cpu"], f["rss_mib"]))
              for f in data["floors"]]
    (results / "latest.md").write_text(markdown(data, startup, data["results"], floors), encoding="utf-8")
    plot(data["results"], results / "latest.png")


if __name__ == "__main__":
    import sys
    rerender(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "results")
