"""Two programmes of different shapes side by side: the bundled ones (eight targets) and the
test-only five-target programme (tests/data/programmes/five-targets.toml), with a project in
each for the same enterprise, achievements, and a second five-target project elsewhere."""
from __future__ import annotations

import shutil
from pathlib import Path

from support.db import Tracker
from support.files import write_csv
from tracker.paths import programmes_dir

FIVE = "TEST-5T"
FIVE_TARGET_FILE = Path(__file__).resolve().parent.parent / "data" / "programmes" / "five-targets.toml"
ENTERPRISE_1, ENTERPRISE_2 = "91320506301104144E", "91320571231669536Q"  # 吴中区, 苏州工业园区
# 5T-001: ENTERPRISE_1 (which also holds SZIPS-2024-001), a three-year window; acceptance
# request due two months before its end: 2026-12-28 (a Monday).
PROJECT_HEADER = ["项目编号", "统一社会信用代码", "企业名称", "项目名称", "所属地区", "产业集群", "资助金额（万元）",
                  "实施开始日期", "实施结束日期", "延期说明", "trained_staff"]
FIVE_PROJECTS = [
    ["5T-001", ENTERPRISE_1, "苏州示例精密机械有限公司", "精密机械专利导航与标准研制", "吴中区", "高端装备", "60",
     "2024-03-01", "2027-02-28", "", "12"],
    ["5T-002", ENTERPRISE_2, "苏州示例生物医药股份有限公司", "生物医药标准研制", "苏州工业园区", "生物医药及大健康", "40",
     "2025-03-01", "2028-02-29", "", ""],
]
REPORT = "项目围绕专利导航、标准研制和人才培养开展工作，形成了可复制的经验。" * 40  # about 1,300 characters: short
FIVE_ACHIEVEMENTS = [
    ["project_code", "indicator", "date", "title", "quantity", "level", "year", "value", "text", "reference"],
    ["5T-001", "pct_filings", "2024-06-01", "PCT申请一", "", "", "", "", "", "PCT/CN2024/000101"],
    ["5T-001", "pct_filings", "2024-09-01", "PCT申请二", "", "", "", "", "", "PCT/CN2024/000102"],
    ["5T-001", "patent_navigation", "2024-10-01", "专利导航报告", "", "", "", "", "", ""],
    ["5T-001", "drafted_standards", "2025-04-01", "团体标准一", "", "group", "", "", "", "T/SZ 001-2025"],
    ["5T-001", "drafted_standards", "2025-05-01", "团体标准二", "", "group", "", "", "", "T/SZ 002-2025"],
    ["5T-001", "trained_staff", "2025-06-01", "培训结业", "12", "", "", "", "", ""],
    ["5T-001", "licence_income_ratio", "2024-01-31", "2023年度", "", "", "2023", "1.2", "", ""],
    ["5T-001", "licence_income_ratio", "2025-01-31", "2024年度", "", "", "2024", "1.5", "", ""],
    ["5T-001", "licence_income_ratio", "2026-01-31", "2025年度", "", "", "2025", "1.9", "", ""],
    ["5T-001", "final_report", "2026-06-01", "总结报告", "", "", "", "", REPORT, ""],
    ["5T-002", "pct_filings", "2025-06-01", "PCT申请", "", "", "", "", "", "PCT/CN2025/000201"],
]


def two_shapes(tmp_path: Path, monkeypatch, url: str | None = None) -> Tracker:
    """A database with the bundled programmes and the five-target one loaded by `tracker init`
    (through TRACKER_DATA_DIR), each with applicants, projects and verified achievements."""
    data = tmp_path / "data"
    shutil.copytree(programmes_dir(), data / "programmes")
    shutil.copy(FIVE_TARGET_FILE, data / "programmes" / FIVE_TARGET_FILE.name)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data))
    t = Tracker(url or f"sqlite:///{tmp_path / 'shapes.sqlite3'}")
    t("init")
    examples = _examples()
    for code in ("SZIPS-2024", FIVE):
        t("applications", "import", "--programme", code, str(examples / "applicants.csv"))
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    t("projects", "import", "--programme", FIVE, str(write_csv(tmp_path / "p5.csv", [PROJECT_HEADER, *FIVE_PROJECTS])))
    t("achievements", "import", str(examples / "achievements.csv"), "--verified-by", "市局")
    t("achievements", "import", str(write_csv(tmp_path / "a5.csv", FIVE_ACHIEVEMENTS)), "--verified-by", "市局")
    return t


def _examples() -> Path:
    root = Path(__file__).resolve().parent.parent.parent
    shared = root.parent / "shared" / "examples"
    return shared if shared.exists() else root / "tests" / "data" / "examples"

