from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base
from tracker.models.enterprise import Enterprise
from tracker.models.types import ExactDecimal

# The declared facts stored one column each, named as in `ApplicantFacts` (revenues, profits
# and honours are stored in their own shapes).
FACT_FIELDS = ("independent_legal_person", "ip_management_system", "ip_department", "ip_staff",
               "valid_patents", "valid_invention_patents", "pct_national_phase",
               "enterprise_standard_system", "standard_coverage_pct", "standardization_body",
               "standardization_staff", "standards_5y", "qms_certified", "registered_trademark",
               "serious_dishonesty", "abnormal_patent_applications")


class Application(Base):
    """One enterprise's application to one programme, with what it declared."""
    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("programme_id", "enterprise_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    state: Mapped[str] = mapped_column(String(30), default="submitted")
    independent_legal_person: Mapped[bool]
    revenue_1: Mapped[Decimal]
    revenue_2: Mapped[Decimal]
    revenue_3: Mapped[Decimal]
    profit_1: Mapped[Decimal]
    profit_2: Mapped[Decimal]
    profit_3: Mapped[Decimal]
    ip_management_system: Mapped[bool]
    ip_department: Mapped[bool]
    ip_staff: Mapped[int]
    valid_patents: Mapped[int]
    valid_invention_patents: Mapped[int]
    pct_national_phase: Mapped[int]
    enterprise_standard_system: Mapped[bool]
    standard_coverage_pct: Mapped[Decimal] = mapped_column(ExactDecimal(7, 2))
    standardization_body: Mapped[bool]
    standardization_staff: Mapped[int]
    standards_5y: Mapped[int]
    qms_certified: Mapped[bool]
    registered_trademark: Mapped[bool]
    serious_dishonesty: Mapped[bool]
    abnormal_patent_applications: Mapped[bool]
    honours: Mapped[list[str]] = mapped_column(JSON, default=list)
    district_decision_on: Mapped[dt.date | None]
    late_district_recommendation: Mapped[bool] = mapped_column(default=False)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    enterprise: Mapped[Enterprise] = relationship(lazy="joined", innerjoin=True)
