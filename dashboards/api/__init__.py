"""The JSON API of INTERFACES.md section 4."""
from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter

from dashboards.api import auth, claims, closing, dossier, openapi, projects, reviews
from dashboards.api.errors import register_error_handlers


class RecordId(IntegerConverter):
    """A record id as the database holds it: a larger number is no record (404), not a 500."""

    def __init__(self, map: Any) -> None:  # noqa: A002 - werkzeug's name
        super().__init__(map, min=1, max=2**31 - 1)


def register_api(app: Flask) -> None:
    app.url_map.converters["id"] = RecordId
    for module in (auth, projects, reviews, claims, closing, dossier, openapi):
        app.register_blueprint(module.bp)
    register_error_handlers(app)
