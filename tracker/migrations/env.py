"""Alembic environment: runs on the connection `tracker.schema` hands over."""
from __future__ import annotations

from alembic import context

from tracker.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # `alembic` command line: build an engine from the URL
    from tracker.db import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or None)
    connection = engine.connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
