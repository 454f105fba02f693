"""Notifications through a real SMTP server and a real webhook receiver on loopback:
each delivered once; with the SMTP server down, retried and delivered exactly once."""
import datetime as dt

import pytest

from support.files import write_csv
from support.servers import SMTPServer, WebhookServer
from tracker.notify.channels import configured_senders
from tracker.notify.outbox import MAX_ATTEMPTS, backoff, deliver_due, recover_interrupted
from tracker.notify.settings import MailSettings

ENTERPRISE_2 = "91320571231669536Q"


@pytest.fixture
def smtp():
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def webhook():
    server = WebhookServer().start()
    yield server
    server.stop()


def contacts_file(tmp_path, webhook_url):
    return write_csv(tmp_path / "contacts.csv", [
        ["类型", "所属", "名称", "邮箱", "机器人地址"],
        ["企业", ENTERPRISE_2, "生物医药IP经理", "ip@bio.example", ""],
        ["enterprise", "91320506301104144E", "精密机械IP经理", "ip@jm.example", ""],
        ["地区", "园区", "园区知识产权局", "ip@sip.example", webhook_url],
        ["district", "吴中区", "吴中区知识产权局", "ip@wz.example", ""],
        ["市局", "", "市局知识产权处", "ipc@amr.example", webhook_url],
    ])


@pytest.fixture
def monitored(tracker, examples, tmp_path, webhook):
    tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    tracker("contacts", "import", str(contacts_file(tmp_path, webhook.url)))
    return tracker


def deliver(tracker, smtp_env, now=None):
    engine = tracker.engine()
    try:
        return deliver_due(engine, configured_senders(MailSettings.from_env(smtp_env)), now=now)
    finally:
        engine.dispose()


def test_reminders_go_to_the_enterprise_and_the_rest_to_district_and_bureau(monitored, smtp):
    monitored("scan", "--today", "2026-11-21")  # 001: overdue; 002: 7-day reminder, behind schedule
    queued = {(n["project_code"], n["kind"], n["channel"], n["address"])
              for n in monitored.json("notifications", "list")}
    webhook_url = [n for n in queued if n[2] == "webhook"][0][3]
    assert queued == {
        ("SZIPS-2024-001", "acceptance_request_overdue", "email", "ip@wz.example"),
        ("SZIPS-2024-001", "acceptance_request_overdue", "email", "ipc@amr.example"),
        ("SZIPS-2024-001", "acceptance_request_overdue", "webhook", webhook_url),
        ("SZIPS-2024-002", "acceptance_request_due", "email", "ip@bio.example"),
        ("SZIPS-2024-002", "behind_schedule", "email", "ip@sip.example"),
        ("SZIPS-2024-002", "behind_schedule", "email", "ipc@amr.example"),
        ("SZIPS-2024-002", "behind_schedule", "webhook", webhook_url),  # one address, one message
    }


def test_each_notification_is_delivered_once_by_email_and_webhook(monitored, smtp, webhook):
    monitored("scan", "--today", "2026-11-21")
    report = deliver(monitored, smtp.env())
    assert (report.sent, report.retrying, report.failed) == (7, 0, 0)
    assert deliver(monitored, smtp.env()).sent == 0  # nothing is sent twice
    assert len(smtp.box.messages) == 5 and len(webhook.posts) == 2
    reminder = next(m for m in smtp.box.messages if m["To"] == "ip@bio.example")
    assert "距验收申请截止还有 7 天" in reminder["Subject"]
    assert reminder["From"] == "tracker@bureau.test"
    text = reminder.get_body(("plain",)).get_content()
    html = reminder.get_body(("html",)).get_content()
    assert "2026-11-28（星期六）" in text and "顺延至 2026-11-30" in text and "<p>" in html
    assert len({m["Message-ID"] for m in smtp.box.messages}) == 5
    contents = sorted(p["text"]["content"] for p in webhook.posts)
    assert all(p["msgtype"] == "text" for p in webhook.posts)
    assert "进度滞后" in contents[0] + contents[1] and "未按期提出验收申请" in contents[0] + contents[1]
    statuses = {n["status"] for n in monitored.json("notifications", "list")}
    assert statuses == {"sent"}


