"""Queue notifications for a new alert: enterprise contacts for reminders; the district
office and the bureau for overdue, window-ended, behind-schedule and duplicate-claim alerts."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.models import Contact, Notification
from tracker.notify.messages import AlertFacts, compose
from tracker.queries.status import ProjectStatus
from tracker.rules.alerts import DUE, AlertCandidate
from tracker.rules.closing_alerts import INSPECTION_DUE, RECALL_RESPONSE_DUE, RECTIFICATION_DUE

# Reminders go to the enterprise; everything else to the district office and the bureau.
ENTERPRISE_KINDS = frozenset({DUE, RECTIFICATION_DUE, RECALL_RESPONSE_DUE, INSPECTION_DUE})


@dataclass
class ContactBook:
    by_owner: dict[tuple[str, str], list[Contact]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls, session: Session) -> "ContactBook":
        book = cls()
        for c in session.scalars(select(Contact).order_by(Contact.id)):
            book.by_owner[(c.scope, c.owner)].append(c)
        return book

    def for_alert(self, kind: str, uscc: str, district: str) -> list[Contact]:
        if kind in ENTERPRISE_KINDS:
            return list(self.by_owner.get(("enterprise", uscc), []))
        return list(self.by_owner.get(("district", district), [])) + list(self.by_owner.get(("bureau", ""), []))


def queue_notifications(session: Session, alert_id: int, alert: AlertCandidate, status: ProjectStatus,
                        now: dt.datetime, book: ContactBook) -> int:
    b = status.bundle
    message = compose(AlertFacts(
        kind=alert.kind, key=alert.key, project_code=b.code, title=b.title, enterprise=b.enterprise_name,
        district=b.district, end_date=b.end_date, deadline=status.deadline,
        effective_deadline=status.effective_deadline, days_left=alert.days_left,
        targets_achieved=status.targets_achieved, pace=status.pace, elapsed=status.elapsed,
        targets_total=len(status.targets), lead_months=b.programme.acceptance_lead_months,
        behind_factor=b.programme.behind_schedule_factor, due=alert.due))
    addresses: set[tuple[str, str]] = set()
    for contact in book.for_alert(alert.kind, b.uscc, b.district):
        for channel, address in (("email", contact.email), ("webhook", contact.webhook)):
            if address and (channel, address) not in addresses:
                addresses.add((channel, address))
                session.add(Notification(
                    alert_id=alert_id, channel=channel, address=address, recipient=contact.name,
                    subject=message.subject, body=message.text, status="pending", attempts=0,
                    next_attempt_at=now, created_at=now))
    return len(addresses)
