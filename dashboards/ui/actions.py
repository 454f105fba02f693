"""The one helper for page actions: run a write, and turn any domain error into the words shown
beside the form (callbacks never pick which errors to catch)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from dashboards.i18n import t
from tracker.errors import InputError, TrackerError


@dataclass(frozen=True)
class Outcome:
    text: str
    ok: bool

    @property
    def css(self) -> str:
        return "message" if self.ok else "message error"


def error_text(exc: TrackerError) -> str:
    """Every problem of bad input on one line; other errors as their own message. A problem is
    named by its column's label when it has one, never by its field id: that is for machines."""
    if isinstance(exc, InputError):
        return "；".join(f"{p.column}：{p.message}" if p.column else p.message for p in exc.problems)
    return str(exc)


def attempt(action: Callable[[], object], done_key: str) -> Outcome:
    """Run `action` (which opens its own write transaction); success shows the phrase `done_key`."""
    try:
        action()
    except TrackerError as exc:
        return Outcome(error_text(exc), False)
    return Outcome(t(done_key), True)
