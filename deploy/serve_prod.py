"""Production serving on one machine: `tracker init`, gunicorn with several web workers, and one
`tracker-scheduler`, against the database in TRACKER_DATABASE_URL (PostgreSQL).

    TRACKER_DATABASE_URL=postgresql+psycopg://tracker@db/tracker python deploy/serve_prod.py --workers 4

Stops both on SIGTERM or SIGINT. A scheduler that exits is started again (it waits as a
standby if another scheduler holds the database's lock); if gunicorn exits, everything stops.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import FrameType

HERE = Path(__file__).resolve().parent
RESTART_DELAY = 2.0


def log(line: str) -> None:
    print(f"serve-prod: {line}", flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="serve_prod", description=__doc__.split("\n\n")[0])
    p.add_argument("--db", default=os.environ.get("TRACKER_DATABASE_URL"), help="SQLAlchemy URL (TRACKER_DATABASE_URL)")
    p.add_argument("--workers", type=int, default=int(os.environ.get("TRACKER_WEB_WORKERS", "4")))
    p.add_argument("--bind", default=os.environ.get("TRACKER_BIND", "127.0.0.1:8000"))
    p.add_argument("--access-log", default=os.environ.get("TRACKER_ACCESS_LOG", "-"), help="file, or - for stdout")
    p.add_argument("--scheduler-args", default="", help="extra arguments for tracker-scheduler (e.g. '--at 06:30')")
    args = p.parse_args(argv)
    if not args.db:
        p.error("no database: set TRACKER_DATABASE_URL or pass --db")
    if not args.db.startswith("postgresql"):
        log("warning: several workers on SQLite share one write lock; use PostgreSQL in production")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    env = {**os.environ, "TRACKER_DATABASE_URL": args.db, "TRACKER_WEB_WORKERS": str(args.workers),
           "TRACKER_BIND": args.bind, "TRACKER_ACCESS_LOG": args.access_log}
    python = sys.executable
    subprocess.run([python, "-c", "from tracker.cli import main; main()", "init"], env=env, check=True)
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    web = subprocess.Popen([python, "-m", "gunicorn", "-c", str(HERE / "gunicorn.conf.py"), "dashboards.wsgi:app"],
                           env=env)
    scheduler_argv = [python, "-c", "import sys; from schedules.main import main; sys.exit(main())",
                      *args.scheduler_args.split()]
    scheduler = subprocess.Popen(scheduler_argv, env=env)
    log(f"gunicorn pid={web.pid} ({args.workers} workers on {args.bind}), scheduler pid={scheduler.pid}")
    code = 0
    while not stop.wait(0.5):
        if web.poll() is not None:
            log(f"gunicorn exited with {web.returncode}; stopping")
            code = 1
            break
        if scheduler.poll() is not None:
            log(f"scheduler pid={scheduler.pid} exited with {scheduler.returncode}; starting another")
            if stop.wait(RESTART_DELAY):
                break
            scheduler = subprocess.Popen(scheduler_argv, env=env)
            log(f"scheduler pid={scheduler.pid}")
    for process in (scheduler, web):
        if process.poll() is None:
            process.terminate()
    for process in (scheduler, web):
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    log("stopped")
    return code


if __name__ == "__main__":
    sys.exit(main())
