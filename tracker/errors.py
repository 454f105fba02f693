"""The tracker's own exceptions; entry points map them to exit codes or HTTP answers."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where: file, row (as the spreadsheet numbers it), column."""
    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None  # the column's id, for machine readers

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.column:
            col = self.column if not self.field or self.field == self.column else f"{self.column}({self.field})"
            where.append(f"列「{col}」")
        return f"{' '.join(where)}：{self.message}" if where else self.message


class TrackerError(Exception):
    """Base of the tracker's errors."""


class InputError(TrackerError):
    """Bad input: every problem found, nothing changed. CLI exit 2, HTTP 400."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class NotFound(TrackerError):
    """No such record, or one the principal may not see (indistinguishable). HTTP 404."""


class StateError(TrackerError):
    """A refused state change or invariant (names current and allowed states). CLI exit 1, HTTP 409."""


class Forbidden(TrackerError):
    """The principal's role may not do this. HTTP 403."""


class Conflict(TrackerError):
    """An edit that lost a race, or a submission already made (the same idempotency key). HTTP 409."""
