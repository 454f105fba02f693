"""Accounts, sign-in with throttling, and server-side sessions shared by every web worker."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from tracker.errors import InputError, NotFound, Problem, Throttled
from tracker.models import Enterprise, LoginFailure, User, WebSession
from tracker.access import ROLES, needs_district, needs_uscc
from tracker.catalogue import spellings
from tracker.vocab import Role
from tracker.principal import Principal
from tracker.rules.uscc import USCCError, normalize_uscc
from tracker.services import audit

MIN_PASSWORD = 10
THROTTLE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_ADDRESS = 20
SESSION_TTL = dt.timedelta(hours=12)
_hasher = PasswordHasher()
# Verified against when the username is unknown, so both cases take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def principal_of(user: User) -> Principal:
    return Principal(name=user.username, role=user.role, district=user.district, uscc=user.uscc)


def add_user(session: Session, *, username: str, password: str, role: str, district: str | None,
             uscc: str | None, actor: str, known_districts: set[str]) -> User:
    problems = []
    username = username.strip()
    if not username or len(username) > 80:
        problems.append(Problem("用户名不能为空，且不超过80个字符", field="username"))
    elif session.scalar(select(User.id).where(User.username == username)) is not None:
        problems.append(Problem(f"用户名 {username} 已存在", field="username"))
    if role not in ROLES:
        problems.append(Problem(f"角色应为 {spellings(Role)} 之一，收到「{role}」", field="role"))
    if len(password) < MIN_PASSWORD:
        problems.append(Problem(f"密码至少 {MIN_PASSWORD} 个字符", field="password"))
    if needs_district(role):
        if not district or district not in known_districts:
            problems.append(Problem(f"地区用户须用 --district 指定地区（{'、'.join(sorted(known_districts))}）",
                                    field="district"))
    elif district:
        problems.append(Problem("只有地区用户可以指定 --district", field="district"))
    if needs_uscc(role):
        try:
            uscc = normalize_uscc(uscc or "")
        except USCCError as exc:
            problems.append(Problem(f"企业用户须用 --uscc 指定统一社会信用代码：{exc}", field="uscc"))
    elif uscc:
        problems.append(Problem("只有企业用户可以指定 --uscc", field="uscc"))
    if problems:
        raise InputError(problems)
    user = User(username=username, password_hash=_hasher.hash(password), role=role,
                district=district if needs_district(role) else None,
                uscc=uscc if needs_uscc(role) else None, active=True,
                created_at=dt.datetime.now(dt.timezone.utc))
    session.add(user)
    audit.record(session, actor=actor, action="user.added", entity="user", key=username,
                 after={"role": role, "district": user.district, "uscc": user.uscc})
    return user


def enterprise_known(session: Session, uscc: str) -> bool:
    return session.scalar(select(Enterprise.id).where(Enterprise.uscc == uscc)) is not None


def set_active(session: Session, username: str, active: bool, actor: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"用户 {username} 不存在")
    user.active = active
    if not active:
        session.execute(delete(WebSession).where(WebSession.user_id == user.id))
    audit.record(session, actor=actor, action="user.enabled" if active else "user.disabled",
                 entity="user", key=username, after={"active": active})
    return user


def authenticate(session: Session, username: str, password: str, address: str, now: dt.datetime
                 ) -> User | None:
    """The user, or None for a bad username or password (not told apart; the failure is
    recorded in this transaction for throttling); Throttled after too many failures."""
    since = now - THROTTLE_WINDOW
    by_user = session.scalar(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.username == username, LoginFailure.at >= since))
    by_address = session.scalar(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.address == address, LoginFailure.at >= since))
    if by_user >= MAX_FAILURES_PER_USER or by_address >= MAX_FAILURES_PER_ADDRESS:
        raise Throttled()
    user = session.scalar(select(User).where(User.username == username))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        ok = user is not None and user.active
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        session.add(LoginFailure(username=username[:80], address=address[:64], at=now))
        return None
    session.execute(delete(LoginFailure).where(LoginFailure.username == username))
    user.last_login_at = now
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, user: User, now: dt.datetime) -> str:
    token = secrets.token_urlsafe(32)
    session.add(WebSession(token_hash=_token_hash(token), user_id=user.id, created_at=now,
                           expires_at=now + SESSION_TTL))
    session.execute(delete(WebSession).where(WebSession.expires_at < now))  # tidy up
    return token


def principal_for_token(session: Session, token: str, now: dt.datetime) -> Principal | None:
    user = session.scalar(select(User).join(WebSession, WebSession.user_id == User.id).where(
        WebSession.token_hash == _token_hash(token), WebSession.expires_at > now, User.active.is_(True)))
    return principal_of(user) if user else None


def close_session(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == _token_hash(token)))
