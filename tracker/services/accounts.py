"""Accounts, sign-in with throttling, and server-side sessions shared by every web worker."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tracker.errors import InputError, NotFound, Problem
from tracker.models import Enterprise, User, WebSession
from tracker.access import ROLES, needs_district, needs_uscc
from tracker.catalogue import spellings
from tracker.vocab import Role
from tracker.principal import Principal
from tracker.rules.uscc import USCCError, normalize_uscc
from tracker.services import audit
from tracker.services.throttle import attempt_succeeded, reserve_attempt

MIN_PASSWORD = 12
SESSION_TTL = dt.timedelta(hours=12)
_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so both cases take the same time
    (made on first use: a hash costs about a second, too much for every command's start)."""
    return _hasher.hash(secrets.token_urlsafe(16))


def principal_of(user: User) -> Principal:
    return Principal(name=user.username, role=user.role, district=user.district, uscc=user.uscc)


def add_user(session: Session, *, username: str, password: str, role: str, district: str | None,
             uscc: str | None, actor: str, known_districts: set[str]) -> User:
    problems = []
    password_hash = hash_password(password)  # the slow part, before any row is touched
    username = username.strip()
    if not username or len(username) > 80:
        problems.append(Problem("用户名不能为空，且不超过80个字符", field="username"))
    elif session.scalar(select(User.id).where(User.username == username)) is not None:
        problems.append(Problem(f"用户名 {username} 已存在", field="username"))
    if role not in ROLES:
        problems.append(Problem(f"角色应为 {spellings(Role)} 之一，收到「{role}」", field="role"))
    weak = password_problem(password)
    if weak:
        problems.append(Problem(weak, field="password"))
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
    user = User(username=username, password_hash=password_hash, role=role,
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


def password_problem(password: str) -> str | None:
    """Why a new password is refused, or None."""
    if len(password) < MIN_PASSWORD:
        return f"密码至少 {MIN_PASSWORD} 个字符"
    if not password.strip() or len(set(password)) == 1:
        return "密码不能只由空白或同一个字符组成"
    return None


def hash_password(password: str) -> str:
    """About a second of CPU: call it before the write transaction opens."""
    return _hasher.hash(password)


@dataclass(frozen=True)
class Credentials:
    user_id: int
    password_hash: str
    active: bool


@dataclass(frozen=True)
class Verdict:
    ok: bool
    new_hash: str | None = None  # when the stored hash's parameters are outdated


def begin_sign_in(session: Session, username: str, client: str, now: dt.datetime) -> Credentials | None:
    """Count the attempt (Throttled when it may not be made now) and read the stored hash.
    A short transaction: the password is checked after it commits."""
    reserve_attempt(session, username, client, now)
    user = session.scalar(select(User).where(User.username == username))
    return Credentials(user.id, user.password_hash, user.active) if user else None


def verify_password(credentials: Credentials | None, password: str) -> Verdict:
    """The argon2 check, outside any transaction; an unknown user costs the same time."""
    try:
        _hasher.verify(credentials.password_hash if credentials else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return Verdict(False)
    if credentials is None or not credentials.active:
        return Verdict(False)
    rehash = _hasher.check_needs_rehash(credentials.password_hash)
    return Verdict(True, _hasher.hash(password) if rehash else None)


def finish_sign_in(session: Session, credentials: Credentials | None, verdict: Verdict, username: str,
                   client: str, now: dt.datetime) -> User | None:
    """The signed-in user (the attempt given back), or None for a bad username or password
    (not told apart; the attempt stays counted)."""
    if not verdict.ok or credentials is None:
        return None
    user = session.get(User, credentials.user_id)
    if user is None or not user.active or user.password_hash != credentials.password_hash:
        return None  # disabled or changed while the password was being checked
    attempt_succeeded(session, username, client, now)
    user.last_login_at = now
    if verdict.new_hash:
        user.password_hash = verdict.new_hash
    return user


def set_password(session: Session, username: str, password_hash: str, actor: str,
                 keep_token: str | None = None) -> User:
    """A new password (hashed beforehand by hash_password); every other session ends."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"用户 {username} 不存在")
    user.password_hash = password_hash
    ended = delete(WebSession).where(WebSession.user_id == user.id)
    if keep_token:
        ended = ended.where(WebSession.token_hash != _token_hash(keep_token))
    session.execute(ended)
    audit.record(session, actor=actor, action="user.password_changed", entity="user", key=username,
                 after={})
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
