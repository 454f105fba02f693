"""The one catalogue of labels: Chinese and English words for every code of every closed set.
The CLI, pages, exports, messages, the audit view and the OpenAPI enums all read it; codes stay
in JSON and in the database."""
from __future__ import annotations

from enum import StrEnum
from typing import Iterable, Mapping

from tracker.vocab import (PRIORITY_PREFIX, AchievementStatus, AlertKind, ApplicationFlag, ApplicationState, AuditAction,
                           AuditEntity, ConditionKind, EligibilityReason, FundKind, IndicatorKind, MoneyFigure, NoteCode,
                           NotificationChannel, NotificationStatus, ProjectFlag, ProjectState, RecordFlag,
                           ReviewDecision, RiskLevel, RiskReason, Role, ScanState, ScanTrigger, SourceType,
                           StandardLevel, Verdict, ReviewConclusion, Finding, ReviewFlag, RecallState, RecallGround,
                           RecallFlag, InspectionKind, InspectionConclusion, HistoryKind)

LANGUAGES = ("zh", "en")
JOINER = {"zh": "、", "en": ", "}
# "field: old → new" in the audit view
PRIORITY_WITH_HONOUR = {"zh": "优先支持：{honour}", "en": "Priority support: {honour}"}

Labels = dict[str, tuple[str, str]]  # code -> (zh, en)

