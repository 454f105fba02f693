from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base


class Contact(Base):
    """Where to reach an enterprise, a district office or the bureau."""
    __tablename__ = "contacts"
    __table_args__ = (
        CheckConstraint("scope IN ('enterprise', 'district', 'bureau')", name="scope"),
        UniqueConstraint("scope", "owner", "email", "webhook"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(20))
    owner: Mapped[str] = mapped_column(String(40), default="", index=True)  # USCC, district, or ""
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(200), default="")
    webhook: Mapped[str] = mapped_column(String(500), default="")


class Notification(Base):
    """The outbox: one message to one address about one alert, delivered by the scheduler."""
    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("alert_id", "channel", "address"),
        CheckConstraint("status IN ('pending', 'sending', 'sent', 'failed')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))  # email | webhook
    address: Mapped[str] = mapped_column(String(500))
    recipient: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
