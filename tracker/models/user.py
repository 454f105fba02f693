from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base


class User(Base):
    """An account: bureau, district office (bound to a district), enterprise (bound to a USCC)
    or auditor. Only an argon2 hash of the password is kept."""
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('bureau', 'district', 'enterprise', 'auditor')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    district: Mapped[str | None] = mapped_column(String(20))
    uscc: Mapped[str | None] = mapped_column(String(18))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class WebSession(Base):
    """A signed-in browser or client: the cookie carries a random token, this row its hash,
    so logging out or disabling the account ends the session in every worker."""
    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SignInCounter(Base):
    """Sign-in attempts counted under one key (an account from one client, one client, one
    client's rate): a row per key, locked while counted, so parallel requests and several
    workers count exactly."""
    __tablename__ = "sign_in_counters"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    blocked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
