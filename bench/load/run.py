"""`make load`: a PostgreSQL portfolio of 10,000 demo projects served by deploy/serve_prod.py
(gunicorn workers and the scheduler), and 50 locust users of every role for a few minutes,
on loopback only. Writes bench/results/load.md and load.json (requests/s, p50/p95/p99 per route).

    python -m bench.load.run [--projects 10000] [--users 50] [--minutes 3] [--workers 4]
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from bench.measure import ROOT, child_env, tracker
from bench.servers import create_pg_database, free_port, postgres_server

RESULTS = ROOT / "bench" / "results"
HERE = Path(__file__).resolve().parent


def log(line: str) -> None:
    print(line, flush=True)


def make_accounts(url: str, folder: Path) -> Path:
    """A bureau, an auditor, four district offices and ten enterprises (with a project each),
    all created with `tracker users add`; several simulated users share an account."""
    engine = create_engine(url)
    with engine.connect() as c:
        districts = [r[0] for r in c.execute(text(
            "SELECT e.district FROM projects p JOIN enterprises e ON e.id = p.enterprise_id "
            "GROUP BY e.district ORDER BY count(*) DESC LIMIT 4"))]
        enterprises = c.execute(text(
            "SELECT e.uscc, min(p.code) FROM projects p JOIN enterprises e ON e.id = p.enterprise_id "
            "WHERE p.state = 'in_progress' GROUP BY e.uscc ORDER BY min(p.code) LIMIT 10")).all()
    engine.dispose()
    password = secrets.token_urlsafe(16)
    plan = [("load-bureau", ["--role", "bureau"], "bureau", None), ("load-auditor", ["--role", "auditor"], "auditor", None)]
    plan += [(f"load-district-{i}", ["--role", "district", "--district", d], "district", None)
             for i, d in enumerate(districts)]
    plan += [(f"load-enterprise-{i}", ["--role", "enterprise", "--uscc", uscc], "enterprise", code)
             for i, (uscc, code) in enumerate(enterprises)]
    accounts: dict[str, list[list[str]]] = {}
    for name, args, role, code in plan:
        tracker("--db", url, "users", "add", name, *args, "--password-stdin", stdin=password + "\n")
        accounts.setdefault(role, []).append([name, password, *([code] if code else [])])
    path = folder / "accounts.json"
    path.write_text(json.dumps(accounts, ensure_ascii=False), encoding="utf-8")
    return path


def wait_until_serving(base: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/api/openapi.json", timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{base} did not answer within {timeout} s")


def read_stats(prefix: Path) -> list[dict[str, object]]:
    with open(f"{prefix}_stats.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        out.append({"route": r["Name"] if r["Name"] != "Aggregated" else "all routes", "method": r["Type"],
                    "requests": int(r["Request Count"]), "failures": int(r["Failure Count"]),
                    "rps": float(r["Requests/s"]), "p50_ms": float(r["50%"] or 0), "p95_ms": float(r["95%"] or 0),
                    "p99_ms": float(r["99%"] or 0), "max_ms": float(r["Max Response Time"] or 0)})
    return out


def write_load_results(out: Path, info: dict[str, object], stats: list[dict[str, object]]) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.json").write_text(json.dumps({**info, "routes": stats}, ensure_ascii=False, indent=1) + "\n",
                                   encoding="utf-8")
    lines = [f"# Load test, {info['date']}", "",
             f"{info['users']} locust users of every role (bureau, auditor, district, enterprise; 1–3 s think time) "
             f"for {info['minutes']} min against `deploy/serve_prod.py` ({info['workers']} gunicorn workers × "
             f"{info['threads']} threads and the scheduler) on PostgreSQL with {info['projects']:,} demo projects, "
             f"loopback only, locust on the same machine ({info['cores']} cores); each user has its own address, "
             f"sent as a reverse proxy would (X-Forwarded-For, 127.0.0.1 trusted). Load average "
             f"{info['load_before']:.1f} before, {info['load_after']:.1f} after.", "",
             "| route | requests | failures | req/s | p50 | p95 | p99 | max |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for s in stats:
        lines.append(f"| {s['route']} | {s['requests']:,} | {s['failures']} | {s['rps']:.1f} | "
                     f"{s['p50_ms']:.0f} ms | {s['p95_ms']:.0f} ms | {s['p99_ms']:.0f} ms | {s['max_ms']:.0f} ms |")
    (out / "load.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out / "load.md"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench.load.run")
    p.add_argument("--projects", type=int, default=10_000)
    p.add_argument("--users", type=int, default=50)
    p.add_argument("--minutes", type=float, default=3.0)
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--out", type=Path, default=RESULTS)
    args = p.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="tracker-load-"))
    with postgres_server(("fsync=off", "max_connections=200")) as server:
        url = create_pg_database(server, "load")
        tracker("--db", url, "init")
        log(f"generating {args.projects:,} demo projects on PostgreSQL")
        tracker("--db", url, "demo", "--projects", str(args.projects), "--seed", "1")
        accounts = make_accounts(url, folder)
        base = f"http://127.0.0.1:{free_port()}"
        env = {**child_env(), "TRACKER_DATA_DIR": str(folder / "data"), "TRACKER_LOAD_ACCOUNTS": str(accounts),
               "TRACKER_TRUSTED_PROXIES": "127.0.0.1"}  # the users' addresses come as from a proxy
        with open(folder / "serve-prod.log", "w") as served:
            deployment = subprocess.Popen(
                [sys.executable, str(ROOT / "deploy" / "serve_prod.py"), "--db", url, "--workers", str(args.workers),
                 "--bind", base.removeprefix("http://"), "--access-log", str(folder / "access.log")],
                env=env, stdout=served, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            wait_until_serving(base)
            time.sleep(5)  # let the scheduler's catch-up scan and first rebuild settle
            load_before = os.getloadavg()[0]
            log(f"{args.users} users for {args.minutes} min against {base}")
            prefix = folder / "locust"
            subprocess.run([sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
                            "-u", str(args.users), "-r", str(max(args.users // 10, 1)), "-t", f"{int(args.minutes * 60)}s",
                            "--host", base, "--csv", str(prefix), "--only-summary", "--stop-timeout", "10"],
                           env=env, cwd=ROOT, check=False)
            load_after = os.getloadavg()[0]
        finally:
            deployment.send_signal(signal.SIGTERM)
            deployment.wait(timeout=120)
    stats = read_stats(prefix)
    info = {"date": dt.datetime.now().astimezone().isoformat(timespec="minutes"), "users": args.users,
            "minutes": args.minutes, "workers": args.workers, "threads": int(os.environ.get("TRACKER_WEB_THREADS", "4")),
            "projects": args.projects, "cores": os.cpu_count(), "load_before": load_before, "load_after": load_after}
    written = write_load_results(args.out, info, stats)
    log(written.read_text(encoding="utf-8"))
    total = next(s for s in stats if s["route"] == "all routes")
    return 0 if total["failures"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
