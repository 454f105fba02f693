"""Mount the Dash app: sign-in required, navigation built from the pages' own registration."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import dash
from dash import dcc, html
from flask import Flask, Response, g, jsonify, redirect, request

from dashboards.guards import form_token
from dashboards.i18n import t
from dashboards.sessions import current_principal
from dashboards.ui.navigation import badge, draws_figures, links
from dashboards.ui.pages import register_all

ASSETS = Path(__file__).resolve().parent / "assets"
OPEN_PREFIXES = ("/api/", "/login", "/lang/", "/assets/", "/logout", "/_favicon")


def _guard() -> Response | None:
    if request.path.startswith(OPEN_PREFIXES) or current_principal() is not None:
        return None
    if request.path.startswith("/_dash") or request.path.startswith("/_reload"):
        response = jsonify({"error": "unauthorized", "message": t("error.sign_in", "zh")})
        response.status_code = 401
        return response
    return redirect("/login")


def _logout_form() -> Any:
    """Signing out is a POST carrying the session's form token (a GET must change nothing)."""
    return html.Form(method="post", action="/logout", className="logout", children=[
        dcc.Input(type="hidden", name="csrf_token", value=form_token(g.session_token)),
        html.Button(t("nav.logout"), type="submit", className="link")])


def _with_badge(text: str, count: int | None) -> Any:
    return text if not count else [text, html.Span(str(count), className="badge-count")]


def links_of(principal: Any) -> Any:
    for path, label in links(principal):
        yield dcc.Link(_with_badge(t(label), badge(principal, path)), href=path)


def shell() -> Any:
    principal = current_principal()
    if principal is None:  # the guard redirects first; this is for safety
        return html.Div()
    nav = list(links_of(principal))
    where = principal.district or principal.uscc or ""
    return html.Div([
        html.Header(className="top", children=[
            html.H1(t("app.title")),
            html.Nav(nav, className="wide"),
            # on a phone the same links fold behind 菜单 (a <details>: no script needed)
            html.Details(className="menu", children=[html.Summary(t("nav.menu")), html.Nav(list(links_of(principal)))]),
            html.Div(className="who", children=[
                html.Span(f"{principal.name}{'（' + where + '）' if where else ''}  "),
                html.A(t("nav.language"), href="/lang/en" if t("nav.language") == "English" else "/lang/zh"),
                html.A(t("nav.password"), href="/password"), _logout_form()])]),
        html.Main(className="page", children=[dash.page_container]),
    ])


# Where Dash's graph component fetches plotly.js from, when served locally (dash-renderer sets
# window._dashPlotlyJSURL to this path under the app's prefix).
PLOTLY_JS = "_dash-component-suites/plotly/package_data/plotly.min.js"


class _Dash(dash.Dash):
    """A page that draws figures asks for plotly.js (1.4 MB compressed) with the page itself:
    otherwise the graph component only asks for it once the figures' callback has answered,
    and a first visit waits for the download after everything else."""

    def interpolate_index(self, **kwargs: Any) -> str:
        if draws_figures(request.path):
            prefix = self.config.requests_pathname_prefix
            kwargs["metas"] = (kwargs.get("metas", "") +
                               f'<link rel="preload" href="{prefix}{PLOTLY_JS}" as="script">')
        return super().interpolate_index(**kwargs)


def mount(app: Flask) -> dash.Dash:
    dash_app = _Dash(__name__, server=app, use_pages=True, pages_folder="", assets_folder=str(ASSETS),
                         suppress_callback_exceptions=True, title=t("app.title", "zh"),
                         update_title=None,
                         meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}])
    register_all(dash_app)  # the pages register themselves, with the action each needs
    dash_app.layout = shell
    app.before_request(_guard)
    app.extensions["tracker.dash"] = dash_app
    _finish_dash_set_up(app)
    return dash_app


def _finish_dash_set_up(app: Flask) -> None:
    """Dash completes its set-up (the callback map, the pages' router) in hooks run on the first
    requests, with no lock: two first requests at once raced on the callback map ('dictionary
    changed size during iteration', a 500 for one of them). Run those hooks here, once, before
    the server takes any request. Mounting the pages is therefore the factory's last step:
    Flask refuses new hooks once one has run."""
    with app.test_request_context("/"):
        for hook in list(app.before_request_funcs.get(None, ())):
            if getattr(hook, "__module__", "").startswith("dash."):
                hook()
