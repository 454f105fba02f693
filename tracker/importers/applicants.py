"""Applicants file (INTERFACES.md 2.1) -> validated applicant facts, or every problem."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from tracker.commands import ApplicantInput
from tracker.errors import InputError, Problem
from tracker.importers.reader import ColumnSpec, read_table
from tracker.importers.rows import (RowReader, non_negative, read_cluster, read_district, read_uscc,
                                    specs_by_id, unique_in_file)
from tracker.importers.values import parse_bool, parse_decimal, parse_int, parse_list, parse_text
from tracker.programme import Programme
from tracker.rules.eligibility import ApplicantFacts

BOOL_COLUMNS = {
    "independent_legal_person": "独立法人", "ip_management_system": "知识产权管理制度",
    "ip_department": "知识产权管理部门", "enterprise_standard_system": "企业标准体系",
    "standardization_body": "标准化工作机构", "qms_certified": "质量管理体系认证",
    "registered_trademark": "注册商标", "serious_dishonesty": "严重失信行为",
    "abnormal_patent_applications": "非正常专利申请行为",
}
INT_COLUMNS = {
    "ip_staff": "知识产权管理人员数", "valid_patents": "有效专利数",
    "valid_invention_patents": "有效发明专利数", "pct_national_phase": "进入国家阶段PCT申请数",
    "standardization_staff": "标准化工作人员数", "standards_5y": "近五年主导或参与制修订标准数",
}
MONEY_COLUMNS = {f"revenue_{i}": f"主营业务收入{i}" for i in (1, 2, 3)} | {
    f"profit_{i}": f"净利润{i}" for i in (1, 2, 3)}

COLUMNS = [
    ColumnSpec("uscc", "统一社会信用代码"), ColumnSpec("name", "企业名称", max_chars=200),
    ColumnSpec("district", "所属地区"), ColumnSpec("industry_cluster", "产业集群"),
    *(ColumnSpec(k, v) for k, v in MONEY_COLUMNS.items()),
    *(ColumnSpec(k, v) for k, v in BOOL_COLUMNS.items()),
    *(ColumnSpec(k, v) for k, v in INT_COLUMNS.items()),
    ColumnSpec("standard_coverage_pct", "标准覆盖率"),
    ColumnSpec("honours", "优先支持荣誉", required=False),
]


def _coverage(value: Decimal) -> str | None:
    return None if 0 <= value <= 100 else f"应在 0 到 100 之间，收到 {value}"


def _money(value: Decimal) -> str | None:
    return None if value == value.quantize(Decimal("0.01")) else "金额最多两位小数（万元）"


def parse_applicants(path: Path, programme: Programme) -> list[ApplicantInput]:
    """Every applicant of the file, or InputError listing every problem found."""
    table = read_table(path, COLUMNS)
    specs = specs_by_id(COLUMNS)
    problems: list[Problem] = []
    parsed: list[ApplicantInput] = []
    first_row_of: dict[str, int] = {}
    for row in table.rows:
        r = RowReader(table, row, specs, problems)
        values: dict[str, Any] = {}
        uscc = read_uscc(r)
        unique_in_file(r, "uscc", uscc, first_row_of, "统一社会信用代码")
        name = r.get("name", parse_text)
        district = read_district(r, programme, allow_outside=True)
        cluster = read_cluster(r, programme)
        for key in BOOL_COLUMNS:
            values[key] = r.get(key, parse_bool)
        for key in INT_COLUMNS:
            values[key] = r.get(key, parse_int, check=non_negative)
        for key in MONEY_COLUMNS:
            values[key] = r.get(key, parse_decimal, check=_money)
        coverage = r.get("standard_coverage_pct", parse_decimal, check=_coverage)
        honours: list[str] = []
        for item in (r.get("honours", parse_list, required=False) or []):
            code = programme.honour_code(item)
            if code is None:
                r.problem("honours", f"未知的优先支持荣誉「{item}」")
            elif code not in honours:
                honours.append(code)
        vp, vip = values.get("valid_patents"), values.get("valid_invention_patents")
        if vp is not None and vip is not None and vip > vp:
            r.problem("valid_invention_patents", f"有效发明专利数（{vip}）不能大于有效专利数（{vp}）")
        if not r.ok:
            continue
        parsed.append(ApplicantInput(row.number, ApplicantFacts(
            uscc=uscc, name=name, district=district,
            industry_cluster=cluster,
            revenues=(values["revenue_1"], values["revenue_2"], values["revenue_3"]),
            profits=(values["profit_1"], values["profit_2"], values["profit_3"]),
            standard_coverage_pct=coverage, honours=tuple(honours),
            **{k: values[k] for k in (*BOOL_COLUMNS, *INT_COLUMNS)},
        )))
    if problems:
        raise InputError(problems)
    if not parsed:
        raise InputError(Problem("文件中没有数据行", file=table.file))
    return parsed
