"""What people see: readable tables, the portfolio summary, progress bars only on a terminal."""
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

TRACKER = str(Path(sys.executable).parent / "tracker")


def test_human_outputs_are_chinese_tables(sqlite_tracker, examples):
    t = sqlite_tracker
    t("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    t("achievements", "import", str(examples / "achievements.csv"))
    screen = t("applications", "screen", "--programme", "SZIPS-2024").stdout
    assert "有效专利不足50件" in screen and "优先支持：江苏省专利奖" in screen
    listing = t("status", "--today", "2026-11-25").stdout
    assert "逾期未申请验收" in listing and "进度滞后" in listing
    one = t("status", "--project", "SZIPS-2024-002", "--today", "2026-11-25").stdout
    assert "2026-11-28（顺延至 2026-11-30）" in one and "与会专家人数" in one
    summary = t("status", "--summary", "--today", "2026-11-25").stdout
    assert "项目 2 个" in summary and "风险资金 50.00 万元" in summary
    records = t("achievements", "list").stdout
    assert "待审核" in records and "与会专家人数" in records and "expert_attendance" not in records
    assert "SZIPS-2024" in t("programmes").stdout


def test_status_of_an_unknown_project_is_an_input_error(sqlite_tracker):
    assert "NOPE" in sqlite_tracker("status", "--project", "NOPE", expect=2).stderr


def test_demo_is_quiet_when_not_on_a_terminal_and_shows_progress_on_one(tmp_path, templates):
    env = {**os.environ, "TRACKER_DATABASE_URL": templates.sqlite_copy(tmp_path / "a.sqlite3")}
    piped = subprocess.run([TRACKER, "demo", "--projects", "50"], env=env, capture_output=True, text=True)
    assert piped.returncode == 0 and piped.stderr == ""
    rows = [re.split(r"\s{2,}", line) for line in piped.stdout.split("演示账户", 1)[1].splitlines()[3:] if line]
    assert {row[1] for row in rows} == {"市局", "地区管理部门", "项目承担单位", "审计人员"}  # roles in words
    env["TRACKER_DATABASE_URL"] = templates.sqlite_copy(tmp_path / "b.sqlite3")
    pid, fd = pty.fork()
    if pid == 0:  # the child runs with a terminal on standard error
        os.execve(TRACKER, [TRACKER, "demo", "--projects", "50"], env)
    output = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.waitpid(pid, 0)
    assert "生成演示数据" in output.decode("utf-8", "replace")


def test_db_may_be_given_before_the_command_or_by_the_environment(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from tracker.cli import main
    first, second = f"sqlite:///{tmp_path / 'first.sqlite3'}", f"sqlite:///{tmp_path / 'second.sqlite3'}"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", first, "init"]).exit_code == 0
    assert (tmp_path / "first.sqlite3").exists()
    monkeypatch.setenv("TRACKER_DATABASE_URL", second)
    assert runner.invoke(main, ["init"]).exit_code == 0
    assert (tmp_path / "second.sqlite3").exists()
    assert runner.invoke(main, ["programmes", "--db", first]).exit_code == 0
