"""One vocabulary: every code of every closed set has words in both languages, and the codes the
rules and the programme produce all belong to a set."""
import re

import pytest

from tracker import access, catalogue
from tracker.catalogue import label, labels
from tracker.catalogue import changes
from tracker.catalogue.changes import describe_change
from tracker.queries.evaluation import PROJECT_FLAG_ORDER
from tracker.rules.alerts import KIND_ORDER
from tracker.rules.closing_alerts import CLOSING_KINDS
from tracker.rules.states import APPLICATION_TRANSITIONS, BARE_TRANSITIONS, PROJECT_TRANSITIONS, refusal
from tracker.vocab import (CLOSED_SETS, AlertKind, ApplicationState, EligibilityReason, ProjectFlag, ProjectState,
                           RiskLevel, Role, SourceType, StandardLevel, priority_note)

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("enum", CLOSED_SETS, ids=lambda e: e.__name__)
def test_every_member_of_every_closed_set_has_a_chinese_and_an_english_label(enum):
    words = catalogue.LABELS[enum]
    assert sorted(words) == sorted(m.value for m in enum)
    for member in enum:
        zh, en = label(member, "zh"), label(member, "en")
        assert CJK.search(zh), (member, zh)
        assert en.strip() and not CJK.search(en) and en != member.value, (member, en)


def test_codes_the_rules_and_the_programme_produce_belong_to_closed_sets(programme):
    assert {c.code for c in programme.conditions} <= set(EligibilityReason)
    assert set(KIND_ORDER) | set(CLOSING_KINDS) == set(AlertKind)
    assert set(PROJECT_FLAG_ORDER) == set(ProjectFlag)
    assert set(PROJECT_TRANSITIONS) == set(ProjectState)
    assert set(APPLICATION_TRANSITIONS) == set(ApplicationState)
    assert set(access.ROLES) == set(Role)
    for indicator in programme.indicators:
        assert set(indicator.levels) <= set(StandardLevel) and set(indicator.source_types) <= set(SourceType)


def test_a_priority_note_names_the_honour_from_the_programme(programme):
    honours = {h.code: h.name for h in programme.honours}
    assert label(priority_note("suzhou_patent_award"), honours=honours) == "优先支持：苏州市专利奖"
    assert labels(["not_in_focus_cluster", priority_note("suzhou_patent_award")], honours=honours) == \
        "不属于重点产业集群、优先支持：苏州市专利奖"


def test_a_set_is_needed_where_the_same_code_means_different_things():
    assert label("enterprise", of=Role) == "项目承担单位"
    assert label("enterprise", of=StandardLevel) == "企业标准"
    assert label("enterprise", of=SourceType) == "企业"
    assert label("high", "en", RiskLevel) == "High"
    assert label("no_such_code") == "no_such_code"


def test_a_refusal_names_the_states_in_words():
    text = refusal("项目 P1", ProjectState, BARE_TRANSITIONS, "in_progress", "accepted")
    assert text == "项目 P1 当前状态为 实施中，不能变更为 已通过验收；允许的下一状态：已申请验收、已终止"
    final = refusal("Project P1", ProjectState, PROJECT_TRANSITIONS, "accepted", "terminated", "en")
    assert final == "Project P1 is Accepted and cannot become Terminated; allowed next: (none: a final state)"


def test_an_audit_change_reads_as_field_old_arrow_new_with_labels():
    assert describe_change("project", {"state": "in_progress"}, {"state": "acceptance_requested", "late": False}) \
        == "状态：实施中 → 已申请验收；逾期：否"
    assert describe_change("achievement", {"status": "claimed"}, {"status": "verified", "project": "P1"}, "en") \
        == "Status: Claimed → Verified; Project: P1"
    assert describe_change("user", None, {"role": "district", "active": True}) == "角色：地区管理部门；启用：是"


def test_labels_and_aliases_typed_by_people_turn_back_into_codes():
    assert catalogue.code_for("高", RiskLevel) == "high"
    assert catalogue.code_for("acceptance requested", ProjectState) == "acceptance_requested"
    assert catalogue.code_for("国家", StandardLevel) == "national"
    assert catalogue.code_for("国家标准", StandardLevel) == "national"
    assert catalogue.code_for("企业", Role, among=("district", "bureau")) is None
    assert catalogue.code_for("nonsense", RiskLevel) is None


