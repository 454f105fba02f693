"""The JSON API of INTERFACES.md section 4."""
from __future__ import annotations

from flask import Flask

from dashboards.api import auth, claims, openapi, projects, reviews
from dashboards.api.errors import register_error_handlers


def register_api(app: Flask) -> None:
    for module in (auth, projects, reviews, claims, openapi):
        app.register_blueprint(module.bp)
    register_error_handlers(app)
