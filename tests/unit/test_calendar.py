"""DOMAIN.md section 4: the window limit, the acceptance-request deadline, the effective deadline."""
import calendar
import datetime as dt

import chinese_calendar
import pytest

from tracker.rules.calendar import (acceptance_request_deadline, add_months, effective_deadline,
                                    window_exceeds_limit, window_limit)

D = dt.date


@pytest.mark.parametrize("start, limit", [(D(2025, 1, 1), D(2027, 1, 1)),
                                          (D(2024, 2, 29), D(2026, 2, 28))])
def test_window_limit_follows_civil_code_examples(start, limit):
    assert window_limit(start, 2) == limit
    assert not window_exceeds_limit(start, limit, 2)
    assert window_exceeds_limit(start, limit + dt.timedelta(days=1), 2)


@pytest.mark.parametrize("end, deadline", [
    (D(2026, 12, 31), D(2026, 9, 30)), (D(2027, 5, 31), D(2027, 2, 28)),
    (D(2028, 5, 31), D(2028, 2, 29)), (D(2026, 11, 30), D(2026, 8, 30)),
    (D(2026, 6, 15), D(2026, 3, 15))])
def test_acceptance_request_deadline_examples(end, deadline):
    assert acceptance_request_deadline(end, 3) == deadline


@pytest.mark.parametrize("deadline, effective", [
    (D(2026, 10, 1), D(2026, 10, 8)),    # National Day holiday
    (D(2026, 3, 15), D(2026, 3, 16)),    # a Sunday
    (D(2026, 10, 10), D(2026, 10, 10)),  # an adjusted working Saturday stays
    (D(2026, 9, 30), D(2026, 9, 30)),    # a plain working day
])
def test_effective_deadline_examples(deadline, effective):
    result = effective_deadline(deadline)
    assert result.day == effective
    assert result.calendar_complete


def test_effective_deadline_in_a_year_the_holiday_calendar_does_not_know_uses_weekends_and_says_so():
    result = effective_deadline(D(2027, 2, 27))  # a Saturday in 2027
    assert result.day == D(2027, 3, 1)
    assert not result.calendar_complete
    assert effective_deadline(D(2027, 3, 3)).day == D(2027, 3, 3)


def every_day(first: dt.date, last: dt.date):
    """Every day of the range: cheaper, and more thorough, than thousands of random examples."""
    for n in range((last - first).days + 1):
        yield first + dt.timedelta(days=n)


CENTURY = list(every_day(D(2000, 1, 1), D(2099, 12, 31)))


def test_add_months_lands_on_the_corresponding_day_or_the_months_last_day():
    for i, day in enumerate(CENTURY):
        months = i % 97 - 48  # every offset from -48 to 48, and over the years every day of the month with each
        moved = add_months(day, months)
        assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months, (day, months)
        assert moved.day == min(day.day, calendar.monthrange(moved.year, moved.month)[1]), (day, months)


def test_window_limit_is_two_years_on_with_february_29_clamped():
    for start in CENTURY:
        limit = window_limit(start, 2)
        assert (limit.year, limit.month) == (start.year + 2, start.month), start
        if (start.month, start.day) == (2, 29):
            assert limit.day == 28 if not calendar.isleap(start.year + 2) else 29
        else:
            assert limit.day == start.day, start
        assert 730 <= (limit - start).days <= 731, start


def test_acceptance_request_deadline_is_three_months_before_and_clamped():
    for end in CENTURY:
        deadline = acceptance_request_deadline(end, 3)
        assert 89 <= (end - deadline).days <= 92, end
        last = calendar.monthrange(deadline.year, deadline.month)[1]
        assert deadline.day == min(end.day, last), end
        # Leap years: a deadline on 29 February exists only in a leap year.
        if (deadline.month, deadline.day) == (2, 29):
            assert calendar.isleap(deadline.year), end


def test_effective_deadline_is_the_first_official_working_day_on_or_after():
    for deadline in every_day(D(2004, 1, 1), D(2026, 12, 20)):
        result = effective_deadline(deadline)
        assert result.day >= deadline
        assert chinese_calendar.is_workday(result.day), deadline
        day = deadline
        while day < result.day:
            assert not chinese_calendar.is_workday(day), deadline
            day += dt.timedelta(days=1)
        assert result.calendar_complete
