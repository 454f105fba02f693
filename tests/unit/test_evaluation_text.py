"""The stored form of an evaluation: a head line, then one line per target; it round-trips
exactly, and projects with the same target result share one object (status_text renders it
once)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tracker.queries.evaluation import CaseDates, Evaluation, InspectionDue, from_text, to_text
from tracker.rules.evidence import IndicatorResult
from tracker.rules.progress import TargetResult

D = dt.date


def evaluation(claimed: int, name: str = "甲\n乙") -> Evaluation:
    targets = (TargetResult("T1", True, (IndicatorResult("collab", "flag", 1, 1, 1, True),)),
               TargetResult("T2", claimed >= 5, (IndicatorResult("patents", "count", 5, claimed, claimed, claimed >= 5),
                                                 IndicatorResult("summary", "text", 5000, 0, 0, False))))
    return Evaluation(
        deadline=D(2026, 7, 30), effective_deadline=D(2026, 7, 31), targets=targets, pace=0.8233333333333335,
        flags=("late_acceptance_request",), shared_references=(name,), disbursed=Decimal("40.00"),
        recalled=Decimal("0.00"), any_disbursement=True, open_case_amount=Decimal("12.50"),
        rectification=(D(2027, 1, 30), None), closing={"acceptance": None, "amendments": 1, "note": name},
        open_case=CaseDates(D(2026, 9, 1), D(2026, 9, 16), D(2026, 9, 16), False),
        inspections=(InspectionDue(3, D(2026, 12, 1), D(2026, 12, 1), False),))


def test_an_evaluation_round_trips_with_one_line_per_target():
    e = evaluation(4)
    text = to_text(e)
    assert len(text.split("\n")) == 1 + len(e.targets)  # a newline inside a value stays escaped
    assert from_text(text) == e


def test_a_project_without_targets_is_one_line():
    e = evaluation(4)
    bare = Evaluation(**{**e.__dict__, "targets": ()})
    assert "\n" not in to_text(bare) and from_text(to_text(bare)) == bare


def test_the_same_target_result_is_one_object_across_projects():
    a, b, c = (from_text(to_text(evaluation(n))) for n in (4, 4, 6))
    assert a.targets[0] is b.targets[0] is c.targets[0]
    assert a.targets[1] is b.targets[1] and a.targets[1] is not c.targets[1]
    assert c.targets[1].achieved and not a.targets[1].achieved
