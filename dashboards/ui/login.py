"""The sign-in page at /login (plain HTML, so it works before any script loads), sign-out, and
the language switch."""
from __future__ import annotations

from html import escape

from flask import Blueprint, Response, redirect, request

from dashboards.i18n import COOKIE, LANGUAGES, language, t
from dashboards.sessions import clear_session_cookie, current_principal, now, set_session_cookie, writing
from tracker.services.accounts import Throttled, authenticate, close_session, open_session

bp = Blueprint("login", __name__)

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/tracker.css"></head>
<body class="login"><main class="login-box">
<h1>{app}</h1>
<form method="post" action="/login">
<label for="username">{username}</label><input id="username" name="username" autocomplete="username" required>
<label for="password">{password}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
{error}<button type="submit">{submit}</button>
</form><p class="lang"><a href="/lang/{other}">{switch}</a></p></main></body></html>"""


def _page(error: str = "", status: int = 200) -> Response:
    lang = language()
    body = PAGE.format(lang="zh-CN" if lang == "zh" else "en", title=t("login.title"), app=escape(t("app.title")),
                       username=t("login.username"), password=t("login.password"), submit=t("login.submit"),
                       error=f'<p class="error" role="alert">{escape(error)}</p>' if error else "",
                       other="en" if lang == "zh" else "zh", switch=t("nav.language"))
    return Response(body, status=status, mimetype="text/html")


@bp.get("/login")
def login_page() -> Response:
    if current_principal() is not None:
        return redirect("/")
    return _page()


@bp.post("/login")
def login_submit() -> Response:
    username, password = request.form.get("username", ""), request.form.get("password", "")
    try:
        with writing() as session:
            user = authenticate(session, username, password, request.remote_addr or "", now())
            token = open_session(session, user, now()) if user else None
    except Throttled:
        return _page(t("login.throttled"), 429)
    if token is None:
        return _page(t("login.failed"), 401)
    response = redirect("/")
    set_session_cookie(response, token)
    return response


@bp.get("/logout")
def logout() -> Response:
    from flask import g
    if g.get("session_token"):
        with writing() as session:
            close_session(session, g.session_token)
    response = redirect("/login")
    clear_session_cookie(response)
    return response


@bp.get("/lang/<code>")
def switch_language(code: str) -> Response:
    response = redirect(request.referrer if request.referrer and request.referrer.startswith(request.host_url)
                        else "/")
    if code in LANGUAGES:
        response.set_cookie(COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response
