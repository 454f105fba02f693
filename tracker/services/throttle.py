"""Sign-in throttling: growing delays instead of a hard lock-out.

Failures are counted per (account, client) and per client; every attempt, right or wrong, is
also counted per client in a one-minute window, since each one costs an argon2 check. An
attempt is counted *before* its password is checked (and given back when it succeeds), with
each counter row locked while it changes, so parallel requests and several workers can never
get more checks than allowed.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from tracker import errors
from tracker.db import write_session
from tracker.models import SignInCounter

FREE_FAILURES_PER_ACCOUNT = 5   # from one client, before delays start
FREE_FAILURES_PER_CLIENT = 20   # over all accounts, before delays start
FIRST_DELAY = dt.timedelta(minutes=1)
MAX_DELAY = dt.timedelta(minutes=15)
FORGET_AFTER = dt.timedelta(hours=1)  # failures this old no longer count
ATTEMPTS_PER_MINUTE = 30  # per client, successful sign-ins included
RATE_WINDOW = dt.timedelta(minutes=1)


class Throttled(errors.Throttled):
    """Too many sign-in attempts lately; try again after `retry_after` seconds."""

    def __init__(self, retry_after: int):
        self.retry_after = max(1, retry_after)
        super().__init__(f"登录尝试过多，请 {self.retry_after} 秒后再试")


@dataclass(frozen=True)
class Keys:
    pair: str
    client: str
    rate: str


def keys_for(username: str, client: str) -> Keys:
    return Keys(pair=f"pair:{client[:64]}|{username[:80]}", client=f"client:{client[:64]}",
                rate=f"rate:{client[:64]}")


def delay_after(failures: int, free: int) -> dt.timedelta | None:
    """No delay for the free failures; then one minute, doubling, at most fifteen."""
    if failures < free:
        return None
    return min(FIRST_DELAY * 2 ** min(failures - free, 10), MAX_DELAY)


def _locked(session: Session, key: str, now: dt.datetime) -> SignInCounter:
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(SignInCounter).values(key=key, count=0, window_start=now, updated_at=now)
                    .on_conflict_do_nothing(index_elements=["key"]))
    # FOR UPDATE: a parallel request on PostgreSQL waits here until this one commits
    # (SQLite's BEGIN IMMEDIATE already lets one writer in at a time).
    return session.scalars(select(SignInCounter).where(SignInCounter.key == key)
                           .with_for_update().execution_options(populate_existing=True)).one()


def _seconds(until: dt.datetime, now: dt.datetime) -> int:
    return math.ceil((_aware(until) - now).total_seconds())


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)  # SQLite drops the zone


def reserve_attempt(session: Session, username: str, client: str, now: dt.datetime) -> None:
    """Count one attempt as a failure before the password is checked; Throttled while a
    delay runs for this account from this client, for this client, or its rate is spent."""
    keys = keys_for(username, client)
    rows = {key: _locked(session, key, now) for key in sorted((keys.pair, keys.client, keys.rate))}
    for row in rows.values():
        if row.blocked_until is not None and _aware(row.blocked_until) > now:
            raise Throttled(_seconds(row.blocked_until, now))
    rate = rows[keys.rate]
    if now - _aware(rate.window_start) >= RATE_WINDOW:
        rate.window_start, rate.count = now, 0
    if rate.count >= ATTEMPTS_PER_MINUTE:
        raise Throttled(_seconds(_aware(rate.window_start) + RATE_WINDOW, now))
    rate.count += 1
    rate.updated_at = now
    for key, free in ((keys.pair, FREE_FAILURES_PER_ACCOUNT), (keys.client, FREE_FAILURES_PER_CLIENT)):
        row = rows[key]
        if now - _aware(row.updated_at) >= FORGET_AFTER:
            row.count = 0
        row.count += 1
        row.updated_at = now
        delay = delay_after(row.count, free)
        row.blocked_until = now + delay if delay else None


def attempt_succeeded(session: Session, username: str, client: str, now: dt.datetime) -> None:
    """Give back the failure counted in advance: the account from this client starts clean."""
    keys = keys_for(username, client)
    for key in sorted((keys.pair, keys.client)):
        row = _locked(session, key, now)
        row.count = 0 if key == keys.pair else max(0, row.count - 1)
        if key == keys.pair or row.count < FREE_FAILURES_PER_CLIENT:
            row.blocked_until = None  # lift the delay this very attempt may have started


def forget_stale_counters(engine: Engine, now: dt.datetime) -> int:
    """Delete the counters untouched for FORGET_AFTER: such a row says no more than a missing
    one (its failures no longer count, any delay and rate window ran out long ago, as
    MAX_DELAY < FORGET_AFTER), and attempts from ever new clients would otherwise add rows
    for good. Its own short transaction (the daily job), never inside a sign-in."""
    with write_session(engine) as session:
        return session.execute(delete(SignInCounter).where(SignInCounter.updated_at < now - FORGET_AFTER)).rowcount
