from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base
from tracker.models.enterprise import Enterprise


class Project(Base):
    """An approved application: one enterprise, one implementation window, one grant."""
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    title: Mapped[str] = mapped_column(String(300), default="")
    grant_wan: Mapped[Decimal]
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date] = mapped_column(index=True)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(30), default="in_progress", index=True)
    acceptance_requested_on: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    enterprise: Mapped[Enterprise] = relationship(lazy="joined", innerjoin=True)
    indicators: Mapped[list["ProjectIndicator"]] = relationship(cascade="all, delete-orphan")


class ProjectIndicator(Base):
    """An indicator's required value for one project (the template, or raised by contract)."""
    __tablename__ = "project_indicators"
    __table_args__ = (UniqueConstraint("project_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    indicator_id: Mapped[str] = mapped_column(String(60))
    required: Mapped[int]
