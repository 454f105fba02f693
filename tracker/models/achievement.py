from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base
from tracker.models.types import ExactDecimal


class Achievement(Base):
    """One evidence-backed record towards an indicator: claimed, then verified or rejected."""
    __tablename__ = "achievements"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(60))
    date: Mapped[dt.date]
    title: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[int] = mapped_column(default=1)
    level: Mapped[str | None] = mapped_column(String(20))
    source_type: Mapped[str | None] = mapped_column(String(30))
    year: Mapped[int | None]
    value: Mapped[Decimal | None] = mapped_column(ExactDecimal(14, 4))
    text: Mapped[str | None] = mapped_column(Text)
    text_chars: Mapped[int] = mapped_column(default=0)
    reference: Mapped[str | None] = mapped_column(String(120))
    reference_key: Mapped[str | None] = mapped_column(String(120), index=True)
    evidence: Mapped[str | None] = mapped_column(String(500))
    # An uploaded evidence file, stored content-addressed under data/evidence/.
    evidence_sha256: Mapped[str | None] = mapped_column(String(64))
    evidence_type: Mapped[str | None] = mapped_column(String(10))
    evidence_name: Mapped[str | None] = mapped_column(String(300))
    evidence_size: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(20), default="claimed")
    claimed_by: Mapped[str] = mapped_column(String(100))
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_on: Mapped[dt.date | None]
    review_reason: Mapped[str | None] = mapped_column(Text)
