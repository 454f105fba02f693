"""Targets and pace: how far a project is, from its indicator results."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from tracker.programme import Target
from tracker.rules.evidence import IndicatorResult


@dataclass(frozen=True)
class TargetResult:
    id: str
    achieved: bool
    indicators: tuple[IndicatorResult, ...]


def evaluate_targets(targets: Sequence[Target], results: Sequence[IndicatorResult]) -> list[TargetResult]:
    """A target is achieved when all its indicators are."""
    by_id = {r.id: r for r in results}
    out = []
    for t in targets:
        own = tuple(by_id[i.id] for i in t.indicators)
        out.append(TargetResult(t.id, all(r.achieved for r in own), own))
    return out


def pace(results: Sequence[IndicatorResult]) -> float:
    """Mean over indicators of min(value / required, 1)."""
    return sum(r.score for r in results) / len(results) if results else 0.0


def elapsed(start: dt.date, end: dt.date, today: dt.date) -> float:
    """Share of the window gone on `today`, clamped to 0..1."""
    if today <= start:
        return 0.0
    if today >= end:
        return 1.0
    return (today - start).days / (end - start).days
