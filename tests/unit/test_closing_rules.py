"""The closing stage's pure rules (DOMAIN.md sections 9-12) with DOMAIN.md's worked examples."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tracker.programme import ProgrammeError, parse_programme
from tracker.programme.closing import ClosingRules
from tracker.rules.amendments import plan_amendment
from tracker.rules.closing_alerts import OpenCase, OpenInspection, OpenRectification, closing_alerts
from tracker.rules.evidence import Record
from tracker.rules.inspections import inspection_alert, inspection_problems
from tracker.rules.recall import (decision_allowed, half_up, recall_ground, response_deadline,
                                  rule_amount)
from tracker.rules.review import (counting_end, rectification_deadline, rectification_record_flags,
                                  rectifying_risk, review_problems, rule_conclusion)

D = dt.date
TARGETS = [f"T{i}" for i in range(1, 9)]
RULE = {"acceptance_failed": "unmet_share", "terminated": "whole", "overdue": "whole"}


@pytest.mark.parametrize("met, expected", [(8, "passed"), (7, "rectify"), (6, "rectify"), (5, "failed"), (0, "failed")])
def test_the_rule_concludes_from_the_number_of_targets_met(met, expected):
    assert rule_conclusion(met, 8, 6, re_review=False) == expected


@pytest.mark.parametrize("met, expected", [(8, "passed"), (7, "failed"), (6, "failed")])
def test_a_re_review_passes_only_with_every_target_met(met, expected):
    assert rule_conclusion(met, 8, 6, re_review=True) == expected


def test_the_rectify_threshold_is_the_programme_s_number():
    assert rule_conclusion(4, 5, 4, re_review=False) == "rectify"
    assert rule_conclusion(3, 5, 4, re_review=False) == "failed"


def test_rectification_deadline_of_the_domain_example_is_2026_04_20_a_working_monday():
    r = rectification_deadline(D(2026, 1, 20), 3)
    assert (r.deadline, r.effective) == (D(2026, 4, 20), D(2026, 4, 20))


@pytest.mark.parametrize("reviewed, nominal, effective", [
    (D(2025, 7, 1), D(2025, 10, 1), D(2025, 10, 9)),     # National Day week 2025 (with Mid-Autumn)
    (D(2025, 11, 30), D(2026, 2, 28), D(2026, 2, 28)),    # clamped to February's end; an adjusted working Saturday
    (D(2025, 10, 31), D(2026, 1, 31), D(2026, 2, 2)),     # Saturday -> Monday
])
def test_rectification_deadline_follows_the_civil_code_and_rolls_over_rest_days(reviewed, nominal, effective):
    r = rectification_deadline(reviewed, 3)
    assert (r.deadline, r.effective) == (nominal, effective)


def _review(**overrides):
    args = dict(reviewed_on=D(2026, 1, 20), requested_on=D(2025, 9, 15), panel=["甲", "乙", "丙"],
                target_ids=TARGETS, overrides={}, conclusion="rectify", reason=None,
                ledger_findings={t: ("met" if i < 6 else "unmet") for i, t in enumerate(TARGETS)},
                re_review=False, rectify_min_targets=6)
    args.update(overrides)
    return review_problems(**args)


def test_a_review_by_the_rule_needs_no_reason_and_carries_no_flag():
    problems, outcome = _review()
    assert problems == [] and outcome.targets_met == 6
    assert (outcome.rule_conclusion, outcome.conclusion, outcome.flags) == ("rectify", "rectify", ())


def test_a_panel_of_fewer_than_three_and_a_review_before_the_request_are_refused():
    problems, outcome = _review(panel=["甲", "乙"], reviewed_on=D(2025, 9, 1))
    assert outcome is None and {f for f, _ in problems} == {"panel", "on"}


def test_overriding_a_finding_needs_a_reason_and_flags_the_review():
    problems, _ = _review(overrides={"T7": "met"})
    assert [f for f, _ in problems] == ["reason"]
    problems, outcome = _review(overrides={"T7": "met"}, reason="专家组现场核实", conclusion="rectify")
    assert problems == [] and outcome.targets_met == 7 and outcome.flags == ("finding_overridden",)


def test_a_conclusion_other_than_the_rule_s_needs_a_reason_and_is_flagged():
    problems, _ = _review(conclusion="passed")
    assert [f for f, _ in problems] == ["reason"]
    _, outcome = _review(conclusion="failed", reason="关键目标未完成")
    assert outcome.flags == ("conclusion_differs_from_rule",) and outcome.rule_conclusion == "rectify"


def test_a_re_review_cannot_conclude_rectify():
    problems, outcome = _review(re_review=True, conclusion="rectify", reason="再给一次机会")
    assert outcome is None and [f for f, _ in problems] == ["conclusion"]


def test_the_old_shorthand_records_the_conclusion_asked_for_with_only_no_panel_record():
    problems, outcome = _review(panel=[], conclusion="passed", panel_recorded=False)
    assert problems == [] and outcome.flags == ("no_panel_record",) and outcome.conclusion == "passed"


def test_unknown_targets_and_findings_are_refused():
    problems, _ = _review(overrides={"T9": "met", "T1": "maybe"}, reason="x")
    assert len(problems) == 2


def test_records_up_to_the_rectification_deadline_count_and_say_in_rectification():
    assert counting_end(D(2025, 12, 31), None) == D(2025, 12, 31)
    assert counting_end(D(2025, 12, 31), D(2026, 4, 20)) == D(2026, 4, 20)
    from tracker.programme import Indicator
    ind = {"media_publicity": Indicator("media_publicity", "T7", "count", 1, "媒体宣传")}
    records = [Record(1, "media_publicity", D(2026, 2, 15), "verified"),
               Record(2, "media_publicity", D(2025, 6, 1), "verified")]
    flags = rectification_record_flags({1: [], 2: []}, records, ind, D(2024, 1, 1), D(2025, 12, 31))
    assert flags == {1: ["in_rectification"], 2: []}


def test_a_rectifying_project_is_medium_until_its_effective_deadline_then_high():
    assert rectifying_risk(D(2026, 4, 20), D(2026, 4, 20)).reasons == ("in_rectification",)
    assert rectifying_risk(D(2026, 4, 20), D(2026, 4, 20)).level == "medium"
    late = rectifying_risk(D(2026, 4, 21), D(2026, 4, 20))
    assert (late.level, late.reasons) == ("high", ("rectification_overdue",))


def test_the_proposal_of_the_domain_example_is_80_times_5_of_8():
    assert rule_amount(ground="acceptance_failed", net_disbursed=Decimal("80.00"), unmet_targets=5,
                       targets=8, amount_rule=RULE) == Decimal("50.00")


def test_proposals_round_half_up_to_a_cent_and_take_the_whole_net_when_terminated_or_overdue():
    assert rule_amount(ground="acceptance_failed", net_disbursed=Decimal("33.33"), unmet_targets=1,
                       targets=8, amount_rule=RULE) == Decimal("4.17")  # 4.16625
    assert half_up(Decimal("0.005")) == Decimal("0.01")
    for ground in ("terminated", "overdue"):
        assert rule_amount(ground=ground, net_disbursed=Decimal("61.50"), unmet_targets=0, targets=8,
                           amount_rule=RULE) == Decimal("61.50")


def test_the_amount_rule_is_programme_data():
    assert rule_amount(ground="terminated", net_disbursed=Decimal("80.00"), unmet_targets=2, targets=8,
                       amount_rule={**RULE, "terminated": "unmet_share"}) == Decimal("20.00")


def test_response_deadline_of_the_domain_example_moves_from_national_day_to_2026_10_08():
    r = response_deadline(D(2026, 9, 21), 10)
    assert (r.deadline, r.effective) == (D(2026, 10, 1), D(2026, 10, 8))
    assert not decision_allowed(D(2026, 10, 8), r.effective, statement_received=False)
    assert decision_allowed(D(2026, 10, 9), r.effective, statement_received=False)
    assert decision_allowed(D(2026, 9, 25), r.effective, statement_received=True)


def test_a_proposal_needs_a_failed_or_terminated_project_or_a_request_overdue_by_more_than_90_days():
    effective = D(2026, 3, 30)
    assert recall_ground(state="acceptance_failed", today=D(2026, 9, 1), effective_request_deadline=effective,
                         overdue_days=90) == "acceptance_failed"
    assert recall_ground(state="terminated", today=D(2026, 9, 1), effective_request_deadline=effective,
                         overdue_days=90) == "terminated"
    assert recall_ground(state="in_progress", today=D(2026, 6, 28), effective_request_deadline=effective,
                         overdue_days=90) is None  # exactly 90 days
    assert recall_ground(state="in_progress", today=D(2026, 6, 29), effective_request_deadline=effective,
                         overdue_days=90) == "overdue"
    for state in ("acceptance_requested", "rectifying", "accepted", "funds_recalled"):
        assert recall_ground(state=state, today=D(2027, 1, 1), effective_request_deadline=effective,
                             overdue_days=90) is None


def _amend(**overrides):
    args = dict(state="in_progress", on=D(2026, 5, 1), start=D(2025, 1, 1), end=D(2026, 12, 31),
                grant=Decimal("50.00"), gross_disbursed=Decimal("30.00"), lead_months=3, max_years=2,
                current_required={"university_patents": 5}, programme_required={"university_patents": 5},
                new_end=None, new_grant=None, new_required={}, reason="设备延误")
    args.update(overrides)
    return plan_amendment(**args)


def test_an_extension_beyond_two_years_is_flagged_extended_window():
    problems, plan = _amend(new_end=D(2027, 6, 30))
    assert problems == [] and plan.end_date == D(2027, 6, 30) and plan.flags == ("extended_window",)


def test_an_amendment_after_the_effective_request_deadline_is_flagged():
    # deadline 2026-09-30, a working Wednesday
    assert _amend(on=D(2026, 9, 30), new_grant=Decimal("60.00"))[1].flags == ()
    assert _amend(on=D(2026, 10, 1), new_grant=Decimal("60.00"))[1].flags == ("amended_after_deadline",)


@pytest.mark.parametrize("change, field", [
    ({"new_end": D(2026, 12, 1)}, "end"),                        # shortening is not an extension
    ({"new_grant": Decimal("29.99")}, "grant"),                  # below the gross disbursed
    ({"new_required": {"university_patents": 4}}, "require"),    # below the programme's minimum
    ({"new_required": {"nope": 4}}, "require"),
    ({"reason": " "}, "reason"),
    ({}, "changes"),
])
def test_an_amendment_is_refused_with_the_field_it_gets_wrong(change, field):
    problems, plan = _amend(**change)
    assert plan is None and field in [f for f, _ in problems]


def test_an_extension_whose_acceptance_deadline_would_not_fall_after_the_start_reuses_the_window_rule():
    problems, plan = _amend(start=D(2026, 10, 1), end=D(2026, 11, 1), new_end=D(2026, 12, 31))
    assert plan is None and problems[0][0] == "end" and "2026-09-30" in problems[0][1]


def test_amendments_are_refused_once_the_acceptance_request_is_filed():
    problems, plan = _amend(state="acceptance_requested", new_grant=Decimal("60.00"))
    assert plan is None and problems == [("state", "acceptance_requested")]


def test_rectification_reminders_take_the_nearest_threshold_only_and_overdue_follows_the_effective_deadline():
    rect = OpenRectification(D(2026, 4, 20), D(2026, 4, 20))
    def kinds(today, raised=()):
        return [(a.kind, a.key) for a in closing_alerts(
            today=today, rectification=rect, rectify_thresholds=(30, 7), rectify_reminders_raised=raised,
            case=None, inspections=[], inspection_reminder_days=7)]
    assert kinds(D(2026, 3, 20)) == []                                 # 31 days left
    assert kinds(D(2026, 3, 21)) == [("rectification_due", "30")]
    assert kinds(D(2026, 4, 15)) == [("rectification_due", "7")]       # first scan at 5 days: 7 only
    assert kinds(D(2026, 4, 15), raised=(7,)) == []  # already raised: nothing again
    assert kinds(D(2026, 3, 25), raised=(7,)) == []
    assert kinds(D(2026, 4, 21)) == [("rectification_overdue", None)]


def test_recall_alerts_go_to_the_enterprise_on_the_proposal_day_and_to_the_bureau_after_the_effective_deadline():
    case = OpenCase(D(2026, 9, 21), D(2026, 10, 1), D(2026, 10, 8), statement_received=False)
    def kinds(today, c=case):
        return [(a.kind, a.key) for a in closing_alerts(
            today=today, rectification=None, rectify_thresholds=(30, 7), rectify_reminders_raised=(),
            case=c, inspections=[], inspection_reminder_days=7)]
    assert kinds(D(2026, 9, 21)) == [("recall_response_due", "2026-09-21")]
    assert kinds(D(2026, 10, 8)) == [("recall_response_due", "2026-09-21")]
    assert kinds(D(2026, 10, 9)) == [("recall_decision_due", "2026-09-21")]
    answered = OpenCase(D(2026, 9, 21), D(2026, 10, 1), D(2026, 10, 8), statement_received=True)
    assert kinds(D(2026, 9, 30), answered) == []


def test_inspection_alerts_within_the_reminder_days_and_after_the_effective_due_date_unless_resolved():
    due, effective = D(2026, 5, 2), D(2026, 5, 6)  # a Saturday in the May Day holiday
    assert inspection_alert(today=D(2026, 4, 24), due=due, due_effective=effective, resolved=False, reminder_days=7) is None
    assert inspection_alert(today=D(2026, 4, 25), due=due, due_effective=effective,
                            resolved=False, reminder_days=7) == "inspection_rectification_due"
    assert inspection_alert(today=D(2026, 5, 6), due=due, due_effective=effective, resolved=False, reminder_days=7) is None
    assert inspection_alert(today=D(2026, 5, 7), due=due, due_effective=effective,
                            resolved=False, reminder_days=7) == "inspection_rectification_overdue"
    assert inspection_alert(today=D(2026, 5, 7), due=due, due_effective=effective, resolved=True, reminder_days=7) is None
    alerts = closing_alerts(today=D(2026, 5, 7), rectification=None, rectify_thresholds=(), rectify_reminders_raised=(),
                            case=None, inspections=[OpenInspection(12, due, effective, False)], inspection_reminder_days=7)
    assert [(a.kind, a.key, a.due) for a in alerts] == [("inspection_rectification_overdue", "12", due)]


def test_an_inspection_needs_a_panel_of_three_findings_and_a_due_date_after_it_when_rectify():
    assert inspection_problems(on=D(2026, 3, 1), kind="midterm", panel=["甲", "乙", "丙"], conclusion="rectify",
                               findings="台账不全", due=D(2026, 4, 30)) == []
    fields = [f for f, _ in inspection_problems(on=D(2026, 3, 1), kind="annual", panel=["甲"], conclusion="rectify",
                                                findings=" ", due=D(2026, 3, 1))]
    assert fields == ["kind", "panel", "findings", "due"]


def _programme_text(extra: str = "") -> str:
    from tracker.paths import programmes_dir
    text = (programmes_dir() / "szips-2024.toml").read_text(encoding="utf-8")
    return text.split("\n# The closing stage")[0] + extra


def test_a_programme_file_without_the_closing_keys_loads_with_the_2024_values():
    assert parse_programme(_programme_text()).closing == ClosingRules()


def test_every_bundled_programme_states_the_closing_keys():
    from tracker.paths import programmes_dir
    for path in programmes_dir().glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        for key in ("rectify_min_targets", "rectify_months", "rectify_reminder_thresholds", "overdue_days",
                    "response_days", "reminder_days"):
            assert f"\n{key} = " in text, (path.name, key)


def test_closing_keys_of_a_programme_file_are_read_and_a_bad_one_is_named():
    rules = parse_programme(_programme_text("\n[acceptance]\nrectify_min_targets = 7\nrectify_months = 2\n"
                                            "[recall]\nresponse_days = 15\n")).closing
    assert (rules.rectify_min_targets, rules.rectify_months, rules.recall_response_days,
            rules.recall_overdue_days) == (7, 2, 15, 90)
    with pytest.raises(ProgrammeError, match="recall.response_days"):
        parse_programme(_programme_text("\n[recall]\nresponse_days = \"ten\"\n"))
    with pytest.raises(ProgrammeError, match="recall.amount_rule.terminated"):
        parse_programme(_programme_text("\n[recall.amount_rule]\nterminated = \"half\"\n"))


def _five_target_text(extra: str = "") -> str:
    from tests.support.shapes import FIVE_TARGET_FILE
    return FIVE_TARGET_FILE.read_text(encoding="utf-8").split("\n[acceptance]")[0] + extra


def test_the_rectification_threshold_scales_with_the_programmes_targets_when_left_out():
    # 6 of 8 is the 2024 rule; a fixed 6 would leave a five-target programme no rectification.
    assert "[acceptance]" not in _five_target_text()
    five = parse_programme(_five_target_text())
    assert len(five.targets) == 5 and five.closing.rectify_min_targets == 4
    assert parse_programme(_programme_text()).closing.rectify_min_targets == 6


def test_a_rectification_threshold_above_the_programmes_targets_is_refused_by_name():
    with pytest.raises(ProgrammeError, match="acceptance.rectify_min_targets: 6 is more than .* 5 targets"):
        parse_programme(_five_target_text("\n[acceptance]\nrectify_min_targets = 6\n"))
    with pytest.raises(ProgrammeError, match="acceptance.rectify_min_targets"):
        parse_programme(_five_target_text("\n[acceptance]\nrectify_min_targets = 0\n"))
    assert parse_programme(_five_target_text("\n[acceptance]\nrectify_min_targets = 5\n")).closing.rectify_min_targets == 5
