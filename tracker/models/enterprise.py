from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base


class Enterprise(Base):
    """An enterprise, keyed by its USCC; the latest import holds its name and district."""
    __tablename__ = "enterprises"

    id: Mapped[int] = mapped_column(primary_key=True)
    uscc: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    district: Mapped[str] = mapped_column(String(20), index=True)
    industry_cluster: Mapped[str] = mapped_column(String(20))
