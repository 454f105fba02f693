"""Import files that lie or overflow: every row read whatever the workbook declares, limits
instead of exhausted memory, and the database's lengths and ranges checked in the importer
with the row and column named (exit 2, nothing changed) on SQLite and PostgreSQL alike."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from support.files import changed, read_rows, write_csv, write_xlsx


@pytest.fixture
def loaded(tracker, examples):
    tracker("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    return tracker


def with_dimension(path: Path, ref: str) -> Path:
    """Rewrite the <dimension ref=...> the sheet declares, as some tools get it wrong."""
    out = path.with_name(f"dim-{path.name}")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), data)
                assert f'ref="{ref}"'.encode() in data
            dst.writestr(item, data)
    return out


def test_a_workbook_whose_dimension_says_three_rows_imports_all_ten(loaded, examples, tmp_path):
    rows = read_rows(examples / "achievements.csv")
    extra = list(rows[1])
    extra[3] = "第十条记录"
    data = rows[1:] + [extra]
    assert len(data) == 10
    lying = with_dimension(write_xlsx(tmp_path / "a.xlsx", [rows[0], *data]), "A1:L3")
    loaded("achievements", "import", str(lying))
    assert len(loaded.json("achievements", "list")) == 10


def test_a_dimension_bomb_is_read_quickly_in_little_memory(db_url, tmp_path, examples):
    rows = read_rows(examples / "applicants.csv")
    bomb = with_dimension(write_xlsx(tmp_path / "b.xlsx", rows), "A1:XFD1048576")
    assert bomb.stat().st_size < 10_000
    # The peak of this process alone (VmHWM; ru_maxrss would carry pytest's own across exec).
    script = ("import re, sys\nfrom tracker.cli import main\n"
              "try:\n    main(sys.argv[1:])\nfinally:\n"
              "    peak = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
              "    print('MAXRSS', peak, file=sys.stderr)\n")
    subprocess.run([sys.executable, "-c", script, "init", "--db", db_url], check=True, capture_output=True,
                   env=os.environ)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script, "applications", "import", "--programme", "SZIPS-2024", str(bomb), "--db", db_url],
                          capture_output=True, text=True, env=os.environ, timeout=60)
    elapsed = time.monotonic() - started
    assert done.returncode in (0, 2), done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    max_kib = int(re.search(r"MAXRSS (\d+)", done.stderr).group(1))
    assert elapsed < 10 and max_kib < 300 * 1024, (elapsed, max_kib)


@pytest.mark.parametrize("column, value, words", [
    ("title", "名" * 301, "不超过 300 个字符"),
    ("reference", "R" * 121, "不超过 120 个字符"),
    ("title", "带\x00空字符", "控制字符"),
    ("title", "带\x1b[31m转义", "控制字符"),
    ("quantity", str(2**31), "超出范围"),
    ("quantity", "1e999999", "超出范围"),
    ("value", "NaN", "应为数字"),
])
def test_values_the_database_cannot_hold_are_named_by_row_and_column(loaded, examples, tmp_path, column, value,
                                                                     words):
    before = loaded.snapshot()
    bad = changed(examples / "achievements.csv", tmp_path / "bad.csv", {(1, column): value})
    result = loaded("achievements", "import", str(bad), expect=2)
    assert "第3行" in result.stderr and column in result.stderr and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert loaded.snapshot() == before


def test_a_250_character_name_and_a_link_shaped_code_are_refused_at_import(tracker, examples, tmp_path):
    tracker("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    bad = changed(examples / "projects.csv", tmp_path / "p.csv", {(0, "企业名称"): "名" * 250,
                                                                   (1, "项目编号"): "X](https://evil.example)"})
    result = tracker("projects", "import", "--programme", "SZIPS-2024", str(bad), expect=2)
    assert "第2行" in result.stderr and "不超过 200 个字符" in result.stderr
    assert "第3行" in result.stderr and "项目编号只能由" in result.stderr


def test_too_many_columns_or_a_huge_cell_is_refused_with_its_row(tracker, examples, tmp_path):
    rows = read_rows(examples / "applicants.csv")
    wide = [list(r) for r in rows]
    wide[2] = wide[2] + ["x"] * 400
    r = tracker("applications", "import", "--programme", "SZIPS-2024", str(write_csv(tmp_path / "w.csv", wide)), expect=2)
    assert "第3行" in r.stderr and "列" in r.stderr
    big = [list(r) for r in rows]
    big[1][1] = "名" * 40_000
    r = tracker("applications", "import", "--programme", "SZIPS-2024", str(write_xlsx(tmp_path / "big.xlsx", big)), expect=2)
    assert "第2行" in r.stderr and "32767" in r.stderr
