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



def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # The scheduler's job store manages its own table.
    return not (type_ == "table" and name == "apscheduler_jobs")


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_object=include_object,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
