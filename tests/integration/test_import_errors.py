"""Bad input: every problem named with file, row and column, exit 2, and the database unchanged."""
import pytest

from support.files import changed, read_rows, write_csv, write_xlsx

APPLICANT = 0  # the first data row of applicants.csv, spreadsheet row 2


def refused(tracker, kind, path, *expected_fragments, extra=()):
    """Import `path`, expect exit 2, every fragment in the errors, and no change at all."""
    before = tracker.snapshot()
    programme = ("--programme", "SZIPS-2024") if kind in ("applications", "projects") else ()
    result = tracker(kind, "import", *programme, str(path), *extra, expect=2)
    after = tracker.snapshot()
    assert after == before
    for fragment in expected_fragments:
        assert fragment in result.stderr, result.stderr
    return result.stderr


@pytest.mark.parametrize("column, value, message", [
    ("统一社会信用代码", "91320506301104144F", "校验位"),
    ("统一社会信用代码", "9132050630110414", "18位"),
    ("所属地区", "上海市", "未知的地区"),
    ("产业集群", "纺织", "未知的产业集群"),
    ("独立法人", "也许", "是/否"),
    ("有效专利数", "很多", "整数"),
    ("有效专利数", "-3", "负数"),
    ("有效发明专利数", "200", "不能大于有效专利数"),
    ("标准覆盖率", "120", "0 到 100"),
    ("标准覆盖率", "-1", "0 到 100"),
    ("主营业务收入2", "", "缺少必填值"),
    ("净利润1", "lots", "数字"),
    ("优先支持荣誉", "诺贝尔奖", "未知的优先支持荣誉"),
])
def test_a_bad_applicant_value_is_refused_naming_file_row_and_column(tracker, examples, tmp_path,
                                                                     column, value, message):
    path = changed(examples / "applicants.csv", tmp_path / "bad.csv", {(2, column): value})
    errors = refused(tracker, "applications", path, "bad.csv", "第4行", column, message)
    assert len(errors.strip().splitlines()) == 2  # the one problem, then "nothing changed"


def test_every_problem_of_a_file_is_reported_and_the_good_rows_are_not_imported(tracker, examples, tmp_path):
    path = changed(examples / "applicants.csv", tmp_path / "many.csv", {
        (0, "有效专利数"): "x", (1, "所属地区"): "火星", (3, "标准覆盖率"): "101"})
    errors = refused(tracker, "applications", path, "第2行", "第3行", "第5行")
    assert len(errors.strip().splitlines()) == 4


def test_the_same_uscc_twice_in_one_file_is_an_input_error(tracker, examples, tmp_path):
    rows = read_rows(examples / "applicants.csv")
    path = write_csv(tmp_path / "dup.csv", rows + [rows[1]])
    refused(tracker, "applications", path, "第6行", "与第2行重复")


def test_a_missing_column_is_named(tracker, examples, tmp_path):
    rows = [r[:5] + r[6:] for r in read_rows(examples / "applicants.csv")]  # drop 主营业务收入1
    path = write_csv(tmp_path / "nocol.csv", rows)
    refused(tracker, "applications", path, "nocol.csv", "主营业务收入1")


def test_a_file_that_does_not_exist_or_has_another_type_is_refused(tracker, tmp_path):
    refused(tracker, "applications", tmp_path / "none.csv", "文件不存在")
    (tmp_path / "a.txt").write_text("x")
    refused(tracker, "applications", tmp_path / "a.txt", ".csv 或 .xlsx")


def test_a_broken_workbook_is_refused_cleanly(tracker, tmp_path):
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip at all")
    refused(tracker, "applications", tmp_path / "broken.xlsx", "broken.xlsx", "Excel")


def test_a_gb18030_csv_imports_like_utf8(tracker, examples, tmp_path):
    path = write_csv(tmp_path / "gbk.csv", read_rows(examples / "applicants.csv"), encoding="gb18030")
    tracker("applications", "import", "--programme", "SZIPS-2024", str(path))
    assert len(tracker.json("applications", "screen", "--programme", "SZIPS-2024")) == 4


