"""The one place the benchmark knows how the read model (project snapshots) is rebuilt and
checked, so that when that mechanism moves only this file follows it."""
from __future__ import annotations

import datetime as dt
import time

from sqlalchemy import Engine, event

from tracker.services import snapshots

MECHANISM = "snapshots.advance_day (standings from the stored evaluations; the scheduler's change of day)"


def change_of_day(engine: Engine, day: dt.date) -> float:
    """Every snapshot moved to `day`; returns the longest of its write transactions, in seconds
    (a full rebuild when the stored evaluations are stale: then the time between its commits)."""
    transactions: list[float] = []
    marks = [time.perf_counter()]
    snapshots.advance_day(engine, day, progress=lambda _n: marks.append(time.perf_counter()),
                          transactions=transactions)
    if transactions:
        return max(transactions)
    return max((b - a for a, b in zip(marks, marks[1:])), default=0.0)


class SnapshotWrites:
    """Counts the statements writing snapshot rows on an engine (to see a write refresh its project)."""

    def __init__(self, engine: Engine):
        self.statements = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement: str, *_rest) -> None:  # type: ignore[no-untyped-def]
        head = statement.lstrip()[:60].upper()
        if head.startswith(("INSERT INTO PROJECT_SNAPSHOTS", "UPDATE PROJECT_SNAPSHOTS", "DELETE FROM PROJECT_SNAPSHOTS")):
            self.statements += 1
