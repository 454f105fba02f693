"""`tracker demo` shows a progress bar on standard error when that is a terminal, naming each
stage, and nothing of it otherwise: the output itself stays the final lines."""
from __future__ import annotations

import os
import pty
import subprocess
import sys

STAGES = ("生成项目与成果", "计算项目快照", "每日扫描", "完成")


def run_demo(url: str, on_terminal: bool) -> tuple[str, str]:
    """(standard output, standard error) of a small demo run as a process."""
    command = [sys.executable, "-c", "from tracker.cli import main; main()", "--db", url, "demo",
               "--projects", "30", "--seed", "2", "--today", "2026-06-01"]
    if not on_terminal:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
        return done.stdout, done.stderr
    main, terminal = pty.openpty()
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=terminal) as proc:
        os.close(terminal)
        shown = b""
        while True:
            try:
                data = os.read(main, 4096)
            except OSError:  # the process closed the terminal
                break
            if not data:
                break
            shown += data
        out = proc.stdout.read().decode()
        assert proc.wait(timeout=300) == 0
    os.close(main)
    return out, shown.decode(errors="replace")


def test_a_terminal_sees_each_stage_and_the_bar_completed(templates, tmp_path):
    out, err = run_demo(templates.sqlite_copy(tmp_path / "t.sqlite3"), on_terminal=True)
    assert all(stage in err for stage in STAGES), err
    assert "90/90" in err  # three stages of 30 projects each, all done
    assert "已生成 30 个项目" in out and "生成项目与成果" not in out


def test_no_bar_when_standard_error_is_not_a_terminal(templates, tmp_path):
    out, err = run_demo(templates.sqlite_copy(tmp_path / "t.sqlite3"), on_terminal=False)
    assert not any(stage in err for stage in STAGES) and "/90" not in err
    assert "已生成 30 个项目" in out and "扫描完成" in out
