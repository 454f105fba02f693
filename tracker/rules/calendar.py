"""Date rules: Civil Code month arithmetic, windows and acceptance-request deadlines.

Periods in months and years follow the Civil Code (articles 201-203): the period ends
on the corresponding day of the last month, or on that month's last day when it has
none; a deadline on a rest day or holiday moves to the next working day.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import chinese_calendar


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by `months` (may be negative), clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def window_limit(start: dt.date, max_years: int) -> dt.date:
    """The latest end date of a window starting on `start` (start + N years, Civil Code)."""
    return add_months(start, 12 * max_years)


def window_exceeds_limit(start: dt.date, end: dt.date, max_years: int) -> bool:
    return end > window_limit(start, max_years)


def acceptance_request_deadline(end: dt.date, lead_months: int) -> dt.date:
    """The last day to request acceptance: end_date minus the lead, day clamped."""
    return add_months(end, -lead_months)


def acceptance_deadline_problem(start: dt.date, end: dt.date, lead_months: int) -> str | None:
    """Why a window cannot work (its acceptance-request deadline would not fall after its
    start), or None. One rule for every path that sets a window: import, approval, amendment."""
    deadline = acceptance_request_deadline(end, lead_months)
    if deadline > start:
        return None
    return (f"实施期过短：验收申请截止日（结束日期前{lead_months}个月）为 {deadline}，"
            f"不晚于实施开始日期 {start}")


# Fixed-date statutory holidays, the rest days known for a year without an official calendar.
FIXED_HOLIDAYS = frozenset({(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)})


def is_working_day(day: dt.date) -> tuple[bool, bool]:
    """(working?, known?). Known means the official calendar covers the year; otherwise
    Saturdays, Sundays and the fixed-date holidays are taken as the only rest days."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS, False


@dataclass(frozen=True)
class EffectiveDeadline:
    day: dt.date
    calendar_complete: bool  # False: a year the holiday calendar does not know was used


def effective_deadline(deadline: dt.date) -> EffectiveDeadline:
    """The deadline, or the next working day when it falls on a rest day or holiday."""
    day, complete = deadline, True
    while True:
        working, known = is_working_day(day)
        complete = complete and known
        if working:
            return EffectiveDeadline(day, complete)
        day += dt.timedelta(days=1)
