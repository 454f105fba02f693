"""Timing one child process: wall time, CPU time (user + system) and peak resident memory
(VmHWM read while it runs, so each figure is that process's own), and medians over runs."""
from __future__ import annotations

import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

ROOT = Path(__file__).resolve().parent.parent


@dataclasses.dataclass
class Run:
    wall: float  # seconds
    cpu: float  # seconds of user + system time
    rss_mib: float  # peak resident set of the process
    output: str = ""

    def as_figure(self) -> "Figure":
        return Figure.of([self])


@dataclasses.dataclass
class Figure:
    """The median of several runs of one workload (peak memory: the largest seen)."""
    runs: int
    wall: float
    cpu: float
    rss_mib: float | None

    @classmethod
    def of(cls, runs: Sequence[Run | tuple[float, float]], rss_mib: float | None = None) -> "Figure":
        walls = [r.wall if isinstance(r, Run) else r[0] for r in runs]
        cpus = [r.cpu if isinstance(r, Run) else r[1] for r in runs]
        peak = max((r.rss_mib for r in runs if isinstance(r, Run)), default=rss_mib)
        return cls(len(runs), statistics.median(walls), statistics.median(cpus), peak)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


_OWN_COMMAND = Path("/proc/self/cmdline").read_bytes() if Path("/proc/self/cmdline").exists() else b""


def _high_water_kib(pid: int) -> int | None:
    """The child's peak resident memory so far (VmHWM), once it runs its own program. Its
    ru_maxrss would also count this process's memory: a child created by (v)fork carries the
    parent's high-water mark across exec."""
    try:
        if Path(f"/proc/{pid}/cmdline").read_bytes() in (_OWN_COMMAND, b""):
            return None  # not yet exec'd
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def run(argv: Sequence[str], *, stdin: str | None = None, keep_output: bool = False, timeout: float = 3600) -> Run:
    """Run a process to the end; its output goes to a file (or nowhere), never into a pipe we
    would have to drain while timing."""
    with tempfile.TemporaryFile("w+b") as out, tempfile.TemporaryFile("w+b") as err:
        stdin_file = tempfile.TemporaryFile("w+b")
        if stdin is not None:
            stdin_file.write(stdin.encode())
            stdin_file.seek(0)
        started = time.perf_counter()
        proc = subprocess.Popen(list(argv), stdin=stdin_file, stdout=out if keep_output else subprocess.DEVNULL,
                                stderr=err, env=child_env(), cwd=ROOT)
        deadline = started + timeout
        peak_kib = None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak_kib = _high_water_kib(proc.pid) or peak_kib
            if time.perf_counter() > deadline:
                proc.kill()
                raise TimeoutError(f"{' '.join(argv)} ran over {timeout} s")
            time.sleep(0.005)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: tell Popen
        stdin_file.close()
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}:\n{err.read().decode()[-3000:]}")
        out.seek(0)
        return Run(wall, usage.ru_utime + usage.ru_stime, (peak_kib or usage.ru_maxrss) / 1024,
                   out.read().decode() if keep_output else "")


def tracker(*args: str, stdin: str | None = None, keep_output: bool = False) -> Run:
    """The `tracker` command as a process, exactly as a user would run it."""
    script = Path(sys.executable).parent / "tracker"
    command = [str(script)] if script.exists() else [sys.executable, "-c", "from tracker.cli import main; main()"]
    return run([*command, *args], stdin=stdin, keep_output=keep_output)


def probe(operation: str, url: str, *args: str) -> tuple[dict[str, Figure], dict[str, Any]]:
    """An in-process operation (bench/probe.py) in a fresh child: its own timings of the
    operation alone (per figure it reports), and the child's peak memory."""
    done = run([sys.executable, "-m", "bench.probe", operation, url, *args], keep_output=True)
    report = json.loads(done.output.strip().splitlines()[-1])
    figures = {name: Figure.of([tuple(t) for t in times], rss_mib=done.rss_mib)
               for name, times in report["figures"].items()}
    return figures, report.get("info", {})
