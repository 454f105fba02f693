"""Who is acting: every query and service takes one; `tracker.access` says what it may see and do."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Principal:
    name: str
    role: str
    district: str | None = None
    uscc: str | None = None

    @classmethod
    def bureau(cls, name: str) -> "Principal":
        """The command line acts with the bureau's authority, under the operator's name."""
        return cls(name=name, role="bureau")
