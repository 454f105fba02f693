from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base

NO_KEY = ""  # kinds without a key store "" so that the uniqueness constraint holds everywhere


class Alert(Base):
    """Raised by the daily scan at most once per (project, kind, key, due date): a deadline
    that moves (an amendment) raises its reminders afresh, the old ones stay as history."""
    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("project_id", "kind", "key", "due_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(120), default=NO_KEY)
    raised_on: Mapped[dt.date]
    due: Mapped[dt.date | None]
    due_key: Mapped[str] = mapped_column(String(10), default=NO_KEY, server_default=NO_KEY)  # due as text, "" for none
    days_left: Mapped[int | None]
    scan_run_id: Mapped[int | None] = mapped_column(ForeignKey("scan_runs.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # open until acknowledged on the alerts page (who, when, an optional note)
    acknowledged_by: Mapped[str | None] = mapped_column(String(100))
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledged_note: Mapped[str | None] = mapped_column(Text)


class ScanRun(Base):
    """One run of the scan, so the bureau can see that the monitor itself is alive."""
    __tablename__ = "scan_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(index=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    alerts_raised: Mapped[int | None]
    notifications_queued: Mapped[int | None]
    trigger: Mapped[str] = mapped_column(String(40), default="manual")
    error: Mapped[str | None] = mapped_column(Text)