LABELS: dict[type[StrEnum], Labels] = {
    ProjectState: {
        ProjectState.IN_PROGRESS: ("实施中", "In progress"),
        ProjectState.ACCEPTANCE_REQUESTED: ("已申请验收", "Acceptance requested"),
        ProjectState.ACCEPTED: ("已通过验收", "Accepted"),
        ProjectState.ACCEPTANCE_FAILED: ("验收未通过", "Acceptance failed"),
        ProjectState.RECTIFYING: ("限期整改", "Rectifying"),
        ProjectState.TERMINATED: ("已终止", "Terminated"),
        ProjectState.FUNDS_RECALLED: ("资金已收回", "Funds recalled"),
    },
    ApplicationState: {
        ApplicationState.SUBMITTED: ("已提交", "Submitted"),
        ApplicationState.DISTRICT_RECOMMENDED: ("地区已推荐", "Recommended by district"),
        ApplicationState.DISTRICT_REJECTED: ("地区未推荐", "Not recommended"),
        ApplicationState.UNDER_EXPERT_REVIEW: ("专家评审中", "Under expert review"),
        ApplicationState.APPROVED: ("已立项", "Approved"),
        ApplicationState.NOT_APPROVED: ("未立项", "Not approved"),
    },
    Verdict: {
        Verdict.ELIGIBLE: ("符合", "Eligible"),
        Verdict.NEEDS_REVIEW: ("待复核", "Needs review"),
        Verdict.INELIGIBLE: ("不符合", "Ineligible"),
    },
    RiskLevel: {
        RiskLevel.LOW: ("低", "Low"), RiskLevel.MEDIUM: ("中", "Medium"), RiskLevel.HIGH: ("高", "High"),
        RiskLevel.CLOSED: ("已结束", "Closed"),
    },
    RiskReason: {
        RiskReason.ACCEPTANCE_REQUEST_OVERDUE: ("逾期未申请验收", "Acceptance request overdue"),
        RiskReason.WINDOW_ENDED_UNMET: ("实施期结束仍有目标未完成", "Window ended with targets unmet"),
        RiskReason.ACCEPTANCE_FAILED: ("验收未通过", "Acceptance failed"),
        RiskReason.BEHIND_SCHEDULE: ("进度滞后", "Behind schedule"),
        RiskReason.IN_RECTIFICATION: ("限期整改中", "In rectification"),
        RiskReason.RECTIFICATION_OVERDUE: ("整改逾期未复审", "Rectification overdue"),
    },
    Role: {
        Role.BUREAU: ("市局", "Bureau"), Role.DISTRICT: ("地区管理部门", "District office"),
        Role.ENTERPRISE: ("项目承担单位", "Enterprise"), Role.AUDITOR: ("审计人员", "Auditor"),
    },
    IndicatorKind: {
        IndicatorKind.COUNT: ("数量", "Count"), IndicatorKind.FLAG: ("是否达成", "Yes/no"),
        IndicatorKind.TREND: ("逐年递增", "Rising yearly"), IndicatorKind.TEXT: ("文字材料", "Text"),
    },
    ConditionKind: {
        ConditionKind.HARD: ("否决条件", "Hard condition"), ConditionKind.SOFT: ("需复核条件", "Soft condition"),
    },
    AchievementStatus: {
        AchievementStatus.CLAIMED: ("待审核", "Claimed"), AchievementStatus.VERIFIED: ("已核实", "Verified"),
        AchievementStatus.REJECTED: ("已驳回", "Rejected"),
        AchievementStatus.RETURNED: ("已退回修改", "Returned for revision"),
        AchievementStatus.WITHDRAWN: ("已撤回", "Withdrawn"),
    },
    ReviewDecision: {
        ReviewDecision.VERIFIED: ("核实", "Verify"), ReviewDecision.REJECTED: ("驳回", "Reject"),
        ReviewDecision.RETURNED: ("退回修改", "Return for revision"),
    },
    AlertKind: {
        AlertKind.ACCEPTANCE_REQUEST_DUE: ("验收申请提醒", "Acceptance request due"),
        AlertKind.ACCEPTANCE_REQUEST_OVERDUE: ("逾期未申请验收", "Acceptance request overdue"),
        AlertKind.WINDOW_ENDED_UNMET: ("实施期结束仍有目标未完成", "Window ended with targets unmet"),
        AlertKind.BEHIND_SCHEDULE: ("进度滞后", "Behind schedule"),
        AlertKind.CLAIMED_BY_OTHER_PROJECT: ("与其他项目重复申报", "Claimed by another project"),
        AlertKind.RECTIFICATION_DUE: ("整改期限提醒", "Rectification due"),
        AlertKind.RECTIFICATION_OVERDUE: ("整改逾期未复审", "Rectification overdue"),
        AlertKind.RECALL_RESPONSE_DUE: ("资金收回陈述申辩提醒", "Recall: statement due"),
        AlertKind.RECALL_DECISION_DUE: ("资金收回待决定", "Recall: decision due"),
        AlertKind.INSPECTION_RECTIFICATION_DUE: ("检查整改期限提醒", "Inspection rectification due"),
        AlertKind.INSPECTION_RECTIFICATION_OVERDUE: ("检查整改逾期", "Inspection rectification overdue"),
    },
    AuditAction: {
        AuditAction.USER_ADDED: ("新增用户", "User added"),
        AuditAction.USER_ENABLED: ("启用用户", "User enabled"),
        AuditAction.USER_DISABLED: ("停用用户", "User disabled"),
        AuditAction.PROGRAMME_LOADED: ("载入计划", "Programme loaded"),
        AuditAction.PROGRAMME_UPDATED: ("更新计划", "Programme updated"),
        AuditAction.APPLICATION_IMPORTED: ("导入申报", "Application imported"),
        AuditAction.APPLICATION_REIMPORTED: ("重新导入申报", "Application re-imported"),
        AuditAction.APPLICATION_TRANSITION: ("申报状态变更", "Application state changed"),
        AuditAction.PROJECT_CREATED: ("立项", "Project created"),
        AuditAction.PROJECT_TRANSITION: ("项目状态变更", "Project state changed"),
        AuditAction.ACHIEVEMENT_CLAIMED: ("申报成果", "Achievement claimed"),
        AuditAction.ACHIEVEMENT_REVIEWED: ("审核成果", "Achievement reviewed"),
        AuditAction.ACHIEVEMENT_EDITED: ("修改成果", "Achievement edited"),
        AuditAction.ACHIEVEMENT_WITHDRAWN: ("撤回成果", "Achievement withdrawn"),
        AuditAction.ACHIEVEMENT_RESUBMITTED: ("重新提交成果", "Achievement resubmitted"),
        AuditAction.FUNDS_DISBURSEMENT: ("拨付资金", "Funds disbursed"),
        AuditAction.FUNDS_RECALL: ("收回资金", "Funds recalled"),
        AuditAction.CONTACT_ADDED: ("新增联系人", "Contact added"),
        AuditAction.ENTERPRISE_UPDATED: ("更新企业信息", "Enterprise updated"),
        AuditAction.DEMO_GENERATED: ("生成演示数据", "Demo data generated"),
        AuditAction.ACCEPTANCE_REVIEW: ("验收评审", "Acceptance review"),
        AuditAction.PROJECT_AMENDED: ("项目变更", "Project amended"),
        AuditAction.RECALL_PROPOSED: ("提出资金收回", "Recall proposed"),
        AuditAction.RECALL_STATEMENT: ("陈述申辩", "Recall statement"),
        AuditAction.RECALL_DECIDED: ("资金收回决定", "Recall decided"),
        AuditAction.INSPECTION_RECORDED: ("记录检查", "Inspection recorded"),
        AuditAction.INSPECTION_RESOLVED: ("检查整改完成", "Inspection rectification done"),
        AuditAction.ALERT_ACKNOWLEDGED: ("确认提醒", "Alert acknowledged"),
    },
    AuditEntity: {
        AuditEntity.USER: ("用户", "User"), AuditEntity.PROGRAMME: ("计划", "Programme"),
        AuditEntity.APPLICATION: ("申报", "Application"), AuditEntity.PROJECT: ("项目", "Project"),
        AuditEntity.ACHIEVEMENT: ("成果", "Achievement"), AuditEntity.CONTACT: ("联系人", "Contact"),
        AuditEntity.ENTERPRISE: ("企业", "Enterprise"), AuditEntity.ALERT: ("提醒", "Alert"),
    },
    EligibilityReason: {
        EligibilityReason.NOT_REGISTERED_IN_SUZHOU: ("非苏州市注册", "Not registered in Suzhou"),
        EligibilityReason.NOT_INDEPENDENT_LEGAL_PERSON: ("非独立法人", "Not an independent legal person"),
        EligibilityReason.NO_GROWTH_OR_PROFIT_3Y: ("近三年主营业务未增长且未持续盈利",
                                                   "Neither growing nor profitable in the last three years"),
        EligibilityReason.NO_IP_MANAGEMENT_SYSTEM: ("无知识产权管理制度", "No IP management system"),
        EligibilityReason.NO_IP_DEPARTMENT: ("无知识产权管理部门", "No IP department"),
        EligibilityReason.NO_IP_STAFF: ("无知识产权管理人员", "No IP staff"),
        EligibilityReason.VALID_PATENTS_BELOW_50: ("有效专利不足50件", "Fewer than 50 valid patents"),
        EligibilityReason.INVENTION_PATENTS_BELOW_20: ("有效发明专利不足20件", "Fewer than 20 invention patents"),
        EligibilityReason.NO_ENTERPRISE_STANDARD_SYSTEM: ("无企业标准体系", "No enterprise standard system"),
        EligibilityReason.STANDARD_COVERAGE_BELOW_80: ("标准覆盖率低于80%", "Standard coverage below 80%"),
        EligibilityReason.NO_STANDARDIZATION_BODY: ("无标准化工作机构", "No standardisation body"),
        EligibilityReason.NO_STANDARDIZATION_STAFF: ("无标准化工作人员", "No standardisation staff"),
        EligibilityReason.STANDARDS_5Y_BELOW_2: ("近五年制修订标准不足2项", "Fewer than 2 standards in five years"),
        EligibilityReason.NO_QMS_CERTIFICATION: ("未通过质量管理体系认证", "No QMS certification"),
        EligibilityReason.NO_REGISTERED_TRADEMARK: ("无注册商标", "No registered trademark"),
        EligibilityReason.SERIOUS_DISHONESTY: ("有严重失信行为", "Serious dishonesty on record"),
        EligibilityReason.ABNORMAL_PATENT_APPLICATIONS: ("有非正常专利申请行为", "Abnormal patent applications"),
    },
    NoteCode: {
        NoteCode.NOT_IN_FOCUS_CLUSTER: ("不属于重点产业集群", "Not in a focus cluster"),
        NoteCode.PRIORITY: ("优先支持", "Priority support"),
    },
    RecordFlag: {
        RecordFlag.OUTSIDE_WINDOW: ("不在实施期内", "Outside the window"),
        RecordFlag.NOT_QUALIFYING: ("来源或级别不符合要求", "Source or level does not qualify"),
        RecordFlag.DUPLICATE_IN_PROJECT: ("项目内重复", "Duplicate within the project"),
        RecordFlag.CLAIMED_BY_OTHER_PROJECT: ("与其他项目重复申报", "Claimed by another project"),
        RecordFlag.IN_RECTIFICATION: ("整改期内取得", "Within the rectification period"),
    },
    ProjectFlag: {
        ProjectFlag.EXTENDED_WINDOW: ("实施期超过计划规定年限（已说明延期）", "Window longer than the programme allows (extension explained)"),
        ProjectFlag.HOLIDAY_CALENDAR_INCOMPLETE: ("节假日安排未公布，按周末推算",
                                                  "Holiday calendar not published; weekends assumed"),
        ProjectFlag.LATE_ACCEPTANCE_REQUEST: ("验收申请逾期提出", "Acceptance requested late"),
        ProjectFlag.CLAIMED_BY_OTHER_PROJECT: ("与其他项目重复申报", "Claimed by another project"),
        ProjectFlag.AMENDED_AFTER_DEADLINE: ("验收申请截止后变更", "Amended after the deadline"),
    },
    ApplicationFlag: {
        ApplicationFlag.LATE_DISTRICT_RECOMMENDATION: ("地区推荐逾期", "Late district recommendation"),
    },
    StandardLevel: {
        StandardLevel.INTERNATIONAL: ("国际标准", "International"), StandardLevel.NATIONAL: ("国家标准", "National"),
        StandardLevel.INDUSTRY: ("行业标准", "Industry"), StandardLevel.LOCAL: ("地方标准", "Local"),
        StandardLevel.GROUP: ("团体标准", "Group"), StandardLevel.ENTERPRISE: ("企业标准", "Enterprise"),
    },
    SourceType: {
        SourceType.UNIVERSITY: ("高校", "University"), SourceType.RESEARCH_INSTITUTE: ("科研院所", "Research institute"),
        SourceType.ENTERPRISE: ("企业", "Enterprise"),
    },
    FundKind: {FundKind.DISBURSEMENT: ("拨付", "Disbursement"), FundKind.RECALL: ("收回", "Recall")},
    MoneyFigure: {
        MoneyFigure.GRANTED: ("资助金额", "Granted"), MoneyFigure.DISBURSED: ("已拨付", "Disbursed (gross)"),
        MoneyFigure.RECALLED: ("已收回", "Recalled"), MoneyFigure.NET_DISBURSED: ("净拨付", "Net disbursed"),
        MoneyFigure.AT_RISK: ("风险资金", "Funds at risk"),
    },
    NotificationStatus: {
        NotificationStatus.PENDING: ("待发送", "Pending"), NotificationStatus.SENDING: ("发送中", "Sending"),
        NotificationStatus.SENT: ("已发送", "Sent"), NotificationStatus.FAILED: ("发送失败", "Failed"),
    },
    NotificationChannel: {
        NotificationChannel.EMAIL: ("电子邮件", "Email"), NotificationChannel.WEBHOOK: ("网络回调", "Webhook"),
    },
    ScanState: {
        ScanState.FINISHED: ("完成", "Finished"), ScanState.FAILED: ("出错", "Failed"),
        ScanState.RUNNING_OR_INTERRUPTED: ("进行中或已中断", "Running or interrupted"),
    },
    ReviewConclusion: {
        ReviewConclusion.PASSED: ("通过", "Passed"), ReviewConclusion.RECTIFY: ("限期整改", "Rectify"),
        ReviewConclusion.FAILED: ("不通过", "Failed"),
    },
    Finding: {Finding.MET: ("达成", "Met"), Finding.UNMET: ("未达成", "Unmet")},
    ReviewFlag: {
        ReviewFlag.FINDING_OVERRIDDEN: ("专家组改变了依台账得出的目标结论", "Finding overridden"),
        ReviewFlag.CONCLUSION_DIFFERS_FROM_RULE: ("结论与规则结论不同", "Conclusion differs from the rule"),
        ReviewFlag.NO_PANEL_RECORD: ("无专家组记录", "No panel on record"),
    },
    RecallState: {
        RecallState.PROPOSED: ("待决定", "Proposed"), RecallState.DECIDED: ("已决定收回", "Decided"),
        RecallState.WAIVED: ("决定不收回", "Waived"),
    },
    RecallGround: {
        RecallGround.ACCEPTANCE_FAILED: ("验收未通过", "Acceptance failed"), RecallGround.TERMINATED: ("已终止", "Terminated"),
        RecallGround.OVERDUE: ("逾期未申请验收", "Acceptance request overdue"),
    },
    RecallFlag: {
        RecallFlag.AMOUNT_DIFFERS_FROM_RULE: ("金额与规则金额不同", "Amount differs from the rule"),
        RecallFlag.LATE_STATEMENT: ("陈述申辩逾期提交", "Statement filed late"),
    },
    InspectionKind: {InspectionKind.MIDTERM: ("中期检查", "Mid-term inspection"), InspectionKind.SPOT: ("抽查", "Spot check")},
    InspectionConclusion: {
        InspectionConclusion.SATISFACTORY: ("合格", "Satisfactory"), InspectionConclusion.RECTIFY: ("限期整改", "Rectify"),
    },
    HistoryKind: {
        HistoryKind.AMENDMENT: ("项目变更", "Amendment"), HistoryKind.ACCEPTANCE_REVIEW: ("验收评审", "Acceptance review"),
        HistoryKind.INSPECTION: ("检查", "Inspection"), HistoryKind.INSPECTION_RESOLVED: ("检查整改完成", "Inspection resolved"),
        HistoryKind.RECALL_PROPOSED: ("提出资金收回", "Recall proposed"), HistoryKind.RECALL_STATEMENT: ("陈述申辩", "Statement"),
        HistoryKind.RECALL_DECIDED: ("资金收回决定", "Recall decided"),
    },
    ScanTrigger: {
        ScanTrigger.MANUAL: ("手动", "Manual"), ScanTrigger.COMMAND: ("命令", "Command"),
        ScanTrigger.SCHEDULE: ("定时", "Scheduled"), ScanTrigger.CATCH_UP: ("补扫", "Catch-up"),
    },
}

