"""Evidence counting: which achievement records count towards which indicator.

One item counts once (same family of indicators and reference), only inside the
implementation window (for a trend: the year, from the baseline year before the start
to the year of the end), only with a qualifying source or level. `verified` counts
verified records; `claimed` counts every record that is not rejected.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Sequence

from tracker.programme import Indicator

CLAIMED, VERIFIED, REJECTED = "claimed", "verified", "rejected"
COUNTED_AS_CLAIMED = frozenset({CLAIMED, VERIFIED})
COUNTED_AS_VERIFIED = frozenset({VERIFIED})


def normalize_reference(raw: str | None) -> str | None:
    """One spelling per item: full-width folded, spaces removed, upper case."""
    if raw is None:
        return None
    folded = "".join(unicodedata.normalize("NFKC", raw).split()).upper()
    return folded or None


@dataclass(frozen=True)
class Record:
    id: int
    indicator: str
    date: dt.date
    status: str
    quantity: int = 1
    level: str | None = None
    source_type: str | None = None
    year: int | None = None
    value: Decimal | None = None
    text_chars: int = 0
    reference: str | None = None  # normalised
    written_reference: str | None = None  # as the enterprise wrote it, for people to read


@dataclass(frozen=True)
class IndicatorResult:
    id: str
    kind: str
    required: int
    claimed: int
    verified: int
    achieved: bool

    @property
    def score(self) -> float:
        """Share of the requirement met: min(value / required, 1); 0 or 1 unless a count."""
        if self.kind == "count":
            return min(self.verified / self.required, 1.0) if self.required else 1.0
        return 1.0 if self.achieved else 0.0


def in_window(record: Record, kind: str, start: dt.date, end: dt.date) -> bool:
    if kind == "trend":
        return record.year is not None and start.year - 1 <= record.year <= end.year
    return start <= record.date <= end


def qualifies(record: Record, indicator: Indicator) -> bool:
    if indicator.source_types and record.source_type not in indicator.source_types:
        return False
    if indicator.levels and record.level not in indicator.levels:
        return False
    return True


def _ordered(records: Iterable[Record]) -> list[Record]:
    return sorted(records, key=lambda r: (r.date, r.id))


def record_flags(records: Sequence[Record], indicators: dict[str, Indicator],
                 start: dt.date, end: dt.date, other_project_refs: frozenset[str] | set[str]
                 ) -> dict[int, list[str]]:
    """Flags of each record of one project, by record id."""
    flags: dict[int, list[str]] = {}
    seen: set[tuple[str, str]] = set()
    for r in _ordered(records):
        own = indicators.get(r.indicator)
        found: list[str] = []
        if own is not None and not in_window(r, own.kind, start, end):
            found.append("outside_window")
        if own is not None and not qualifies(r, own):
            found.append("not_qualifying")
        if r.status != REJECTED and r.reference and own is not None:
            key = (own.family, r.reference)
            if key in seen:
                found.append("duplicate_in_project")
            seen.add(key)
            if r.reference in other_project_refs:
                found.append("claimed_by_other_project")
        flags[r.id] = found
    return flags


def _counting(ordered: Sequence[Record], indicator: Indicator, statuses: frozenset[str],
              start: dt.date, end: dt.date) -> list[Record]:
    """The records that count for `indicator` among those with `statuses`, once each.
    `ordered` are the records of the indicator's family, in date order."""
    counted, seen = [], set()
    for r in ordered:
        if (r.status not in statuses or not in_window(r, indicator.kind, start, end)
                or not qualifies(r, indicator)):
            continue
        if r.reference:
            if r.reference in seen:
                continue
            seen.add(r.reference)
        counted.append(r)
    return counted


def _trend_series(records: list[Record]) -> dict[int, Decimal]:
    series: dict[int, Decimal] = {}
    for r in records:  # in date order: a later record of the same year wins
        if r.year is not None and r.value is not None:
            series[r.year] = r.value
    return series


def _rising(series: dict[int, Decimal]) -> bool:
    values = [series[y] for y in sorted(series)]
    return all(a < b for a, b in zip(values, values[1:]))


def _figure(records: list[Record], indicator: Indicator) -> tuple[int, bool]:
    """(value, achieved) of one figure for the kind of indicator."""
    if indicator.kind == "count":
        total = sum(r.quantity for r in records)
        return total, total >= indicator.required
    if indicator.kind == "flag":
        return (1, True) if records else (0, False)
    if indicator.kind == "trend":
        series = _trend_series(records)
        return len(series), len(series) >= indicator.required and _rising(series)
    chars = max((r.text_chars for r in records), default=0)
    return chars, chars >= indicator.required


def evaluate_indicators(records: Sequence[Record], indicators: Sequence[Indicator],
                        start: dt.date, end: dt.date) -> list[IndicatorResult]:
    """Required, claimed and verified figures of each indicator of one project.
    `indicators` carry the project's own required values (the contract's)."""
    families = {i.id: i.family for i in indicators}
    by_family: dict[str, list[Record]] = {}
    for r in _ordered(records):
        family = families.get(r.indicator)
        if family is not None:
            by_family.setdefault(family, []).append(r)
    results = []
    for ind in indicators:
        own = by_family.get(ind.family, [])
        claimed, _ = _figure(_counting(own, ind, COUNTED_AS_CLAIMED, start, end), ind)
        verified, achieved = _figure(_counting(own, ind, COUNTED_AS_VERIFIED, start, end), ind)
        results.append(IndicatorResult(ind.id, ind.kind, ind.required, claimed, verified, achieved))
    return results
