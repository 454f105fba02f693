"""Production serving (deploy/serve_prod.py): gunicorn with two workers and a scheduler on
PostgreSQL. Any worker answers for any session with the same data; a second scheduler waits
as a standby and takes over when the active one stops. Which worker answered is read from
gunicorn's access log (pid and the X-Request-Id each request carries)."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests

from bench.callbacks import grid, grid_rows as rows_of

from support.servers import free_port
from support.waiting import wait_for
from support.web import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.postgres
WAIT = 120.0


class Deployment:
    def __init__(self, url: str, tmp: Path):
        self.url, self.base = url, f"http://127.0.0.1:{free_port()}"
        self.access_log, self.output = tmp / "access.log", tmp / "serve-prod.out"
        env = {**os.environ, "TRACKER_DATA_DIR": str(tmp / "data")}
        env.pop("TRACKER_SECRET_KEY", None)  # the workers share the key file created before they start
        with self.output.open("w") as out:  # the child keeps its own descriptor
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "deploy" / "serve_prod.py"), "--db", url, "--workers", "2",
                 "--bind", self.base.removeprefix("http://"), "--access-log", str(self.access_log),
                 "--scheduler-args", "--standby-poll 0.5"],
                stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)

    def _answers(self) -> bool:
        try:
            return requests.get(f"{self.base}/api/openapi.json", timeout=5).status_code == 200
        except requests.RequestException:  # not listening yet, or no worker booted yet
            return False

    def log(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")

    def call(self, session: requests.Session, method: str, path: str, **kwargs) -> tuple[requests.Response, int]:
        """One request on a fresh connection, and the pid of the worker that answered it."""
        request_id = uuid.uuid4().hex
        response = session.request(method, f"{self.base}{path}", timeout=60, **kwargs,
                                   headers={"X-Request-Id": request_id, "Connection": "close"})
        pattern = re.compile(rf"pid=<?(\d+)>? .* id={request_id}")

        def logged() -> int | None:
            found = pattern.search(self.access_log.read_text(encoding="utf-8")) if self.access_log.exists() else None
            return int(found.group(1)) if found else None
        return response, wait_for(logged, 30, f"request {request_id} in the access log")

    def call_elsewhere(self, pid: int, session: requests.Session, method: str, path: str, **kwargs
                       ) -> tuple[requests.Response, int]:
        """The same request repeated until a worker other than `pid` answers it (reads only)."""
        for _ in range(100):
            response, other = self.call(session, method, path, **kwargs)
            if other != pid:
                return response, other
        raise AssertionError(f"every request went to worker {pid}")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


@pytest.fixture
def deployment(portfolio, tmp_path):
    d = Deployment(portfolio.url, tmp_path)
    try:
        wait_for(d._answers, WAIT, "the web workers")
        yield d
    finally:
        if d.process.poll() is None:
            d.stop()


def signed_in(d: Deployment, username: str) -> tuple[requests.Session, int]:
    session = requests.Session()
    response, pid = d.call(session, "POST", "/api/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return session, pid


def grid_rows(d: Deployment, session: requests.Session, pid: int | None) -> tuple[list[dict], int]:
    body = grid(0, [{"colId": "project_code", "sort": "asc"}])
    if pid is None:
        response, answered = d.call(session, "POST", "/_dash-update-component", json=body)
    else:
        response, answered = d.call_elsewhere(pid, session, "POST", "/_dash-update-component", json=body)
    assert response.status_code == 200, response.text[:300]
    return rows_of(response.json())["rowData"], answered


@pytest.mark.parametrize("databases", ["postgresql"], indirect=True)
def test_any_worker_answers_for_any_session_with_the_same_data(deployment):
    d = deployment
    enterprise, first = signed_in(d, "ent1")
    me, _ = d.call_elsewhere(first, enterprise, "GET", "/api/me")
    assert me.status_code == 200 and me.json()["username"] == "ent1"  # the session, on the other worker

    # write through one worker, read through the other
    claim, writer = d.call(enterprise, "POST", "/api/projects/SZIPS-2024-001/achievements", json={
        "indicator": "university_patents", "date": "2025-09-01", "title": "受让专利", "source_type": "高校",
        "reference": "ZL-PROD-1"})
    assert claim.status_code == 201, claim.text
    listed, _ = d.call_elsewhere(writer, enterprise, "GET", "/api/projects/SZIPS-2024-001/achievements")
    assert claim.json()["id"] in [a["id"] for a in listed.json()]

    # the read model, the projects and the alerts: the same from both workers
    bureau, one = signed_in(d, "bureau")
    rows_one, _ = grid_rows(d, bureau, None)
    rows_other, _ = grid_rows(d, bureau, one)
    assert rows_one == rows_other and len(rows_one) == 3
    alerts_one, a = d.call(bureau, "GET", "/api/alerts")
    alerts_other, _ = d.call_elsewhere(a, bureau, "GET", "/api/alerts")
    assert alerts_one.json() and alerts_one.json() == alerts_other.json()
    projects_one, p = d.call(bureau, "GET", "/api/projects")
    projects_other, _ = d.call_elsewhere(p, bureau, "GET", "/api/projects")
    assert projects_one.json() == projects_other.json()

    # throttling counts failures from every worker: after five, both workers refuse
    anonymous = requests.Session()
    for _ in range(5):
        failed, _ = d.call(anonymous, "POST", "/api/login", json={"username": "wuzhong", "password": "wrong-password"})
        assert failed.status_code == 401
    refused: dict[int, set[int]] = {}
    for _ in range(100):
        answer, pid = d.call(anonymous, "POST", "/api/login", json={"username": "wuzhong", "password": PASSWORD})
        refused.setdefault(pid, set()).add(answer.status_code)
        if len(refused) == 2:
            break
    assert len(refused) == 2 and all(codes == {429} for codes in refused.values()), refused


@pytest.mark.parametrize("databases", ["postgresql"], indirect=True)
def test_a_standby_scheduler_takes_over_when_the_active_one_stops(deployment, tmp_path):
    d = deployment
    first = int(wait_for(lambda: re.search(r"scheduler pid=(\d+)", d.log()), WAIT, "the scheduler").group(1))
    wait_for(lambda: "活动调度器已启动" in d.log(), WAIT, "the first scheduler to become active")
    standby_out = tmp_path / "standby.out"
    with standby_out.open("w") as out:
        standby = subprocess.Popen([sys.executable, "-c", "import sys; from schedules.main import main; "
                                    "sys.exit(main())", "--db", d.url, "--standby-poll", "0.5"],
                                   stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        wait_for(lambda: "待命" in standby_out.read_text(encoding="utf-8"), WAIT, "the second scheduler to stand by")
        os.kill(first, signal.SIGTERM)
        wait_for(lambda: "已接替成为活动调度器" in standby_out.read_text(encoding="utf-8"), WAIT, "the standby to take over")
        # the deployment starts its scheduler again, which now stands by in turn
        wait_for(lambda: len(re.findall(r"scheduler pid=\d+", d.log())) >= 2 and d.log().count("待命") >= 1,
                 WAIT, "the restarted scheduler to stand by")
        scans = json.loads(subprocess.run(
            [sys.executable, "-c", "from tracker.cli import main; main()", "scans", "--db", d.url, "--json"],
            capture_output=True, text=True, check=True, cwd=ROOT).stdout)
        assert any(s.get("trigger") == "catch-up" for s in scans), scans
    finally:
        standby.terminate()
        assert standby.wait(timeout=60) == 0
    assert d.stop() == 0
