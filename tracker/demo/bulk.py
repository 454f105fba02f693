"""Bulk inserts for the demo's hundreds of thousands of rows, without the ORM and without
RETURNING: an ORM bulk insert returning ids in order spliced every batch's results row by row
(millions of fetchone calls, most of the demo's time). SQLite takes plain executemany batches;
on PostgreSQL psycopg's executemany still sends one statement per row, so rows go by COPY."""
from __future__ import annotations

import json
from typing import Any, Callable, Sequence

from sqlalchemy import JSON, Connection, Table
from sqlalchemy.orm import Session

BATCH = 5000


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows (dicts with the same keys) into `table` in the session's transaction."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg":
        _copy(connection, table, rows)
        return
    for i in range(0, len(rows), BATCH):
        connection.execute(table.insert(), rows[i:i + BATCH])


def _copy(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """COPY FROM STDIN, each value converted as the column's type converts a bound parameter
    (exact decimals), and the columns' constant Python-side defaults filled in as an
    INSERT would (COPY knows only the server's)."""
    given = list(rows[0])
    defaults = {c.name: c.default.arg for c in table.columns
                if c.name not in given and c.default is not None and c.default.is_scalar}
    names = given + list(defaults)
    convert = [_converter(connection, table.c[name].type) for name in names]
    quote = connection.dialect.identifier_preparer.quote
    statement = f"COPY {quote(table.name)} ({', '.join(quote(n) for n in names)}) FROM STDIN"
    fixed = list(defaults.values())
    with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            values = [row[name] for name in given] + fixed
            copy.write_row([v if f is None or v is None else f(v) for v, f in zip(values, convert)])


def _converter(connection: Connection, column_type: Any) -> Callable[[Any], Any] | None:
    """How a value of this column goes into COPY's text: JSON as JSON text (a bound parameter
    leaves that to the driver), other types as they convert a bound parameter."""
    if isinstance(column_type, JSON):
        return json.dumps
    return column_type.bind_processor(connection.dialect)
