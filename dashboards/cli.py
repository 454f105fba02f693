"""`tracker serve`: the development server (plugged into the `tracker` command by an entry point)."""
from __future__ import annotations

import click

from dashboards.app import create_app
from dashboards.settings import WebSettings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--db", "db_url", default=None, metavar="URL", help="SQLAlchemy URL（默认同 tracker）")
def serve(host: str, port: int, db_url: str | None) -> None:
    """启动网页与 JSON API（开发用；生产环境用 gunicorn，见 README）。"""
    root = click.get_current_context().find_root().params.get("db_url")
    app = create_app(WebSettings(database_url=db_url or root))
    click.echo(f"tracker 已启动：http://{host}:{port}/  （JSON API 说明：/api/openapi.json）")
    app.run(host=host, port=port, debug=False, use_reloader=False, threaded=True)
