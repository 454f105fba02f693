from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base


class FundMovement(Base):
    """A disbursement to, or a recall from, a project."""
    __tablename__ = "fund_movements"
    __table_args__ = (
        CheckConstraint("kind IN ('disbursement', 'recall')", name="kind"),
        CheckConstraint("amount_wan > 0", name="positive_amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    on_date: Mapped[dt.date]
    amount_wan: Mapped[Decimal]
    actor: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
