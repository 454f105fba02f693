"""The sign-in page at /login, sign-out (a POST), the change-password page and the language
switch: plain HTML forms, so they work before any script loads. Every form carries a token:
a signed-in form one tied to its session, the sign-in form one tied to a cookie of its own."""
from __future__ import annotations

import hmac
import secrets
from html import escape

from flask import Blueprint, Response, g, redirect, request

from dashboards.guards import client_address, form_token, form_token_ok
from dashboards.i18n import COOKIE, LANGUAGES, language, t
from dashboards.sessions import (clear_session_cookie, current_principal, now, set_session_cookie, sign_in,
                                 writing)
from tracker.importers.values import CONTROL
from tracker.services.accounts import (begin_sign_in, close_session, finish_sign_in, hash_password,
                                       password_problem, set_password, verify_password)
from tracker.services.throttle import Throttled

bp = Blueprint("login", __name__)
LOGIN_COOKIE = "tracker_login_form"
TOKEN_FIELD = "csrf_token"

FRAME = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/tracker.css"></head>
<body class="login"><main class="login-box">
<h1>{app}</h1>{body}<p class="lang"><a href="/lang/{other}">{switch}</a></p></main></body></html>"""


def _page(title: str, body: str, status: int = 200) -> Response:
    lang = language()
    html = FRAME.format(lang="zh-CN" if lang == "zh" else "en", title=escape(title), app=escape(t("app.title")),
                        body=body, other="en" if lang == "zh" else "zh", switch=escape(t("nav.language")))
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def _field(name: str, label: str, kind: str = "password", autocomplete: str = "current-password") -> str:
    return (f'<label for="{name}">{escape(label)}</label>'
            f'<input id="{name}" name="{name}" type="{kind}" autocomplete="{autocomplete}" required>')


def _error(message: str) -> str:
    return f'<p class="error" role="alert">{escape(message)}</p>' if message else ""


def _hidden(token: str) -> str:
    return f'<input type="hidden" name="{TOKEN_FIELD}" value="{escape(token)}">'


def _login_page(error: str = "", status: int = 200) -> Response:
    token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(32)
    body = ('<form method="post" action="/login">' + _hidden(token)
            + _field("username", t("login.username"), "text", "username")
            + _field("password", t("login.password")) + _error(error)
            + f'<button type="submit">{escape(t("login.submit"))}</button></form>')
    response = _page(t("login.title"), body, status)
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="Strict", path="/login",
                        secure=request.is_secure)
    return response


@bp.get("/login")
def login_page() -> Response:
    if current_principal() is not None:
        return redirect("/")
    return _login_page()


@bp.post("/login")
def login_submit() -> Response:
    expected, submitted = request.cookies.get(LOGIN_COOKIE), request.form.get(TOKEN_FIELD)
    if not expected or not submitted or not hmac.compare_digest(expected, submitted):
        return _login_page(t("form.expired"), 403)  # a form this browser was not given: login CSRF
    username, password = request.form.get("username", "")[:200], request.form.get("password", "")[:1024]
    if CONTROL.search(username):
        return _login_page(t("login.failed"), 401)  # no account has such a name
    try:
        user, token = sign_in(username, password)
    except Throttled as exc:
        response = _login_page(t("login.throttled"), 429)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    if token is None:
        return _login_page(t("login.failed"), 401)
    response = redirect("/")
    set_session_cookie(response, token)
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


@bp.get("/logout")
def logout_page() -> Response:
    """Signing out changes state, so it is a POST; this page offers the button."""
    if not g.get("session_token"):
        return redirect("/login")
    body = ('<form method="post" action="/logout">' + _hidden(form_token(g.session_token))
            + f'<button type="submit">{escape(t("logout.confirm"))}</button></form>'
            + f'<p><a href="/">{escape(t("nav.back"))}</a></p>')
    return _page(t("nav.logout"), body)


@bp.post("/logout")
def logout() -> Response:
    token = g.get("session_token")
    if token:
        if not form_token_ok(token, request.form.get(TOKEN_FIELD)):
            return _page(t("nav.logout"), _error(t("form.expired")), 403)
        with writing() as session:
            close_session(session, token)
    response = redirect("/login")
    clear_session_cookie(response)
    return response


def _password_page(message: str = "", status: int = 200, error: bool = True) -> Response:
    body = ('<form method="post" action="/password">' + _hidden(form_token(g.session_token))
            + _field("current", t("password.current"))
            + _field("new", t("password.new"), autocomplete="new-password")
            + _field("repeat", t("password.repeat"), autocomplete="new-password")
            + (_error(message) if error else f'<p class="done" role="status">{escape(message)}</p>')
            + f'<button type="submit">{escape(t("password.submit"))}</button></form>'
            + f'<p><a href="/">{escape(t("nav.back"))}</a></p>')
    return _page(t("nav.password"), body, status)


@bp.get("/password")
def password_page() -> Response:
    if current_principal() is None:
        return redirect("/login")
    return _password_page()


@bp.post("/password")
def change_password() -> Response:
    principal, token = current_principal(), g.get("session_token")
    if principal is None or token is None:
        return redirect("/login")
    if not form_token_ok(token, request.form.get(TOKEN_FIELD)):
        return _password_page(t("form.expired"), 403)
    current, new = request.form.get("current", "")[:1024], request.form.get("new", "")[:1024]
    if new != request.form.get("repeat", "")[:1024]:
        return _password_page(t("password.mismatch"), 400)
    weak = password_problem(new)
    if weak:
        return _password_page(weak, 400)
    # The current password is checked like a sign-in (throttled, outside any transaction).
    client = client_address()
    try:
        with writing() as session:
            credentials = begin_sign_in(session, principal.name, client, now())
    except Throttled as exc:
        response = _password_page(t("login.throttled"), 429)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    verdict = verify_password(credentials, current)
    new_hash = hash_password(new) if verdict.ok else None
    with writing() as session:
        if finish_sign_in(session, credentials, verdict, principal.name, client, now()) is None or not new_hash:
            user = None
        else:
            user = set_password(session, principal.name, new_hash, actor=principal.name, keep_token=token)
    if user is None:
        return _password_page(t("password.wrong"), 400)
    return _password_page(t("password.changed"), error=False)


@bp.get("/lang/<code>")
def switch_language(code: str) -> Response:
    response = redirect(request.referrer if request.referrer and request.referrer.startswith(request.host_url)
                        else "/")
    if code in LANGUAGES:
        response.set_cookie(COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response
