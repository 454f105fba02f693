"""Amendments of a project in progress (DOMAIN.md section 11): what may change and what the
change means for flags. Pure; the amendment's date is passed in."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping

from tracker.rules.calendar import (acceptance_deadline_problem, acceptance_request_deadline,
                                    effective_deadline, window_exceeds_limit)

AMENDED_AFTER_DEADLINE = "amended_after_deadline"
EXTENDED_WINDOW = "extended_window"


@dataclass(frozen=True)
class AmendmentPlan:
    end_date: dt.date
    grant_wan: Decimal
    required: dict[str, int]  # only the indicators whose requirement changes
    flags: tuple[str, ...]


def plan_amendment(*, state: str, on: dt.date, start: dt.date, end: dt.date, grant: Decimal,
                   gross_disbursed: Decimal, lead_months: int, max_years: int,
                   current_required: Mapping[str, int], programme_required: Mapping[str, int],
                   new_end: dt.date | None, new_grant: Decimal | None,
                   new_required: Mapping[str, int], reason: str | None
                   ) -> tuple[list[tuple[str, str]], AmendmentPlan | None]:
    """Check an amendment; (problems as (field, message), the plan when there are none).
    Refused unless in progress (so never after the acceptance request)."""
    problems: list[tuple[str, str]] = []
    if state != "in_progress":
        return [("state", state)], None
    if not (reason and reason.strip()):
        problems.append(("reason", "项目变更须说明理由（--reason）"))
    if new_end is None and new_grant is None and not new_required:
        problems.append(("changes", "没有要变更的内容（--end、--grant 或 --require）"))
    if new_end is not None:
        if new_end <= end:
            problems.append(("end", f"新的结束日期 {new_end} 须晚于当前结束日期 {end}（变更只能延期）"))
        else:
            short = acceptance_deadline_problem(start, new_end, lead_months)
            if short:
                problems.append(("end", short))
    if new_grant is not None:
        if new_grant != new_grant.quantize(Decimal("0.01")) or new_grant <= 0:
            problems.append(("grant", f"资助金额应为大于 0、最多两位小数的万元数，收到 {new_grant}"))
        elif new_grant < gross_disbursed:
            problems.append(("grant", f"新的资助金额 {new_grant:.2f} 万元不能低于已拨付总额 {gross_disbursed:.2f} 万元"))
    for indicator, value in new_required.items():
        if indicator not in programme_required:
            problems.append(("require", f"未知的指标 {indicator}"))
        elif value < programme_required[indicator]:
            problems.append(("require", f"指标 {indicator} 的要求 {value} 不能低于计划规定的 "
                                        f"{programme_required[indicator]}"))
    if problems:
        return problems, None
    effective_now = effective_deadline(acceptance_request_deadline(end, lead_months)).day
    final_end = new_end or end
    flags = []
    if on > effective_now:
        flags.append(AMENDED_AFTER_DEADLINE)
    if window_exceeds_limit(start, final_end, max_years):
        flags.append(EXTENDED_WINDOW)
    changed = {k: v for k, v in new_required.items() if current_required.get(k) != v}
    return [], AmendmentPlan(final_end, new_grant if new_grant is not None else grant, changed, tuple(flags))