def test_with_the_smtp_server_down_a_notification_stays_pending_and_arrives_once_when_it_is_up(
        monitored, webhook, tmp_path):
    down = SMTPServer()  # a port with nothing listening yet
    monitored("scan", "--today", "2026-11-21")
    first = deliver(monitored, down.env())
    assert (first.sent, first.retrying) == (2, 5)  # the webhooks went; the e-mails wait
    pending = [n for n in monitored.json("notifications", "list") if n["channel"] == "email"]
    assert all(n["status"] == "pending" and n["attempts"] == 1 and n["last_error"] for n in pending)
    # not due again before the back-off
    assert deliver(monitored, down.env()).sent == 0
    down.start()
    try:
        later = dt.datetime.now(dt.timezone.utc) + backoff(1) + dt.timedelta(seconds=1)
        assert deliver(monitored, down.env(), now=later).sent == 5
        assert deliver(monitored, down.env(), now=later + dt.timedelta(hours=2)).sent == 0
        assert sorted(m["To"] for m in down.box.messages) == sorted(
            n["address"] for n in pending)
    finally:
        down.stop()


def test_a_notification_that_keeps_failing_is_marked_failed_after_the_last_attempt(monitored):
    down = SMTPServer()
    monitored("scan", "--today", "2026-11-21")
    now = dt.datetime.now(dt.timezone.utc)
    for attempt in range(MAX_ATTEMPTS):
        deliver(monitored, down.env(), now=now)
        now += dt.timedelta(hours=2)
    email = [n for n in monitored.json("notifications", "list") if n["channel"] == "email"]
    assert {(n["status"], n["attempts"]) for n in email} == {("failed", MAX_ATTEMPTS)}


def test_a_webhook_answering_with_an_error_code_is_retried(monitored, webhook, smtp):
    webhook.errcode = 93000
    monitored("scan", "--today", "2026-11-21")
    assert deliver(monitored, smtp.env()).retrying == 2
    webhook.errcode = 0
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
    assert deliver(monitored, smtp.env(), now=later).sent == 2


def test_notifications_left_sending_by_a_dead_process_are_not_sent_again(monitored, smtp):
    from sqlalchemy import update
    from tracker.db import write_session
    from tracker.models import Notification
    monitored("scan", "--today", "2026-11-21")
    engine = monitored.engine()
    with write_session(engine) as s:
        s.execute(update(Notification).where(Notification.id == 1).values(status="sending", attempts=1))
    assert recover_interrupted(engine) == 1
    engine.dispose()
    deliver(monitored, smtp.env())
    assert len(smtp.box.messages) == 4
    first = monitored.json("notifications", "list")[0]
    assert first["status"] == "failed" and "无法确认" in first["last_error"]


def test_email_waits_in_the_outbox_while_no_smtp_server_is_configured(monitored, webhook):
    monitored("scan", "--today", "2026-11-21")
    assert deliver(monitored, {}).sent == 2
    assert {n["status"] for n in monitored.json("notifications", "list") if n["channel"] == "email"} == {"pending"}


def test_bad_contacts_are_refused_naming_row_and_column(tracker, tmp_path):
    path = write_csv(tmp_path / "c.csv", [
        ["类型", "所属", "名称", "邮箱", "机器人地址"],
        ["企业", "91320571231669536X", "x", "a@b.example", ""],
        ["地区", "火星区", "y", "a@b.example", ""],
        ["市局", "", "z", "not-an-email", "ftp://robot"],
        ["部门", "", "w", "a@b.example", ""],
        ["市局", "", "v", "", ""]])
    before = tracker.snapshot()
    errors = tracker("contacts", "import", str(path), expect=2).stderr
    assert tracker.snapshot() == before
    for fragment in ("第2行", "校验位", "第3行", "未知的地区", "第4行", "邮箱", "机器人地址", "第5行", "类型", "第6行",
                     "至少填写一项"):
        assert fragment in errors
