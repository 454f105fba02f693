"""Sign-in throttling stops guessing without locking the owner out: growing delays per
(account, client) and per client, client addresses from trusted proxies only, exact counting
under parallel requests on both databases, and successful sign-ins counted too."""
from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from support.web import PASSWORD, Server
from tracker.db import make_engine, write_session
from tracker.models import SignInCounter
from tracker.services.throttle import (ATTEMPTS_PER_MINUTE, FORGET_AFTER, FREE_FAILURES_PER_ACCOUNT, Throttled,
                                       attempt_succeeded, forget_stale_counters, keys_for, reserve_attempt)


def login(base: str, username: str, password: str, forwarded: str | None = None) -> requests.Response:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return requests.post(f"{base}/api/login", json={"username": username, "password": password}, headers=headers)


@pytest.fixture
def proxied_server(sqlite_portfolio, tmp_path):
    s = Server(sqlite_portfolio.url, tmp_path / "evidence", trusted_proxies=("127.0.0.1",))
    yield s
    s.close()


def test_a_guesser_does_not_lock_the_owner_out_from_a_clean_client(proxied_server):
    for _ in range(12):
        login(proxied_server.base, "ent1", "wrong-password-x", forwarded="203.0.113.9")
    guesser = login(proxied_server.base, "ent1", PASSWORD, forwarded="203.0.113.9")
    assert guesser.status_code == 429 and int(guesser.headers["Retry-After"]) >= 60
    owner = login(proxied_server.base, "ent1", PASSWORD, forwarded="198.51.100.7")
    assert owner.status_code == 200


def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(sqlite_server):
    for i in range(FREE_FAILURES_PER_ACCOUNT):
        login(sqlite_server.base, "ent1", "wrong-password-x", forwarded=f"192.0.2.{i}")
    # A client cannot escape its count by inventing addresses.
    assert login(sqlite_server.base, "ent1", PASSWORD, forwarded="192.0.2.200").status_code == 429


def test_random_names_from_one_client_slow_that_client_down_only(proxied_server):
    for i in range(25):
        login(proxied_server.base, f"nobody-{i}", "wrong-password-x", forwarded="203.0.113.50")
    assert login(proxied_server.base, "bureau", PASSWORD, forwarded="203.0.113.50").status_code == 429
    assert login(proxied_server.base, "bureau", PASSWORD, forwarded="203.0.113.51").status_code == 200


def test_parallel_guesses_get_no_more_password_checks_than_allowed(server):
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: login(server.base, "ent2", "wrong-password-x").status_code, range(40)))
    assert answers.count(401) == FREE_FAILURES_PER_ACCOUNT, answers
    assert answers.count(429) == 40 - FREE_FAILURES_PER_ACCOUNT


def test_successful_sign_ins_are_throttled_too(sqlite_server):
    answers = [login(sqlite_server.base, "bureau", PASSWORD).status_code for _ in range(ATTEMPTS_PER_MINUTE + 3)]
    assert answers.count(200) == ATTEMPTS_PER_MINUTE and answers[-1] == 429


def test_delays_grow_with_each_failure_and_a_success_clears_them(sqlite_portfolio):
    engine = make_engine(sqlite_portfolio.url)
    t0 = dt.datetime(2026, 11, 25, 9, tzinfo=dt.timezone.utc)

    def attempt(at: dt.datetime) -> int | None:
        try:
            with write_session(engine) as s:
                reserve_attempt(s, "ent1", "10.0.0.1", at)
        except Throttled as exc:
            return exc.retry_after
        return None

    assert [attempt(t0) for _ in range(FREE_FAILURES_PER_ACCOUNT)] == [None] * FREE_FAILURES_PER_ACCOUNT
    assert attempt(t0) == 60
    assert attempt(t0 + dt.timedelta(seconds=61)) is None
    assert attempt(t0 + dt.timedelta(seconds=62)) == 119  # two minutes after the sixth failure
    later = t0 + dt.timedelta(seconds=62 + 120)
    assert attempt(later) is None
    with Session(engine) as s, s.begin():
        attempt_succeeded(s, "ent1", "10.0.0.1", later)
    assert attempt(later) is None  # the owner's success started the count afresh
    engine.dispose()


def test_counters_untouched_for_an_hour_are_forgotten_and_forgetting_changes_nothing(portfolio):
    engine = make_engine(portfolio.url)
    t0 = dt.datetime(2026, 11, 25, 9, tzinfo=dt.timezone.utc)

    def attempt(who: str, client: str, at: dt.datetime) -> int | None:
        try:
            with write_session(engine) as s:
                reserve_attempt(s, who, client, at)
        except Throttled as exc:
            return exc.retry_after
        return None

    def counters() -> set[str]:
        with Session(engine) as s:
            return set(s.scalars(select(SignInCounter.key)))

    for _ in range(FREE_FAILURES_PER_ACCOUNT + 1):
        attempt("ent1", "10.0.0.1", t0)  # the last one starts a delay
    attempt("bureau", "10.0.0.2", t0 + dt.timedelta(minutes=30))
    old, recent = (set(vars(keys_for(*who)).values()) for who in (("ent1", "10.0.0.1"), ("bureau", "10.0.0.2")))
    assert counters() == old | recent
    assert forget_stale_counters(engine, t0 + FORGET_AFTER - dt.timedelta(seconds=1)) == 0
    assert forget_stale_counters(engine, t0 + FORGET_AFTER + dt.timedelta(seconds=1)) == len(old)
    assert counters() == recent
    # what was forgotten no longer counted anyway: the next failures start from nothing
    later = t0 + FORGET_AFTER + dt.timedelta(seconds=2)
    free = FREE_FAILURES_PER_ACCOUNT
    assert [attempt("ent1", "10.0.0.1", later) for _ in range(free)] == [None] * free
    assert attempt("ent1", "10.0.0.1", later) == 60
    engine.dispose()
