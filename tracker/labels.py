"""Chinese labels for the codes the rules produce (JSON keeps the codes; people read these)."""
from __future__ import annotations

LABELS_ZH = {
    # eligibility reasons
    "not_registered_in_suzhou": "非苏州市注册", "not_independent_legal_person": "非独立法人",
    "no_growth_or_profit_3y": "近三年主营业务未增长且未持续盈利",
    "no_ip_management_system": "无知识产权管理制度", "no_ip_department": "无知识产权管理部门",
    "no_ip_staff": "无知识产权管理人员", "valid_patents_below_50": "有效专利不足50件",
    "invention_patents_below_20": "有效发明专利不足20件", "no_enterprise_standard_system": "无企业标准体系",
    "standard_coverage_below_80": "标准覆盖率低于80%", "no_standardization_body": "无标准化工作机构",
    "no_standardization_staff": "无标准化工作人员", "standards_5y_below_2": "近五年制修订标准不足2项",
    "no_qms_certification": "未通过质量管理体系认证", "no_registered_trademark": "无注册商标",
    "serious_dishonesty": "有严重失信行为", "abnormal_patent_applications": "有非正常专利申请行为",
    "not_in_focus_cluster": "不属于重点产业集群",
    # alert kinds (the others share their risk reason's label)
    "acceptance_request_due": "验收申请提醒",
    # risk reasons
    "acceptance_request_overdue": "逾期未申请验收", "window_ended_unmet": "实施期结束仍有目标未完成",
    "acceptance_failed": "验收未通过", "behind_schedule": "进度滞后",
    # flags
    "extended_window": "实施期超过两年（已说明延期）", "holiday_calendar_incomplete": "节假日安排未公布，按周末推算",
    "late_acceptance_request": "验收申请逾期提出", "claimed_by_other_project": "与其他项目重复申报",
    "duplicate_in_project": "项目内重复", "outside_window": "不在实施期内", "not_qualifying": "来源或级别不符合要求",
    "late_district_recommendation": "地区推荐逾期",
}


def label(code: str, honours: dict[str, str] | None = None) -> str:
    """The Chinese label of a code; `priority:<honour>` notes use the honour's name."""
    if code.startswith("priority:") and honours:
        return f"优先支持：{honours.get(code.split(':', 1)[1], code)}"
    return LABELS_ZH.get(code, code)


def labels(codes: list[str] | tuple[str, ...], honours: dict[str, str] | None = None) -> str:
    return "、".join(label(c, honours) for c in codes)


# The money of a project or a portfolio, named the same in the CLI, the pages and the exports:
# disbursed is gross (every disbursement), net is what remains after recalls.
MONEY_LABELS: dict[str, dict[str, str]] = {
    "granted": {"zh": "资助金额", "en": "Granted"},
    "disbursed": {"zh": "已拨付", "en": "Disbursed (gross)"},
    "recalled": {"zh": "已收回", "en": "Recalled"},
    "net_disbursed": {"zh": "净拨付", "en": "Net disbursed"},
    "at_risk": {"zh": "风险资金", "en": "Funds at risk"},
}
MONEY_UNIT = {"zh": "万元", "en": "10k CNY"}


def money_label(figure: str, lang: str = "zh", unit: bool = False) -> str:
    """`已拨付`, or with the unit `已拨付（万元）` / `Disbursed (gross) (10k CNY)`."""
    name = MONEY_LABELS[figure][lang]
    if not unit:
        return name
    return f"{name}（{MONEY_UNIT[lang]}）" if lang == "zh" else f"{name} ({MONEY_UNIT[lang]})"
