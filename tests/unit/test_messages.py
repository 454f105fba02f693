"""Notification wording: Chinese subject and body, with the facts a reader needs."""
import datetime as dt

import pytest

from tracker.notify.messages import AlertFacts, compose
from tracker.notify.settings import MailSettings


def facts(kind, **kw):
    base = dict(kind=kind, key=None, project_code="P-1", title="示范项目", enterprise="苏州甲公司",
                district="吴中区", end_date=dt.date(2027, 2, 28), deadline=dt.date(2026, 11, 28),
                effective_deadline=dt.date(2026, 11, 30), days_left=7, targets_achieved=3, pace=0.2,
                elapsed=0.8, targets_total=8, lead_months=3, behind_factor=0.6)
    base.update(kw)
    return AlertFacts(**base)


def test_a_reminder_names_days_left_the_weekday_and_the_moved_deadline():
    m = compose(facts("acceptance_request_due"))
    assert m.subject == "【验收申请提醒】项目 P-1 距验收申请截止还有 7 天"
    assert "2026-11-28（星期六）" in m.text and "顺延至 2026-11-30（星期一）" in m.text
    assert "3/8" in m.text and "截止日前3个月" in m.text


def test_a_message_counts_targets_and_lead_months_of_the_projects_own_programme():
    m = compose(facts("acceptance_request_due", targets_total=5, lead_months=2))
    assert "3/5" in m.text and "截止日前2个月" in m.text and "/8" not in m.text
    overdue = compose(facts("acceptance_request_overdue", targets_total=5))
    ended = compose(facts("window_ended_unmet", targets_total=5))
    assert "3/5" in overdue.text and "3/5" in ended.text
    assert "低于时间进度的 50%" in compose(facts("behind_schedule", behind_factor=0.5)).text


@pytest.mark.parametrize("kind, words", [
    ("acceptance_request_overdue", "未按期提出验收申请"), ("window_ended_unmet", "仍有绩效目标未完成"),
    ("behind_schedule", "绩效进度落后"), ("claimed_by_other_project", "被多个项目申报")])
def test_every_alert_kind_has_its_own_subject(kind, words):
    m = compose(facts(kind, key="ZL1"))
    assert words in m.subject and "P-1" in m.text


def test_the_html_part_escapes_what_it_shows():
    assert "&lt;b&gt;" in compose(facts("behind_schedule", title="<b>x</b>")).html


def test_mail_settings_come_from_the_environment_with_sensible_defaults():
    assert MailSettings.from_env({}) is None
    s = MailSettings.from_env({"TRACKER_SMTP_HOST": "smtp.example", "TRACKER_SMTP_SECURITY": "tls"})
    assert (s.port, s.sender) == (465, "tracker@smtp.example")
    with pytest.raises(ValueError, match="TRACKER_SMTP_SECURITY"):
        MailSettings.from_env({"TRACKER_SMTP_HOST": "h", "TRACKER_SMTP_SECURITY": "ssl3"})
