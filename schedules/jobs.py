"""The scheduled jobs: a dozen lines each, calling services that live in `tracker`.

Jobs are stored by reference in the persistent job store, so they read the process's
configuration from here rather than carrying it (and any password) in the database."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from tracker.notify.channels import configured_senders
from tracker.notify.outbox import deliver_due
from tracker.notify.settings import MailSettings
from tracker.services.scan import run_scan
from tracker.db import read_session
from tracker.queries.read_model_version import read_model_current
from tracker.services.snapshots import advance_day, snapshot_day
from tracker.services.throttle import forget_stale_counters

log = logging.getLogger("tracker.scheduler")


@dataclass
class Runtime:
    engine: Engine
    timezone: ZoneInfo
    fixed_today: dt.date | None = None

    def today(self) -> dt.date:
        return self.fixed_today or dt.datetime.now(self.timezone).date()


runtime: Runtime | None = None


def configure(value: Runtime) -> None:
    global runtime
    runtime = value


def daily_scan(trigger: str = "schedule") -> None:
    assert runtime is not None, "the scheduler process configures its runtime first"
    day = runtime.today()
    roll_snapshots(day)
    outcome = run_scan(runtime.engine, day, trigger=trigger)
    log.info("扫描 %s 完成：新提醒 %d 条，排队通知 %d 条", day, len(outcome.alerts), outcome.notifications)
    deliver_notifications()
    forgotten = forget_stale_counters(runtime.engine, dt.datetime.now(dt.timezone.utc))
    if forgotten:
        log.info("登录计数：清除 %d 条一小时以上未变的记录", forgotten)


def roll_snapshots(day: dt.date) -> None:
    """The change of day for the portfolio views (days left, risk): only here and in
    `tracker snapshots rebuild`, never in a web request. Writes keep them current meanwhile."""
    assert runtime is not None, "the scheduler process configures its runtime first"
    with read_session(runtime.engine) as session:
        if snapshot_day(session) == day and read_model_current(session):
            return
    count = advance_day(runtime.engine, day)
    log.info("项目快照已按 %s 重算：%d 个项目", day, count)


def deliver_notifications() -> None:
    assert runtime is not None, "the scheduler process configures its runtime first"
    report = deliver_due(runtime.engine, configured_senders(MailSettings.from_env()))
    if report.sent or report.retrying or report.failed:
        log.info("通知投递：已发送 %d，待重试 %d，失败 %d", report.sent, report.retrying, report.failed)
