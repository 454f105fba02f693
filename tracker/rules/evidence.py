"""Evidence counting: which achievement records count towards which indicator (DOMAIN.md 5).

One item counts once: within a project and an indicator's family, the records sharing a
folded reference are one item, and the record that counts is the earliest-dated one that is
not rejected, lies in the window (for a trend: the year, from the baseline year before the
start to the year of the end) and qualifies (source or level). Every other non-rejected
record of a counted item is flagged `duplicate_in_project`; rejected records neither count
nor block, and nor do records returned for revision or withdrawn (they are back with the
enterprise). `claimed` figures count the counted records; `verified` only those verified.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Sequence

from tracker.programme import Indicator

CLAIMED, VERIFIED, REJECTED = "claimed", "verified", "rejected"
RETURNED, WITHDRAWN = "returned", "withdrawn"
LIVE = (CLAIMED, VERIFIED)  # the statuses that count and block; every other one does neither
_FULL_WIDTH_OFFSET = 0xFEE0  # U+FF01..U+FF5E are the full-width forms of U+0021..U+007E
_IDEOGRAPHIC_SPACE = "\u3000"


def fold_reference(raw: str | None) -> str | None:
    """One spelling per item: full-width forms folded to half-width, letters upper case,
    spaces removed; None when nothing is left."""
    if raw is None:
        return None
    half = "".join(chr(ord(ch) - _FULL_WIDTH_OFFSET) if "\uff01" <= ch <= "\uff5e"
                   else " " if ch == _IDEOGRAPHIC_SPACE else ch for ch in raw)
    folded = "".join(half.split()).upper()
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
    reference: str | None = None  # folded (fold_reference)
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
    """Date order. Records of one date are ordered by what they say, not by when they were
    entered (a verified record first), so that importing in another order changes nothing."""
    return sorted(records, key=lambda r: (
        r.date, r.status != VERIFIED, -r.quantity, r.indicator, r.reference or "",
        r.written_reference or "", r.level or "", r.source_type or "", r.year or 0,
        r.value if r.value is not None else Decimal(0), r.text_chars, r.id))


def _by_family(records: Iterable[Record], indicators: Iterable[Indicator]) -> dict[str, list[Record]]:
    """The records each family of indicators shares, in counting order."""
    families = {i.id: i.family for i in indicators}
    grouped: dict[str, list[Record]] = {}
    for r in _ordered(records):
        family = families.get(r.indicator)
        if family is not None:
            grouped.setdefault(family, []).append(r)
    return grouped


def _counted(family_records: Sequence[Record], indicator: Indicator, start: dt.date,
             end: dt.date) -> list[Record]:
    """The records that count for `indicator`: every record not rejected, in the window and
    qualifying, and of an item (a reference) only the first of those."""
    counted, seen = [], set()
    for r in family_records:
        if (r.status not in LIVE or not in_window(r, indicator.kind, start, end)
                or not qualifies(r, indicator)):
            continue
        if r.reference:
            if r.reference in seen:
                continue
            seen.add(r.reference)
        counted.append(r)
    return counted


def record_flags(records: Sequence[Record], indicators: dict[str, Indicator],
                 start: dt.date, end: dt.date, other_project_refs: frozenset[str] | set[str]
                 ) -> dict[int, list[str]]:
    """Flags of each record of one project, by record id. A record that counts for any
    indicator of its family is never flagged a duplicate."""
    grouped = _by_family(records, indicators.values())
    counted_ids: set[int] = set()
    counted_items: set[tuple[str, str]] = set()
    for ind in indicators.values():
        for r in _counted(grouped.get(ind.family, []), ind, start, end):
            counted_ids.add(r.id)
            if r.reference:
                counted_items.add((ind.family, r.reference))
    flags: dict[int, list[str]] = {}
    for r in _ordered(records):
        own = indicators.get(r.indicator)
        found: list[str] = []
        if own is not None and not in_window(r, own.kind, start, end):
            found.append("outside_window")
        if own is not None and not qualifies(r, own):
            found.append("not_qualifying")
        if r.status in LIVE and r.reference and own is not None:
            if r.id not in counted_ids and (own.family, r.reference) in counted_items:
                found.append("duplicate_in_project")
            if r.reference in other_project_refs:
                found.append("claimed_by_other_project")
        flags[r.id] = found
    return flags


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
    grouped = _by_family(records, indicators)
    results = []
    for ind in indicators:
        counted = _counted(grouped.get(ind.family, []), ind, start, end)
        claimed, _ = _figure(counted, ind)
        verified, achieved = _figure([r for r in counted if r.status == VERIFIED], ind)
        results.append(IndicatorResult(ind.id, ind.kind, ind.required, claimed, verified, achieved))
    return results
