from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base


class ProjectSnapshot(Base):
    """A project's computed status on one day, so that portfolio views can sort, filter and
    count in SQL. Derived data: refreshed by every write that touches the project, and rebuilt
    for each new day (tracker.services.snapshots)."""
    __tablename__ = "project_snapshots"

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    as_of: Mapped[dt.date]
    state: Mapped[str] = mapped_column(String(30))
    risk: Mapped[str] = mapped_column(String(10), index=True)
    risk_reasons: Mapped[str] = mapped_column(String(200), default="")
    flags: Mapped[str] = mapped_column(String(200), default="")
    pace: Mapped[float]
    elapsed: Mapped[float]
    targets_achieved: Mapped[int]
    targets_total: Mapped[int]  # the number of targets of the project's own programme
    deadline: Mapped[dt.date]
    effective_deadline: Mapped[dt.date]
    days_left: Mapped[int] = mapped_column(index=True)  # the overview's nearest deadlines, 20 of 100,000
    disbursed_wan: Mapped[Decimal]  # gross: every disbursement, recalls not deducted
    recalled_wan: Mapped[Decimal]
    net_disbursed_wan: Mapped[Decimal]  # disbursed - recalled
    funds_at_risk_wan: Mapped[Decimal]


class ProjectEvaluation(Base):
    """The day-independent part of a project's status (tracker.queries.evaluation: compact JSON
    lines), from which the standing for any day is computed without loading records. Written
    with the project's snapshot, but kept in a table of its own: at about 1.2 KB a row it made
    the snapshots ten times wider, and every aggregate and sort of the portfolio views read it."""
    __tablename__ = "project_evaluations"

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    evaluation: Mapped[str] = mapped_column(Text)


class ProjectTargetSnapshot(Base):
    """Whether one target of a project was achieved on the snapshot's day: one row per target
    of the project's programme, so programmes of any shape are counted alike in SQL."""
    __tablename__ = "project_target_snapshots"

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    target_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    achieved: Mapped[bool]


class SnapshotState(Base):
    """Which day the snapshots are computed for, and with what (`fingerprint`: the evaluation
    code and the programme definitions they were all computed with; None or different from
    the running code's means stale: readers compute from the records instead).
    `audit_version` is no longer maintained: writes refresh what they touch."""
    __tablename__ = "snapshot_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    as_of: Mapped[dt.date]
    audit_version: Mapped[int]
    fingerprint: Mapped[str | None] = mapped_column(String(64))