# Other spellings people type in import files and filters (parse inputs, not labels shown).
ALIASES: dict[type[StrEnum], dict[str, tuple[str, ...]]] = {
    StandardLevel: {StandardLevel.INTERNATIONAL: ("国际",), StandardLevel.NATIONAL: ("国家",),
                    StandardLevel.INDUSTRY: ("行业",), StandardLevel.LOCAL: ("地方",), StandardLevel.GROUP: ("团体",),
                    StandardLevel.ENTERPRISE: ("企业",)},
    Role: {Role.ENTERPRISE: ("企业",), Role.DISTRICT: ("地区",), Role.AUDITOR: ("审计",)},
}
YES_WORDS = ("是", "有", "y", "yes", "true", "1")
NO_WORDS = ("否", "无", "n", "no", "false", "0")

# Rule codes that arrive as bare strings in lists (reasons, notes, flags, alert kinds): looked up in
# this order. Codes shared between these sets carry the same words, so the order only breaks ties.
RULE_CODE_SETS: tuple[type[StrEnum], ...] = (EligibilityReason, NoteCode, RiskReason, AlertKind, RecordFlag,
                                             ProjectFlag, ApplicationFlag, ReviewFlag, RecallFlag)

# Sentences the core composes around labels (the pages' own phrases live in dashboards/i18n.py).
PHRASES: Labels = {
    "state.refused": ("{subject} 当前状态为 {current}，不能变更为 {target}；允许的下一状态：{allowed}",
                      "{subject} is {current} and cannot become {target}; allowed next: {allowed}"),
    "state.final": ("（无，已是终态）", "(none: a final state)"),
    "project.subject": ("项目 {code}", "Project {code}"),
    "application.subject": ("申报 {uscc}", "Application {uscc}"),
    "schema.uninitialised": ("数据库尚未初始化（{url}）：请先运行 tracker init",
                             "The database has not been initialised ({url}): run tracker init first"),
    "schema.outdated": ("数据库结构不是当前版本（{url}）：请先运行 tracker init 升级",
                        "The database schema is not the current version ({url}): run tracker init to upgrade it"),
}


