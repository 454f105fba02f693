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
    """Base of the tracker's errors. Each kind knows how an entry point answers it: the CLI's exit
    status, the API's HTTP status and its machine-readable `error` code."""
    exit_code: int = 1
    http_status: int = 400
    code: str = "error"


class InputError(TrackerError):
    """Bad input: every problem found, nothing changed. CLI exit 2, HTTP 400."""
    exit_code, http_status, code = 2, 400, "bad_request"

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class NotFound(TrackerError):
    """No such record, or one the principal may not see (indistinguishable). HTTP 404; the CLI
    names a record on its command line, so an unknown one is bad input there (exit 2)."""
    exit_code, http_status, code = 2, 404, "not_found"


class StateError(TrackerError):
    """A refused state change or invariant (names current and allowed states). CLI exit 1, HTTP 409.
    The message names states in words; `current` and `allowed` keep the codes for JSON readers."""
    exit_code, http_status, code = 1, 409, "conflict"

    def __init__(self, message: str, *, current: str | None = None, allowed: tuple[str, ...] = ()):
        super().__init__(message)
        self.current, self.allowed = current, allowed

    def details(self) -> dict[str, object]:
        return {"current": str(self.current), "allowed": [str(a) for a in self.allowed]} if self.current else {}


class Conflict(TrackerError):
    """An edit that lost a race, or a submission already made (the same idempotency key). CLI exit 1,
    HTTP 409."""
    exit_code, http_status, code = 1, 409, "conflict"


class Forbidden(TrackerError):
    """The principal's role may not do this. CLI exit 1, HTTP 403."""
    exit_code, http_status, code = 1, 403, "forbidden"


class Throttled(TrackerError):
    """Too many attempts in a short time (sign-in). HTTP 429."""
    exit_code, http_status, code = 1, 429, "too_many_requests"


class SchemaNotReady(TrackerError):
    """The database has no schema yet, or an older one than this code's: nothing can be read or
    written until `tracker init` creates or upgrades it. CLI exit 1, HTTP 503."""
    exit_code, http_status, code = 1, 503, "schema_not_ready"


class TooLarge(InputError):
    """An upload over its size limit. HTTP 413."""
    http_status, code = 413, "too_large"


class UnsupportedType(InputError):
    """An upload of a type that is not accepted (judged from its content). HTTP 415."""
    http_status, code = 415, "unsupported_media_type"
