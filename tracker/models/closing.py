"""The end of a project's life (DOMAIN.md sections 9-12): acceptance reviews, recall cases,
amendments and inspections. Each row keeps who, when and why; flags are lists of codes."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base


class AcceptanceReview(Base):
    """An acceptance review (or the one re-review after rectification): panel, a finding per
    target, the rule's and the panel's conclusion, and the rectification period it set."""
    __tablename__ = "acceptance_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    reviewed_on: Mapped[dt.date]
    re_review: Mapped[bool] = mapped_column(default=False)
    panel: Mapped[list[str]] = mapped_column(JSON, default=list)
    findings: Mapped[dict[str, str]] = mapped_column(JSON)
    targets_met: Mapped[int]
    rule_conclusion: Mapped[str] = mapped_column(String(20))
    conclusion: Mapped[str] = mapped_column(String(20))
    rectification_deadline: Mapped[dt.date | None]
    rectification_effective_deadline: Mapped[dt.date | None]
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class RecallCase(Base):
    """A recall from proposal to decision: the rule's and the proposed amount, the enterprise's
    statement (with optional evidence) and the decision. One open case per project."""
    __tablename__ = "recall_cases"
    __table_args__ = (
        Index("uq_recall_cases_open_per_project", "project_id", unique=True,
              sqlite_where=text("state = 'proposed'"), postgresql_where=text("state = 'proposed'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), default="proposed")
    ground: Mapped[str] = mapped_column(String(30))
    proposed_on: Mapped[dt.date]
    proposed_by: Mapped[str] = mapped_column(String(100))
    proposal_reason: Mapped[str | None] = mapped_column(Text)
    net_disbursed_wan: Mapped[Decimal]
    unmet_targets: Mapped[int | None]
    rule_amount_wan: Mapped[Decimal]
    proposed_amount_wan: Mapped[Decimal]
    response_deadline: Mapped[dt.date]
    response_effective_deadline: Mapped[dt.date]
    statement_on: Mapped[dt.date | None]
    statement_by: Mapped[str | None] = mapped_column(String(100))
    statement_text: Mapped[str | None] = mapped_column(Text)
    evidence_sha256: Mapped[str | None] = mapped_column(String(64))
    evidence_type: Mapped[str | None] = mapped_column(String(10))
    evidence_name: Mapped[str | None] = mapped_column(String(300))
    evidence_size: Mapped[int | None]
    decided_on: Mapped[dt.date | None]
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_amount_wan: Mapped[Decimal | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Amendment(Base):
    """A change to a project in progress: the whole before (end, grant, requirements) and only
    what changed, so both the history and the original values can be shown."""
    __tablename__ = "amendments"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    on_date: Mapped[dt.date]
    by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    before: Mapped[dict[str, Any]] = mapped_column(JSON)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Inspection(Base):
    """A mid-term or spot inspection; a `rectify` conclusion has a due date until resolved."""
    __tablename__ = "inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    inspected_on: Mapped[dt.date]
    kind: Mapped[str] = mapped_column(String(20))
    panel: Mapped[list[str]] = mapped_column(JSON, default=list)
    findings: Mapped[str] = mapped_column(Text)
    conclusion: Mapped[str] = mapped_column(String(20))
    due: Mapped[dt.date | None]
    due_effective: Mapped[dt.date | None]
    by: Mapped[str] = mapped_column(String(100))
    resolved_on: Mapped[dt.date | None]
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
