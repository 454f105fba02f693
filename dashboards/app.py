"""The application factory: `create_app(settings)` builds a Flask server per configuration."""
from __future__ import annotations

from flask import Flask

from dashboards.api import register_api
from dashboards.ui.login import bp as login_bp
from dashboards.ui.shell import mount
from dashboards.guards import api_paths_only, check_origin, check_settings, read_body_first
from dashboards.security import add_security_headers
from dashboards.static_assets import compress_library_scripts
from dashboards.sessions import load_principal
from dashboards.settings import WebSettings, secret_key
from tracker.db import make_engine
from tracker.evidence import MAX_BYTES

# Room for the form fields around a 20 MB evidence file; bigger requests are refused with 413.
MAX_REQUEST_BYTES = MAX_BYTES + 1024 * 1024


def create_app(settings: WebSettings | None = None) -> Flask:
    settings = settings or WebSettings()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret_key or secret_key(),
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.https,
        JSON_AS_ASCII=False,
    )
    app.json.ensure_ascii = False  # Chinese stays readable in JSON answers
    app.extensions["tracker.engine"] = make_engine(settings.database_url, lock_timeout_s=settings.lock_timeout_s)
    app.extensions["tracker.settings"] = settings
    check_settings(settings)
    # In this order: refuse cross-site writes, take the whole body, then look at the session.
    app.before_request(api_paths_only)
    app.before_request(check_origin)
    app.before_request(read_body_first)
    app.before_request(load_principal)
    app.after_request(add_security_headers)
    app.after_request(compress_library_scripts)
    register_api(app)
    app.register_blueprint(login_bp)
    if settings.with_pages:
        mount(app)
    return app
