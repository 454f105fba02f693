"""The benchmark's own instruments: each process's figures are its own, floors read every row,
and targets are judged as issue 12 states them."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

from bench.floors import read_all
from bench.measure import Figure, Run, run
from bench.report import target


def test_peak_memory_is_each_child_process_own():
    big = run([sys.executable, "-c", "block = bytearray(300 * 2**20); block[::4096] = b'x' * len(block[::4096])"])
    small = run([sys.executable, "-c", "import time; time.sleep(0.3)"])
    assert big.rss_mib >= 300, big
    assert small.rss_mib < 100, small  # not the largest child seen so far


def test_cpu_time_counts_work_not_waiting():
    waiting = run([sys.executable, "-c", "import time; time.sleep(1.0)"])
    working = run([sys.executable, "-c", "sum(i * i for i in range(6_000_000))"])
    assert waiting.wall >= 1.0 and waiting.cpu < 0.5
    assert working.cpu > 0.2


def test_a_figure_is_the_median_of_its_runs_and_the_largest_memory():
    figure = Figure.of([Run(3.0, 1.0, 50), Run(1.0, 0.5, 80), Run(2.0, 2.0, 60)])
    assert (figure.runs, figure.wall, figure.cpu, figure.rss_mib) == (3, 2.0, 1.0, 80)


def test_the_floor_reads_every_row_of_every_table(tmp_path):
    path = tmp_path / "floor.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE projects (id INTEGER PRIMARY KEY, code TEXT)")
        db.execute("CREATE TABLE achievements (id INTEGER PRIMARY KEY, title TEXT)")
        db.executemany("INSERT INTO projects (code) VALUES (?)", [(f"P{i}",) for i in range(120)])
        db.executemany("INSERT INTO achievements (title) VALUES (?)", [(f"A{i}",) for i in range(80)])
    out = subprocess.run(read_all(f"sqlite:///{path}", ["projects", "achievements"]), capture_output=True,
                         text=True, check=True).stdout
    assert len(out.splitlines()) == 200


def test_targets_are_judged_per_size_and_by_cpu_ratio():
    row = {"workload": "status query alone", "projects": 10_000, "wall": 9.0, "rss_mib": 300,
           "ratio_cpu": 2.5, "ratio_wall": 4.0}
    assert target(row) == ("≤ 3× floor", True)
    assert target({**row, "ratio_cpu": 3.5}) == ("≤ 3× floor", False)
    overview = {"workload": "overview callback", "projects": 10_000, "wall": 0.31, "rss_mib": 200,
                "ratio_cpu": None, "ratio_wall": None}
    assert target(overview) == ("≤ 300 ms", False)
    assert target({**overview, "projects": 100_000}) == ("≤ 1 s", True)
    assert target({**overview, "projects": 1_000}) == ("", None)
