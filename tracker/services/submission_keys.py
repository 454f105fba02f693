"""Idempotency keys of claims: a claim form sends a fresh key each time it is shown (an API
client may send one too); the key is stored with the claim, unique per enterprise, so a
double click or a resent request is refused instead of stored twice."""
from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.errors import Conflict, InputError, Problem
from tracker.models import ClaimKey

KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,64}")


def parse_key(raw: object) -> str | None:
    """The key as sent, or None when none was; InputError for anything but 8-64 letters,
    digits, '-' or '_' (a UUID fits)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if not isinstance(raw, str) or not KEY_PATTERN.fullmatch(raw.strip()):
        raise InputError(Problem("提交标识应为 8–64 个字母、数字、- 或 _", field="idempotency_key"))
    return raw.strip()


class DuplicateSubmission(Conflict):
    """The same form (idempotency key) sent again: the first one is stored, this one is not."""


def _refusal(achievement_id: int | None) -> Conflict:
    which = f"（成果记录 {achievement_id}）" if achievement_id else ""
    return DuplicateSubmission(f"这份申报已经提交过{which}，没有重复保存；如需再报一条，请重新填写表单")


def check_unused(session: Session, enterprise_id: int, key: str) -> None:
    earlier = session.scalar(select(ClaimKey.achievement_id).where(
        ClaimKey.enterprise_id == enterprise_id, ClaimKey.key == key))
    if earlier is not None:
        raise _refusal(earlier)


def remember(session: Session, enterprise_id: int, key: str, achievement_id: int) -> None:
    """Store the key; a concurrent twin that got there first makes the unique constraint
    refuse this one, and the whole claim is rolled back with it."""
    session.add(ClaimKey(enterprise_id=enterprise_id, key=key, achievement_id=achievement_id,
                         created_at=dt.datetime.now(dt.timezone.utc)))
    try:
        session.flush()
    except IntegrityError:
        raise _refusal(None) from None
