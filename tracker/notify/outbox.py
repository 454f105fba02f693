"""Deliver the outbox: each notification is claimed before it is sent, so it is never sent
twice; failures are retried with back-off, then marked failed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Engine, select, update

from tracker.db import write_session
from tracker.models import Notification

MAX_ATTEMPTS = 8
FIRST_RETRY = dt.timedelta(seconds=30)
LONGEST_RETRY = dt.timedelta(hours=1)
INTERRUPTED = "投递过程中断（进程退出），是否已送达无法确认；为避免重复发送，未自动重试"


class Sender(Protocol):
    def send(self, notification: Notification) -> None:
        """Deliver or raise."""


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def backoff(attempts: int) -> dt.timedelta:
    """30 s, 1 min, 2 min... at most an hour."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def _claim(engine: Engine, notification_id: int) -> bool:
    with write_session(engine) as s:
        claimed = s.execute(update(Notification).where(
            Notification.id == notification_id, Notification.status == "pending")
            .values(status="sending", attempts=Notification.attempts + 1)).rowcount
    return claimed == 1


def deliver_due(engine: Engine, senders: dict[str, Sender], now: dt.datetime | None = None,
                limit: int = 200) -> DeliveryReport:
    """Send what is pending and due on channels that have a sender."""
    now = now or dt.datetime.now(dt.timezone.utc)
    report = DeliveryReport()
    with write_session(engine) as s:
        due = s.scalars(select(Notification).where(
            Notification.status == "pending", Notification.next_attempt_at <= now,
            Notification.channel.in_(list(senders))).order_by(Notification.id).limit(limit)).all()
    for n in due:
        if not _claim(engine, n.id):
            continue  # someone else took it
        attempts = n.attempts + 1
        try:
            senders[n.channel].send(n)
        except Exception as exc:  # any failure of the channel: retry later
            final = attempts >= MAX_ATTEMPTS
            with write_session(engine) as s:
                s.execute(update(Notification).where(Notification.id == n.id).values(
                    status="failed" if final else "pending", last_error=f"{type(exc).__name__}: {exc}"[:1000],
                    next_attempt_at=now + backoff(attempts)))
            if final:
                report.failed += 1
            else:
                report.retrying += 1
            continue
        with write_session(engine) as s:
            s.execute(update(Notification).where(Notification.id == n.id).values(
                status="sent", sent_at=dt.datetime.now(dt.timezone.utc), last_error=None))
        report.sent += 1
    return report


def recover_interrupted(engine: Engine) -> int:
    """Mark notifications left 'sending' by a process that died: their fate is unknown, and
    sending them again could send them twice. Call only when no other deliverer runs."""
    with write_session(engine) as s:
        return s.execute(update(Notification).where(Notification.status == "sending")
                         .values(status="failed", last_error=INTERRUPTED)).rowcount
