from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base
from tracker.models.types import ExactDecimal


class Achievement(Base):
    """One evidence-backed record towards an indicator: claimed, then verified, rejected or
    returned for revision; the enterprise may withdraw or edit it until it is reviewed, and
    correct and resubmit a returned or rejected one (the same record, back to claimed)."""
    __tablename__ = "achievements"
    # The review queue: the claims awaiting review, oldest first, counted and paged from this
    # index alone. Partial: an index led by the status drew SQLite (without statistics) away
    # from the reference index in the shared-references query of every status computation.
    __table_args__ = (Index("ix_achievements_awaiting_review", "claimed_at", "id", "project_id",
                            sqlite_where=text("status = 'claimed'"), postgresql_where=text("status = 'claimed'")),)

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
    # Raised by every edit or resubmission: a form sends the version it showed, so an edit
    # that lost a race is refused instead of overwriting the other one.
    version: Mapped[int] = mapped_column(default=1, server_default="1")


class ClaimKey(Base):
    """The idempotency key a claim form (or an API client) sent with a claim: a second
    submission with the same key from the same enterprise is refused, not stored twice."""
    __tablename__ = "claim_keys"
    __table_args__ = (UniqueConstraint("enterprise_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"))
    key: Mapped[str] = mapped_column(String(64))
    achievement_id: Mapped[int] = mapped_column(ForeignKey("achievements.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
