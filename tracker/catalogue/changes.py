"""The audit trail in words: field names, values of audited fields and a change's before and
after ("状态：实施中 → 已申请验收"), for the audit page, the project page and the dossier. The
labels of codes themselves are the catalogue's (tracker.catalogue)."""
from __future__ import annotations

from enum import StrEnum
from typing import Mapping

from tracker.catalogue import JOINER, LABELS, Labels, pick, label, labels
from tracker.vocab import (AchievementStatus, ApplicationState, AuditEntity, Finding, InspectionConclusion,
                           InspectionKind, ProjectState, RecallGround, RecallState, ReviewConclusion, Role,
                           SourceType, StandardLevel)

CHANGE_ARROW = " → "
FIELD_SEPARATOR = {"zh": "：", "en": ": "}
CHANGE_SEPARATOR = {"zh": "；", "en": "; "}
YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}
EMPTY = {"zh": "（空）", "en": "(empty)"}  # an audited value that is an empty text (a cleared webhook)

# Field names inside audit before/after, so the audit view reads "状态：实施中 → 已申请验收".
FIELD_LABELS: Labels = {
    "state": ("状态", "State"), "status": ("状态", "Status"), "role": ("角色", "Role"),
    "district": ("地区", "District"), "uscc": ("统一社会信用代码", "USCC"), "name": ("名称", "Name"),
    "active": ("启用", "Active"), "project": ("项目", "Project"), "project_code": ("项目编号", "Project"),
    "disbursed_wan": ("已拨付（万元）", "Disbursed (10k CNY)"), "recalled_wan": ("已收回（万元）", "Recalled (10k CNY)"),
    "grant_wan": ("资助（万元）", "Grant (10k CNY)"), "start_date": ("实施开始", "Start"),
    "end_date": ("实施结束", "End"), "title": ("名称", "Title"), "file": ("文件", "File"),
    "industry_cluster": ("产业集群", "Cluster"), "reviewed_by": ("审核人", "Reviewed by"),
    "email": ("电子邮件", "Email"), "webhook": ("机器人地址", "Webhook"), "indicator": ("指标", "Indicator"), "quantity": ("数量", "Quantity"),
    "reference": ("编号", "Reference"), "source_type": ("来源", "Source"), "level": ("级别", "Level"),
    "late_district_recommendation": ("地区推荐逾期", "Late district recommendation"),
    "acceptance_requested_on": ("验收申请日期", "Acceptance requested on"),
    "acceptance_request_deadline": ("验收申请截止", "Request deadline"), "late": ("逾期", "Late"),
    "seed": ("随机种子", "Seed"), "text_chars": ("字数", "Characters"), "year": ("年度", "Year"),
    "value": ("数值", "Value"), "evidence": ("佐证材料", "Evidence"), "revenues": ("主营业务收入（近三年）", "Revenues (three years)"),
    "profits": ("净利润（近三年）", "Profits (three years)"), "honours": ("优先支持荣誉", "Honours"), "today": ("日期", "Day"), "verified_by": ("核实人", "Verified by"), "on_date": ("日期", "Date"), "date": ("日期", "Date"),
    # the closing stage's events (acceptance reviews, recall steps, inspections, amendments)
    "id": ("序号", "No."), "code": ("项目编号", "Project"), "kind": ("类型", "Kind"), "panel": ("专家组", "Panel"),
    "conclusion": ("结论", "Conclusion"), "rule_conclusion": ("依规则的结论", "Rule's conclusion"),
    "findings": ("各目标结论", "Findings"), "flags": ("标记", "Flags"), "due": ("整改期限", "Due"),
    "resolved_on": ("整改完成日期", "Resolved on"), "rectification_deadline": ("整改截止", "Rectification deadline"),
    "ground": ("收回理由", "Ground"), "case": ("收回程序", "Recall case"),
    "rule_amount_wan": ("依规则的收回金额（万元）", "Rule's amount (10k CNY)"),
    "proposed_amount_wan": ("拟收回金额（万元）", "Proposed amount (10k CNY)"),
    "decided_amount_wan": ("决定收回金额（万元）", "Decided amount (10k CNY)"),
    "net_disbursed_wan": ("净拨付（万元）", "Net disbursed (10k CNY)"),
    "response_deadline": ("陈述申辩截止", "Response deadline"),
    "response_effective_deadline": ("陈述申辩截止（顺延后）", "Response deadline (after rest days)"),
    "statement_on": ("陈述申辩日期", "Statement on"), "changes": ("变更内容", "Changes"),
    "required": ("指标要求", "Required"), "extension_reason": ("延期说明", "Extension reason"),
}
# Fields whose value maps fields or indicators to values, or to [old, new] pairs (amendments).
MAPPING_FIELDS = ("changes", "required")
# Fields whose values are programme ids (indicators, honours): shown by the programme's names.
NAMED_FIELDS = ("indicator", "honours")
# Which closed set a field's value belongs to, per audited entity (None: any entity).
FIELD_VALUE_SETS: dict[tuple[str | None, str], type[StrEnum]] = {
    (AuditEntity.PROJECT, "state"): ProjectState, (AuditEntity.APPLICATION, "state"): ApplicationState,
    (None, "status"): AchievementStatus, (None, "role"): Role, (None, "source_type"): SourceType,
    (None, "level"): StandardLevel,
    # the closing stage's audit events (acceptance reviews, recall steps, inspections)
    (AuditEntity.PROJECT, "rule_conclusion"): ReviewConclusion, (AuditEntity.PROJECT, "ground"): RecallGround,
    (AuditEntity.PROJECT, "case"): RecallState, (AuditEntity.PROJECT, "kind"): InspectionKind,
}
# Fields whose value is a code of one of several sets (a review's conclusion or an inspection's).
FIELD_VALUE_CHOICES: dict[str, tuple[type[StrEnum], ...]] = {
    "conclusion": (ReviewConclusion, InspectionConclusion),
}


