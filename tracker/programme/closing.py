"""The closing stage's numbers as programme data (DOMAIN.md sections 9-12): acceptance review
thresholds, rectification period and reminders, recall periods and amount rule, inspection
reminders. A programme file written before these keys existed loads with the 2024 values,
except `rectify_min_targets`, which scales with the programme's number of targets."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

# How a recall proposal's amount follows from the net disbursed funds:
# `unmet_share` = net x unmet targets / targets of the programme; `whole` = all of it.
RECALL_BASES = ("unmet_share", "whole")
RECALL_GROUNDS = ("acceptance_failed", "terminated", "overdue")


class ClosingDataError(ValueError):
    """A closing key of a programme file that cannot be used; the message names the key."""


@dataclass(frozen=True)
class ClosingRules:
    rectify_min_targets: int = 6
    rectify_months: int = 3
    rectify_reminder_thresholds: tuple[int, ...] = (30, 7)
    recall_overdue_days: int = 90
    recall_response_days: int = 10
    recall_amount_rule: dict[str, str] = field(default_factory=lambda: {
        "acceptance_failed": "unmet_share", "terminated": "whole", "overdue": "whole"})
    inspection_reminder_days: int = 7


def _whole(table: dict[str, Any], key: str, path: str, default: int, minimum: int = 0) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ClosingDataError(f"{path}{key}: expected a whole number >= {minimum}, got {value!r}")
    return value


def _rectify_min_targets(acceptance: dict[str, Any], targets: int) -> int:
    value = _whole(acceptance, "rectify_min_targets", "acceptance.", default_rectify_min_targets(targets), 1)
    if value > targets:
        raise ClosingDataError(f"acceptance.rectify_min_targets: {value} is more than the programme's "
                               f"{targets} targets")
    return value


def _section(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ClosingDataError(f"{key}: expected a table")
    return value


def default_rectify_min_targets(targets: int) -> int:
    """Three quarters of the targets, rounded up: 6 of the 2024 programme's 8. A fixed 6 would
    make rectification impossible for a programme with fewer targets than that."""
    return math.ceil(targets * 3 / 4)


def parse_closing(data: dict[str, Any], targets: int = 8) -> ClosingRules:
    """The closing rules of a parsed programme file with `targets` targets (its [acceptance],
    [recall] and [inspections] tables), each key defaulting to the 2024 value."""
    default = ClosingRules()
    acceptance = _section(data, "acceptance")
    recall = _section(data, "recall")
    inspections = _section(data, "inspections")
    thresholds = acceptance.get("rectify_reminder_thresholds", list(default.rectify_reminder_thresholds))
    if (not isinstance(thresholds, list)
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in thresholds)):
        raise ClosingDataError("acceptance.rectify_reminder_thresholds: expected a list of whole numbers of days")
    rule = dict(default.recall_amount_rule)
    raw_rule = recall.get("amount_rule", {})
    if not isinstance(raw_rule, dict):
        raise ClosingDataError("recall.amount_rule: expected a table")
    for ground, base in raw_rule.items():
        if ground not in RECALL_GROUNDS:
            raise ClosingDataError(f"recall.amount_rule.{ground}: unknown ground; allowed: {', '.join(RECALL_GROUNDS)}")
        if base not in RECALL_BASES:
            raise ClosingDataError(f"recall.amount_rule.{ground}: {base!r} is not one of {', '.join(RECALL_BASES)}")
        rule[ground] = base
    return ClosingRules(
        rectify_min_targets=_rectify_min_targets(acceptance, targets),
        rectify_months=_whole(acceptance, "rectify_months", "acceptance.", default.rectify_months, 1),
        rectify_reminder_thresholds=tuple(sorted(set(thresholds), reverse=True)),
        recall_overdue_days=_whole(recall, "overdue_days", "recall.", default.recall_overdue_days),
        recall_response_days=_whole(recall, "response_days", "recall.", default.recall_response_days, 1),
        recall_amount_rule=rule,
        inspection_reminder_days=_whole(inspections, "reminder_days", "inspections.",
                                        default.inspection_reminder_days),
    )