# The closing stage's audit payloads, as tracker/services/{inspections,reviews,recalls,amendments,projects}.py
# write them: the audit view must show words, never field names, codes or raw JSON.
CLOSING_AUDIT = [
    ("inspection.recorded", None, {"id": 1, "kind": "midterm", "panel": ["周教授", "吴研究员"], "conclusion": "rectify",
                                   "due": "2026-12-04"}),
    ("inspection.resolved", None, {"id": 1, "resolved_on": "2026-12-01"}),
    ("project.acceptance_review", {"state": "acceptance_requested"},
     {"state": "rectifying", "conclusion": "rectify", "rule_conclusion": "failed", "findings": {"T1": "met", "T2": "unmet"},
      "panel": ["周教授"], "flags": ["conclusion_differs_from_rule"], "rectification_deadline": "2027-03-01"}),
    ("recall.proposed", None, {"ground": "overdue", "rule_amount_wan": "25.00", "proposed_amount_wan": "20.00",
                               "net_disbursed_wan": "25.00", "response_deadline": "2027-01-10",
                               "response_effective_deadline": "2027-01-11"}),
    ("recall.statement", None, {"statement_on": "2027-01-05", "late": False, "evidence": "a.pdf"}),
    ("recall.decided", {"state": "in_progress", "recalled_wan": "0.00"},
     {"state": "funds_recalled", "case": "decided", "decided_amount_wan": "20.00", "proposed_amount_wan": "20.00",
      "recalled_wan": "20.00"}),
    ("project.amended", {"end_date": "2026-12-31", "grant_wan": "50.00", "required": {"collab_meetings": 1}},
     {"changes": {"end_date": ["2026-12-31", "2027-06-30"], "required": {"collab_meetings": [1, 2]}},
      "flags": ["amended_after_deadline"]}),
    ("project.created", None, {"code": "P1", "title": "示范", "grant_wan": "50.00", "start_date": "2025-01-01",
                               "end_date": "2026-12-31", "extension_reason": None, "state": "in_progress",
                               "uscc": "91320506301104144E", "required": {"collab_meetings": 2}}),
]


@pytest.mark.parametrize("action,before,after", CLOSING_AUDIT, ids=[a for a, _, _ in CLOSING_AUDIT])
def test_closing_audit_events_read_as_words_without_codes_field_names_or_json(action, before, after):
    names = {"collab_meetings": "召开工作会议"}
    text = describe_change("project", before, after, "zh", names)
    leaked = [w for w in re.findall(r"[A-Za-z_]{3,}", text) if w not in ("pdf",)]
    assert not leaked, text
    assert "{" not in text and "[" not in text, text


def test_an_empty_text_in_the_audit_reads_as_empty_in_words():
    added = describe_change("contact", None, {"name": "市局", "email": "a@example.cn", "webhook": ""})
    assert added.endswith("机器人地址：（空）"), added
    cleared = describe_change("contact", {"webhook": "https://hook.example.cn/1"}, {"webhook": ""}, "en")
    assert cleared == "Webhook: https://hook.example.cn/1 → (empty)"


def test_an_amendment_reads_as_its_changes_without_before_values_shown_as_removed():
    text = describe_change("project", {"end_date": "2026-12-31", "grant_wan": "50.00"},
                           {"changes": {"end_date": ["2026-12-31", "2027-06-30"]}, "flags": []})
    assert text == "变更内容：实施结束：2026-12-31 → 2027-06-30"


def test_an_audited_contact_is_named_by_its_scope_in_words_and_other_subjects_by_their_key():
    assert changes.subject_label("contact", "enterprise/91320571231669536Q") == "联系人 项目承担单位/91320571231669536Q"
    assert changes.subject_label("contact", "bureau/", "en") == "Contact Bureau"
    assert changes.subject_label("project", "P-1") == "项目 P-1"
