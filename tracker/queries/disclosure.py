"""What an enterprise is not told: that another project holds a reference it claimed.

The flag exists for the bureau and the districts to look into; shown to an enterprise it
would answer "does anyone hold patent X?" for any X it cares to claim.
"""
from __future__ import annotations

from typing import Iterable

from tracker.principal import Principal

BUREAU_ONLY_FLAGS = frozenset({"claimed_by_other_project"})


def hides_shared_references(principal: Principal) -> bool:
    return principal.role == "enterprise"


def flags_for(principal: Principal, flags: Iterable[str]) -> list[str]:
    if not hides_shared_references(principal):
        return list(flags)
    return [f for f in flags if f not in BUREAU_ONLY_FLAGS]