MONEY_UNIT = {"zh": "万元", "en": "10k CNY"}


def money_label(figure: str, lang: str = "zh", unit: bool = False) -> str:
    """The same name for a sum in the CLI, the pages and the exports: `已拨付`, or with the unit
    `已拨付（万元）` / `Disbursed (gross) (10k CNY)`."""
    name = label(figure, lang, MoneyFigure)
    if not unit:
        return name
    return f"{name} ({MONEY_UNIT['en']})" if lang == "en" else f"{name}（{MONEY_UNIT['zh']}）"


def phrase(key: str, lang: str = "zh") -> str:
    return pick(PHRASES[key], lang)


def pick(words: tuple[str, str], lang: str) -> str:
    """The word of a (zh, en) pair for `lang` (Chinese unless English is asked for)."""
    return words[1] if lang == "en" else words[0]


def label(code: str, lang: str = "zh", of: type[StrEnum] | None = None,
          honours: Mapping[str, str] | None = None) -> str:
    """The words for a code. An enum member knows its set; a bare string needs `of`, or is looked
    up among the rule codes (reasons, notes, flags, alert kinds). `priority:<honour>` notes name
    the honour (its name from the programme, in `honours`). An unknown code comes back as it is."""
    if isinstance(code, StrEnum) and of is None:
        of = type(code)
    code = str(code)
    if code.startswith(PRIORITY_PREFIX) and of in (None, NoteCode):
        honour = code[len(PRIORITY_PREFIX):]
        name = (honours or {}).get(honour, honour.replace("_", " "))
        return PRIORITY_WITH_HONOUR["en" if lang == "en" else "zh"].format(honour=name)
    for enum in (of,) if of is not None else RULE_CODE_SETS:
        words = LABELS.get(enum, {}).get(code)
        if words:
            return pick(words, lang)
    return code


