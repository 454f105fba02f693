"""Project deadlines as iCalendar events, with reminders, for any calendar application."""
from __future__ import annotations

import datetime as dt
from typing import Sequence

from icalendar import Alarm, Calendar, Event

from tracker.queries.status import ProjectStatus


def _event(uid: str, day: dt.date, summary: str, description: str, stamp: dt.datetime,
           reminders: Sequence[int]) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("description", description)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("dtstamp", stamp)
    event.add("transp", "TRANSPARENT")
    for days in reminders:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{summary}（还有 {days} 天）" if days else summary)
        alarm.add("trigger", dt.timedelta(days=-days))
        event.add_component(alarm)
    return event


def deadlines_calendar(statuses: Sequence[ProjectStatus], stamp: dt.datetime) -> bytes:
    """Acceptance-request deadline (reminders at the programme's thresholds), effective
    deadline when it differs, and window end, for each project."""
    cal = Calendar()
    cal.add("prodid", "-//Suzhou IP-standards tracker//tracker//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "知识产权和标准融合计划 项目截止日")
    for s in statuses:
        b = s.bundle
        name = f"{b.code} {b.title}"
        thresholds = tuple(b.programme.reminder_thresholds) + (0,)
        cal.add_component(_event(
            f"{b.code}-acceptance-request-deadline@tracker", s.deadline, f"验收申请截止：{b.code}",
            f"{name}\n{b.enterprise_name}\n{b.programme.name}：实施期截止日前"
            f"{b.programme.acceptance_lead_months}个月为验收申请截止日。", stamp, thresholds))
        if s.effective_deadline != s.deadline:
            cal.add_component(_event(
                f"{b.code}-acceptance-request-effective-deadline@tracker", s.effective_deadline,
                f"验收申请顺延截止：{b.code}",
                f"{name}\n截止日 {s.deadline} 为休息日，顺延至本日提交仍属按时。", stamp, (0,)))
        cal.add_component(_event(
            f"{b.code}-window-end@tracker", b.end_date, f"实施期结束：{b.code}", name, stamp, (30,)))
    return cal.to_ical()