def test_a_workbook_with_title_rows_and_real_dates_imports(tracker, examples, tmp_path):
    import datetime as dt
    tracker("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    rows = read_rows(examples / "projects.csv")
    rows[0] = [h.replace("（", "(").replace("）", ")") for h in rows[0]]  # half-width brackets
    for row in rows[1:]:
        row[6] = float(row[6])
        row[7] = dt.datetime.fromisoformat(row[7])
        row[8] = dt.datetime.fromisoformat(row[8])
    path = write_xlsx(tmp_path / "projects.xlsx", rows,
                      title_rows=[["2024年度知识产权和标准融合计划项目汇总表"], ["填报单位：市局"], []])
    tracker("projects", "import", "--programme", "SZIPS-2024", str(path))
    status = tracker.json("status", "--today", "2026-01-01")
    assert [(p["project_code"], p["start_date"], p["grant_wan"]) for p in status] == [
        ("SZIPS-2024-001", "2025-01-01", "50.00"), ("SZIPS-2024-002", "2025-03-01", "80.00")]


def test_a_bad_cell_in_a_workbook_is_reported_with_its_spreadsheet_row(tracker, examples, tmp_path):
    rows = read_rows(examples / "applicants.csv")
    rows[2][14] = "many"
    path = write_xlsx(tmp_path / "a.xlsx", rows, title_rows=[["汇总表"], []])
    refused(tracker, "applications", path, "a.xlsx", "第5行", "有效专利数")


def test_reimporting_an_application_past_submitted_is_refused(tracker, examples):
    tracker("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    tracker("applications", "transition", "91320506301104144E", "district_recommended", "--on", "2024-11-19")
    refused(tracker, "applications", examples / "applicants.csv", "第2行", "district_recommended")


def test_reimporting_submitted_applications_refreshes_them(tracker, examples, tmp_path):
    tracker("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    path = changed(examples / "applicants.csv", tmp_path / "fix.csv", {(2, "有效专利数"): "55"})
    out = tracker("applications", "import", "--programme", "SZIPS-2024", str(path)).stdout
    assert "更新 4" in out
    verdicts = {r["uscc"]: r["verdict"] for r in tracker.json("applications", "screen", "--programme", "SZIPS-2024")}
    assert verdicts["91320583788194722P"] == "eligible"


# --- projects -------------------------------------------------------------------------

@pytest.mark.parametrize("changes, fragments", [
    ({(0, "实施结束日期"): "2024-12-31"}, ["第2行", "早于开始日期"]),
    ({(0, "实施结束日期"): "2027-01-02"}, ["第2行", "超过2年", "2027-01-01"]),
    ({(0, "资助金额（万元）"): "0"}, ["第2行", "大于 0"]),
    ({(0, "资助金额（万元）"): "10.005"}, ["两位小数"]),
    ({(1, "项目编号"): "SZIPS-2024-001"}, ["第3行", "与第2行重复"]),
    ({(0, "实施开始日期"): "2025-13-01"}, ["实施开始日期", "不存在的日期"]),
    ({(0, "所属地区"): "外地"}, ["苏州市行政区域内"]),
    ({(1, "统一社会信用代码"): "91320571231669536X"}, ["第3行", "校验位"]),
])
def test_a_bad_project_row_is_refused(tracker, examples, tmp_path, changes, fragments):
    path = changed(examples / "projects.csv", tmp_path / "p.csv", changes)
    refused(tracker, "projects", path, "p.csv", *fragments)


def test_a_window_longer_than_two_years_is_accepted_with_an_extension_reason_and_flagged(tracker, examples, tmp_path):
    path = changed(examples / "projects.csv", tmp_path / "p.csv", {
        (0, "实施结束日期"): "2027-06-30", (0, "延期说明"): "疫情影响，经市局批准延期"})
    tracker("projects", "import", "--programme", "SZIPS-2024", str(path))
    status = tracker.json("status", "--project", "SZIPS-2024-001", "--today", "2026-01-01")[0]
    assert "extended_window" in status["flags"]


def test_a_window_of_exactly_two_years_under_the_civil_code_is_not_extended(tracker, examples, tmp_path):
    path = changed(examples / "projects.csv", tmp_path / "p.csv", {(0, "实施结束日期"): "2027-01-01"})
    tracker("projects", "import", "--programme", "SZIPS-2024", str(path))
    status = tracker.json("status", "--project", "SZIPS-2024-001", "--today", "2026-01-01")[0]
    assert "extended_window" not in status["flags"]


def test_importing_a_project_code_that_exists_is_refused(tracker, examples):
    tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    refused(tracker, "projects", examples / "projects.csv", "第2行", "已存在", "第3行")


def test_a_contract_may_raise_an_indicator_but_not_lower_it(tracker, examples, tmp_path):
    rows = read_rows(examples / "projects.csv")
    rows[0].append("university_patents")
    rows[1].append("8")
    rows[2].append("4")
    refused(tracker, "projects", write_csv(tmp_path / "low.csv", rows), "第3行", "university_patents",
            "不能低于")
    rows[2][-1] = ""
    tracker("projects", "import", "--programme", "SZIPS-2024", str(write_csv(tmp_path / "ok.csv", rows)))
    one = tracker.json("status", "--project", "SZIPS-2024-001", "--today", "2026-01-01")[0]
    required = {i["id"]: i["required"] for t in one["targets"] for i in t["indicators"]}
    assert required["university_patents"] == 8


# --- achievements ---------------------------------------------------------------------

@pytest.fixture
def with_projects(tracker, examples):
    tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    return tracker


@pytest.mark.parametrize("changes, fragments", [
    ({(0, "project_code"): "SZIPS-2024-999"}, ["第2行", "project_code", "不存在"]),
    ({(0, "indicator"): "happiness"}, ["第2行", "indicator", "未知的指标"]),
    ({(1, "date"): "yesterday"}, ["第3行", "date", "日期"]),
    ({(1, "quantity"): "0"}, ["第3行", "quantity", "至少为 1"]),
    ({(3, "level"): "galactic"}, ["第5行", "level", "未知的级别"]),
    ({(1, "source_type"): "朋友"}, ["第3行", "source_type", "未知的来源"]),
    ({(6, "year"): ""}, ["第8行", "year", "缺少必填值"]),
    ({(6, "value"): "high"}, ["第8行", "value", "数字"]),
    ({(0, "title"): ""}, ["第2行", "title", "缺少必填值"]),
])
def test_a_bad_achievement_row_is_refused(with_projects, examples, tmp_path, changes, fragments):
    path = changed(examples / "achievements.csv", tmp_path / "a.csv", changes)
    refused(with_projects, "achievements", path, "a.csv", *fragments)


def test_a_text_indicator_needs_its_text(with_projects, tmp_path):
    path = write_csv(tmp_path / "t.csv", [["project_code", "indicator", "date", "title", "text"],
                                          ["SZIPS-2024-001", "work_summary", "2026-10-01", "工作总结", ""]])
    refused(with_projects, "achievements", path, "第2行", "text", "缺少必填值")


def test_chinese_level_and_source_names_are_accepted(with_projects, tmp_path):
    path = write_csv(tmp_path / "zh.csv", [
        ["项目编号", "指标", "日期", "名称", "级别", "来源", "编号"],
        ["SZIPS-2024-001", "converted_standards", "2025-05-01", "团体标准", "团体", "", "T/X 1-2025"],
        ["SZIPS-2024-001", "university_patents", "2025-05-01", "受让专利", "", "科研院所", "ZL1"]])
    with_projects("achievements", "import", str(path), "--verified-by", "审核员")
    records = with_projects.json("achievements", "list")
    assert [(r["level"], r["source_type"]) for r in records] == [("group", None),
                                                                 (None, "research_institute")]