def labels(codes: Iterable[str], lang: str = "zh", of: type[StrEnum] | None = None,
           honours: Mapping[str, str] | None = None) -> str:
    """Several codes' words joined the way the language lists them (、 in Chinese)."""
    return JOINER["en" if lang == "en" else "zh"].join(label(c, lang, of, honours) for c in codes)


def code_for(text: str, of: type[StrEnum], among: Iterable[str] | None = None) -> str | None:
    """The code that `text` names: the code itself, a label in either language, or an alias
    (for import files and filters typed as words)."""
    typed = text.strip()
    allowed = set(among) if among is not None else None
    for code, words in LABELS[of].items():
        if allowed is not None and code not in allowed:
            continue
        spellings = (str(code), *words, *ALIASES.get(of, {}).get(code, ()))
        if typed in spellings or typed.lower() in (s.lower() for s in spellings):
            return str(code)
    return None


def spellings(of: type[StrEnum], among: Iterable[str] | None = None, lang: str = "zh") -> str:
    """The accepted values of a set for an error message: 'code/label' each."""
    chosen = list(among) if among is not None else [m.value for m in of]
    return JOINER["en" if lang == "en" else "zh"].join(f"{c}/{label(c, lang, of)}" for c in chosen)


def options(of: type[StrEnum], lang: str = "zh", only: Iterable[str] | None = None) -> list[dict[str, str]]:
    """Dropdown/radio options: labels shown, codes as values."""
    chosen = list(only) if only is not None else [m.value for m in of]
    return [{"label": label(c, lang, of), "value": str(c)} for c in chosen]
