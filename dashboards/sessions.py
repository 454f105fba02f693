"""Who is asking: the session cookie carries a signed random token; the database knows whose."""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from typing import Iterator

from flask import Flask, Response, current_app, g, request
from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from dashboards.settings import WebSettings
from tracker.db import read_session, write_session
from tracker.principal import Principal
from dashboards.guards import client_address
from tracker.models import User
from tracker.services.accounts import (SESSION_TTL, begin_sign_in, finish_sign_in, open_session,
                                       principal_for_token, verify_password)

COOKIE = "tracker_session"


def engine() -> Engine:
    return current_app.extensions["tracker.engine"]


def settings() -> WebSettings:
    return current_app.extensions["tracker.settings"]


@contextmanager
def reading() -> Iterator[Session]:
    with read_session(engine()) as session:
        yield session


@contextmanager
def writing() -> Iterator[Session]:
    with write_session(engine()) as session:
        yield session


def _serializer(app: Flask) -> URLSafeSerializer:
    return URLSafeSerializer(app.config["SECRET_KEY"], salt="tracker-session")


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def load_principal() -> None:
    g.principal = None
    g.session_token = None
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return
    try:
        token = _serializer(current_app).loads(cookie)
    except (BadData, UnicodeError, ValueError):  # forged, or signed but undecodable: not signed in
        return
    if not isinstance(token, str):
        return
    with reading() as session:
        g.principal = principal_for_token(session, token, now())
    g.session_token = token if g.principal else None


def sign_in(username: str, password: str) -> tuple[User | None, str | None]:
    """The user and a new session token, or (None, None) for bad credentials; Throttled.
    Two short transactions with the argon2 check between them, so no lock is held while it runs."""
    client = client_address()
    with writing() as session:
        credentials = begin_sign_in(session, username, client, now())
    verdict = verify_password(credentials, password)
    with writing() as session:
        user = finish_sign_in(session, credentials, verdict, username, client, now())
        token = open_session(session, user, now()) if user else None
    return user, token


def current_principal() -> Principal | None:
    return g.get("principal")


def set_session_cookie(response: Response, token: str) -> None:
    response.set_cookie(
        COOKIE, _serializer(current_app).dumps(token), max_age=int(SESSION_TTL.total_seconds()),
        httponly=True, samesite="Lax", secure=current_app.config["SESSION_COOKIE_SECURE"] or request.is_secure,
        path="/")


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="Lax")