def field_label(field: str, lang: str = "zh", fields: Mapping[str, str] | None = None) -> str:
    """A field's name: the catalogue's, else (in Chinese) the import column's header in `fields`."""
    words = FIELD_LABELS.get(field)
    if words:
        return pick(words, lang)
    return (fields or {}).get(field, field) if lang != "en" else field


def value_label(entity: str | None, field: str, value: object, lang: str = "zh",
                names: Mapping[str, str] | None = None) -> str:
    """A value of an audited field in words: codes of closed sets as labels, yes/no for flags,
    indicator ids as the programme names them (`names`)."""
    if value is None:
        return "-"
    if isinstance(value, str) and not value.strip():
        return EMPTY["en" if lang == "en" else "zh"]  # in words, not "机器人地址：" followed by nothing
    if field in NAMED_FIELDS and names:
        if isinstance(value, str):
            return names.get(value, value)
        if isinstance(value, (list, tuple)):
            return JOINER["en" if lang == "en" else "zh"].join(names.get(str(v), str(v)) for v in value)
    if isinstance(value, bool):
        yes, no = YES_NO["en" if lang == "en" else "zh"]
        return yes if value else no
    joiner = JOINER["en" if lang == "en" else "zh"]
    if field == "findings" and isinstance(value, Mapping):  # target -> met/unmet
        return joiner.join(f"{(names or {}).get(str(k), str(k))}{FIELD_SEPARATOR['en' if lang == 'en' else 'zh']}"
                           f"{label(str(v), lang, Finding)}" for k, v in value.items())
    if field == "flags" and isinstance(value, (list, tuple)):
        return labels([str(v) for v in value], lang)
    if field in MAPPING_FIELDS and isinstance(value, Mapping):
        sep = FIELD_SEPARATOR["en" if lang == "en" else "zh"]
        return joiner.join(f"{(names or {}).get(str(k)) or field_label(str(k), lang)}{sep}"
                           f"{_pair_or_value(entity, str(k), v, lang, names)}" for k, v in value.items())
    for choice in FIELD_VALUE_CHOICES.get(field, ()):
        if isinstance(value, str) and value in LABELS[choice]:
            return label(value, lang, choice)
    enum = FIELD_VALUE_SETS.get((entity, field)) or FIELD_VALUE_SETS.get((None, field))
    if enum is not None and isinstance(value, str):
        return label(value, lang, enum)
    if isinstance(value, (list, tuple)):
        return JOINER["en" if lang == "en" else "zh"].join(str(v) for v in value)
    return str(value)


def subject_label(entity: str, key: str, lang: str = "zh") -> str:
    """An audit event's subject: the entity in words and its key; a contact's key starts with
    its scope (a role code), shown as the role's label."""
    if entity == AuditEntity.CONTACT and "/" in key:
        scope, owner = key.split("/", 1)
        key = f"{label(scope, lang, Role)}/{owner}" if owner else label(scope, lang, Role)
    return f"{label(entity, lang, AuditEntity)} {key}"


def _pair_or_value(entity: str | None, field: str, value: object, lang: str,
                   names: Mapping[str, str] | None) -> str:
    """An amendment's [old, new] as "old → new"; anything else as value_label says."""
    if isinstance(value, (list, tuple)) and len(value) == 2 and not isinstance(value[0], (list, dict)):
        return f"{value_label(entity, field, value[0], lang, names)}{CHANGE_ARROW}{value_label(entity, field, value[1], lang, names)}"
    return value_label(entity, field, value, lang, names)


def describe_change(entity: str | None, before: Mapping[str, object] | None, after: Mapping[str, object] | None,
                    lang: str = "zh", names: Mapping[str, str] | None = None,
                    fields: Mapping[str, str] | None = None) -> str:
    """An audit event's before/after as "field: old → new" (or "field: new" when there was no old).
    `names` names the programme's indicator and honour ids; `fields` names fields the catalogue lacks."""
    before, after = before or {}, after or {}
    parts = []
    # an amendment's before is already in its changes' [old, new] pairs
    only_before = [] if "changes" in after else [f for f in before if f not in after]
    for field in list(after) + only_before:
        if field not in before and after.get(field) in (None, [], {}):
            continue  # an empty field of a new record says nothing
        new = value_label(entity, field, after.get(field), lang, names) if field in after else "-"
        if field in before:
            old = value_label(entity, field, before.get(field), lang, names)
            if old == new:
                continue
            text = f"{old}{CHANGE_ARROW}{new}"
        else:
            text = new
        parts.append(f"{field_label(field, lang, fields)}{FIELD_SEPARATOR['en' if lang == 'en' else 'zh']}{text}")
    return CHANGE_SEPARATOR["en" if lang == "en" else "zh"].join(parts)
