"""The scheduler as a real process: killed mid-scan and restarted, nothing is lost or
repeated; two against one database, only one scans; SIGTERM stops it cleanly."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from support.servers import SMTPServer
from support.waiting import wait_for
from tracker.db import read_session
from tracker.models import Alert, Notification, ScanRun

SCHEDULER = [str(Path(sys.executable).parent / "tracker-scheduler")]
# The same scheduler with its scan held open before commit, for 30 s (see the script).
HELD_SCAN = [sys.executable, str(Path(__file__).resolve().parents[1] / "support" / "held_scan_scheduler.py"), "30"]
TODAY = "2026-11-25"


class Process:
    def __init__(self, url, log: Path, extra_env=None, args=(), command=SCHEDULER):
        env = {**os.environ, "TRACKER_DATABASE_URL": url, **(extra_env or {})}
        self.log = log
        self._out = log.open("w")
        self.handle = subprocess.Popen([*command, "--today", TODAY, "--delivery-interval", "1",
                                        "--standby-poll", "0.3", *args],
                                       env=env, stdout=self._out, stderr=subprocess.STDOUT)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def stop(self, sig=signal.SIGTERM, timeout=20) -> int:
        if self.handle.poll() is None:
            self.handle.send_signal(sig)
        try:
            return self.handle.wait(timeout)
        except subprocess.TimeoutExpired:
            self.handle.kill()  # never leave a process behind, then report the hang
            self.handle.wait()
            raise AssertionError(f"the scheduler did not stop within {timeout} s:\n{self.output()}")
        finally:
            self._out.close()


def count(tracker, stmt):
    engine = tracker.engine()
    with read_session(engine) as s:  # WAL readers do not wait for the scan's write lock
        value = s.scalar(stmt)
    engine.dispose()
    return value


@pytest.fixture
def smtp():
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def watched(tracker, examples, tmp_path):
    from support.files import write_csv
    tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    tracker("contacts", "import", str(write_csv(tmp_path / "c.csv", [
        ["scope", "owner", "name", "email"],
        ["enterprise", "91320571231669536Q", "企业", "ip@bio.example"],
        ["bureau", "", "市局", "ipc@amr.example"]])))
    return tracker


def test_a_scheduler_killed_mid_scan_loses_and_repeats_nothing(watched, smtp, tmp_path):
    first = Process(watched.url, tmp_path / "first.log", smtp.env(), command=HELD_SCAN)
    try:
        wait_for(lambda: count(watched, select(func.count()).select_from(ScanRun)), what="the scan to start")
        time.sleep(1.0)  # inside the scan's transaction, alerts written but not committed
        assert first.stop(signal.SIGKILL) == -signal.SIGKILL
    finally:
        if first.handle.poll() is None:
            first.handle.kill()
    assert count(watched, select(func.count()).select_from(Alert)) == 0
    assert count(watched, select(func.count()).select_from(ScanRun).where(ScanRun.finished_at.is_(None))) == 1

    second = Process(watched.url, tmp_path / "second.log", smtp.env())
    try:
        wait_for(lambda: count(watched, select(func.count()).select_from(Notification)
                               .where(Notification.status == "sent")) == 3, what="three notifications sent")
        time.sleep(2.5)  # a few more delivery rounds: nothing more may go out
    finally:
        assert second.stop() == 0, second.output()
    alerts = watched.json("alerts")
    assert sorted((a["project_code"], a["kind"], a["key"]) for a in alerts) == [
        ("SZIPS-2024-001", "acceptance_request_overdue", None),
        ("SZIPS-2024-002", "acceptance_request_due", "7"),
        ("SZIPS-2024-002", "behind_schedule", None)]
    # 001 overdue -> bureau; 002 reminder -> enterprise; 002 behind -> bureau
    assert sorted(m["To"] for m in smtp.box.messages) == [
        "ip@bio.example", "ipc@amr.example", "ipc@amr.example"]
    assert len(smtp.box.messages) == count(watched, select(func.count()).select_from(Notification))
    assert len({m["Message-ID"] for m in smtp.box.messages}) == len(smtp.box.messages)
    assert watched.json("scan", "--today", TODAY) == []
    assert "调度器已停止" in second.output()


def test_two_schedulers_against_one_database_only_one_scans(tracker, examples, tmp_path):
    tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    a = Process(tracker.url, tmp_path / "a.log")
    b = None
    try:
        wait_for(lambda: "活动调度器已启动" in a.output(), what="the first scheduler to start")
        wait_for(lambda: count(tracker, select(func.count()).select_from(ScanRun)
                               .where(ScanRun.finished_at.is_not(None))), what="the first scan")
        b = Process(tracker.url, tmp_path / "b.log")
        wait_for(lambda: "待命" in b.output(), what="the second scheduler to stand by")
        refused = subprocess.run([*SCHEDULER, "--no-wait"], env={**os.environ, "TRACKER_DATABASE_URL": tracker.url},
                                 capture_output=True, text=True, timeout=30)
        assert refused.returncode == 3 and "另一个调度器正在运行" in refused.stderr
        time.sleep(1.5)
        assert "活动调度器已启动" not in b.output()
        assert count(tracker, select(func.count()).select_from(ScanRun)) == 1
        assert a.stop() == 0
        wait_for(lambda: "活动调度器已启动" in b.output(), what="the standby to take over")
        assert count(tracker, select(func.count()).select_from(ScanRun)) == 1  # today is already scanned
    finally:
        for p in (a, b):
            if p is not None and p.handle.poll() is None:
                p.stop()
    assert b.stop() == 0


def test_the_scheduler_refuses_a_database_that_is_not_initialised(tmp_path):
    result = subprocess.run(SCHEDULER, env={**os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"},
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "tracker init" in result.stderr


def test_sigterm_at_any_moment_of_start_up_stops_it_cleanly(sqlite_tracker, examples, tmp_path):
    sqlite_tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    for n, delay in enumerate((0.05, 0.3, 0.6, 0.9, 1.2, 1.6)):
        p = Process(sqlite_tracker.url, tmp_path / f"p{n}.log")
        time.sleep(delay)
        assert p.stop(timeout=15) in (0, -signal.SIGTERM), p.output()
