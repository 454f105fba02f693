"""Parse and validate a programme definition (a TOML file under data/programmes/).

A malformed file is refused with a message naming the offending key, e.g.
`targets[2].indicators[0].required: expected a whole number >= 1, got "five"`.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.errors import InputError
from tracker.paths import programmes_dir
from tracker.programme.closing import ClosingDataError, ClosingRules, parse_closing
from tracker.vocab import IndicatorKind, SourceType, StandardLevel, codes

KNOWN_CONDITIONS = (
    "not_registered_in_suzhou", "not_independent_legal_person", "no_growth_or_profit_3y",
    "no_ip_management_system", "no_ip_department", "no_ip_staff", "valid_patents_below_50",
    "invention_patents_below_20", "no_enterprise_standard_system", "standard_coverage_below_80",
    "no_standardization_body", "no_standardization_staff", "standards_5y_below_2",
    "no_qms_certification", "no_registered_trademark", "serious_dishonesty",
    "abnormal_patent_applications",
)
INDICATOR_KINDS = codes(IndicatorKind)
STANDARD_LEVELS = codes(StandardLevel)
SOURCE_TYPES = codes(SourceType)


class ProgrammeError(InputError, ValueError):
    """A programme definition that cannot be used; the message names the key."""


@dataclass(frozen=True)
class Condition:
    code: str
    kind: str  # "hard" | "soft"


@dataclass(frozen=True)
class Honour:
    code: str
    name: str


@dataclass(frozen=True)
class District:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cluster:
    name: str
    focus: bool


@dataclass(frozen=True)
class Indicator:
    id: str
    target_id: str
    kind: str
    required: int
    name: str
    unit: str = ""
    source_types: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    counts_from: str | None = None
    help: str = ""  # what evidence counts, in the words the claim form shows (optional)

    @property
    def family(self) -> str:
        """Indicators of one family share achievement records (and their references)."""
        return self.counts_from or self.id


@dataclass(frozen=True)
class Target:
    id: str
    name: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Programme:
    code: str
    name: str
    year: int
    application_deadline: dt.date
    district_recommendation_days: int
    window_max_years: int
    acceptance_lead_months: int
    reminder_thresholds: tuple[int, ...]
    behind_schedule_factor: float
    behind_schedule_min_elapsed: float
    eligibility: dict[str, int]
    conditions: tuple[Condition, ...]
    honours: tuple[Honour, ...]
    districts: tuple[District, ...]
    outside_district: str
    clusters: tuple[Cluster, ...]
    targets: tuple[Target, ...]
    source: str = field(default="", repr=False, compare=False)
    closing: ClosingRules = field(default_factory=ClosingRules)

    @property
    def recommendation_deadline(self) -> dt.date:
        return self.application_deadline + dt.timedelta(days=self.district_recommendation_days)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for t in self.targets for i in t.indicators)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def district_name(self, raw: str) -> str | None:
        """The canonical district for a name or alias, the outside marker, or None."""
        value = raw.strip()
        if value == self.outside_district:
            return value
        for d in self.districts:
            if value == d.name or value in d.aliases:
                return d.name
        return None

    def cluster_name(self, raw: str) -> str | None:
        value = raw.strip()
        return value if any(c.name == value for c in self.clusters) else None

    def is_focus_cluster(self, name: str) -> bool:
        return any(c.name == name and c.focus for c in self.clusters)

    def honour_code(self, raw: str) -> str | None:
        value = raw.strip()
        for h in self.honours:
            if value in (h.code, h.name):
                return h.code
        return None


# --- parsing helpers -----------------------------------------------------------------

def _need(data: dict[str, Any], key: str, path: str) -> Any:
    if key not in data:
        raise ProgrammeError(f"{path}{key}: missing")
    return data[key]


def _text(data: dict[str, Any], key: str, path: str, default: str | None = None) -> str:
    value = data.get(key, default) if default is not None else _need(data, key, path)
    if not isinstance(value, str) or not value.strip():
        raise ProgrammeError(f"{path}{key}: expected a non-empty text, got {value!r}")
    return value.strip()


def _int(data: dict[str, Any], key: str, path: str, minimum: int = 0) -> int:
    value = _need(data, key, path)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ProgrammeError(f"{path}{key}: expected a whole number >= {minimum}, got {value!r}")
    return value


def _fraction(data: dict[str, Any], key: str, path: str) -> float:
    value = _need(data, key, path)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ProgrammeError(f"{path}{key}: expected a number between 0 and 1, got {value!r}")
    return float(value)


def _table(data: dict[str, Any], key: str, path: str) -> dict[str, Any]:
    value = _need(data, key, path)
    if not isinstance(value, dict):
        raise ProgrammeError(f"{path}{key}: expected a table")
    return value


def _tables(data: dict[str, Any], key: str, path: str) -> list[dict[str, Any]]:
    value = _need(data, key, path)
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise ProgrammeError(f"{path}{key}: expected a non-empty list of tables")
    return value


def _strings(data: dict[str, Any], key: str, path: str, allowed: tuple[str, ...] | None = None
             ) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProgrammeError(f"{path}{key}: expected a list of texts")
    if allowed is not None:
        for v in value:
            if v not in allowed:
                raise ProgrammeError(f"{path}{key}: unknown value {v!r}; allowed: {', '.join(allowed)}")
    return tuple(value)


def _unique(items: list[str], path: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            raise ProgrammeError(f"{path}: {item!r} appears twice")
        seen.add(item)


def _parse_targets(data: dict[str, Any]) -> tuple[Target, ...]:
    targets = []
    for t_index, raw in enumerate(_tables(data, "targets", "")):
        t_path = f"targets[{t_index}]."
        target_id = _text(raw, "id", t_path)
        indicators = []
        for i_index, ind in enumerate(_tables(raw, "indicators", t_path)):
            i_path = f"{t_path}indicators[{i_index}]."
            kind = _text(ind, "kind", i_path)
            if kind not in INDICATOR_KINDS:
                raise ProgrammeError(f"{i_path}kind: {kind!r} is not one of {', '.join(INDICATOR_KINDS)}")
            required = _int(ind, "required", i_path, minimum=1)
            if kind == "flag" and required != 1:
                raise ProgrammeError(f"{i_path}required: a flag indicator requires exactly 1")
            if kind == "trend" and required < 2:
                raise ProgrammeError(f"{i_path}required: a trend needs at least 2 yearly values")
            counts_from = ind.get("counts_from")
            if counts_from is not None and not isinstance(counts_from, str):
                raise ProgrammeError(f"{i_path}counts_from: expected an indicator id")
            help_text = ind.get("help", "")
            if not isinstance(help_text, str):
                raise ProgrammeError(f"{i_path}help: expected a text")
            indicators.append(Indicator(
                id=_text(ind, "id", i_path), target_id=target_id, kind=kind, required=required,
                name=_text(ind, "name", i_path), unit=str(ind.get("unit", "")),
                source_types=_strings(ind, "source_types", i_path, SOURCE_TYPES),
                levels=_strings(ind, "levels", i_path, STANDARD_LEVELS),
                counts_from=counts_from, help=help_text.strip(),
            ))
        targets.append(Target(id=target_id, name=_text(raw, "name", t_path),
                              indicators=tuple(indicators)))
    _unique([t.id for t in targets], "targets")
    all_ids = [i.id for t in targets for i in t.indicators]
    _unique(all_ids, "targets.indicators.id")
    by_id = {i.id: i for t in targets for i in t.indicators}
    for t_index, t in enumerate(targets):
        for i_index, i in enumerate(t.indicators):
            if i.counts_from is None:
                continue
            source = by_id.get(i.counts_from)
            path = f"targets[{t_index}].indicators[{i_index}].counts_from"
            if source is None or source.counts_from is not None or source.kind != i.kind:
                raise ProgrammeError(f"{path}: {i.counts_from!r} must name another indicator of "
                                     f"the same kind that does not itself count from one")
    return tuple(targets)


def parse_programme(text: str, origin: str = "<programme>") -> Programme:
    """Parse a programme definition; ProgrammeError names the first bad key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProgrammeError(f"{origin}: not valid TOML: {exc}") from exc
    try:
        return _build(data, text)
    except ProgrammeError as exc:
        raise ProgrammeError(f"{origin}: {exc}") from None


def _build(data: dict[str, Any], text: str) -> Programme:
    deadline = _need(data, "application_deadline", "")
    if not isinstance(deadline, dt.date) or isinstance(deadline, dt.datetime):
        raise ProgrammeError(f"application_deadline: expected a date like 2024-11-17, got {deadline!r}")
    window = _table(data, "window", "")
    thresholds = _need(window, "reminder_thresholds", "window.")
    if (not isinstance(thresholds, list) or not thresholds
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in thresholds)):
        raise ProgrammeError("window.reminder_thresholds: expected a list of whole numbers of days")
    risk = _table(data, "risk", "")
    elig = _table(data, "eligibility", "")
    numbers = {k: _int(elig, k, "eligibility.") for k in (
        "min_ip_staff", "min_valid_patents", "min_effective_invention_patents",
        "pct_invention_weight", "min_standard_coverage_pct", "min_standardization_staff",
        "min_standards_5y")}
    conditions = []
    for index, raw in enumerate(_tables(elig, "conditions", "eligibility.")):
        path = f"eligibility.conditions[{index}]."
        code, kind = _text(raw, "code", path), _text(raw, "kind", path)
        if code not in KNOWN_CONDITIONS:
            raise ProgrammeError(f"{path}code: unknown condition {code!r}")
        if kind not in ("hard", "soft"):
            raise ProgrammeError(f"{path}kind: expected hard or soft, got {kind!r}")
        conditions.append(Condition(code, kind))
    _unique([c.code for c in conditions], "eligibility.conditions.code")
    honours = tuple(Honour(_text(h, "code", f"honours[{i}]."), _text(h, "name", f"honours[{i}]."))
                    for i, h in enumerate(_tables(data, "honours", "")))
    districts = tuple(District(_text(d, "name", f"districts[{i}]."),
                               _strings(d, "aliases", f"districts[{i}]."))
                      for i, d in enumerate(_tables(data, "districts", "")))
    _unique([n for d in districts for n in (d.name, *d.aliases)], "districts")
    clusters = []
    for i, c in enumerate(_tables(data, "clusters", "")):
        focus = c.get("focus", True)
        if not isinstance(focus, bool):
            raise ProgrammeError(f"clusters[{i}].focus: expected true or false")
        clusters.append(Cluster(_text(c, "name", f"clusters[{i}]."), focus))
    targets = _parse_targets(data)
    return Programme(
        code=_text(data, "code", ""), name=_text(data, "name", ""), year=_int(data, "year", ""),
        application_deadline=deadline,
        district_recommendation_days=_int(data, "district_recommendation_days", ""),
        window_max_years=_int(window, "max_years", "window.", minimum=1),
        acceptance_lead_months=_int(window, "acceptance_lead_months", "window."),
        reminder_thresholds=tuple(sorted(set(thresholds), reverse=True)),
        behind_schedule_factor=_fraction(risk, "behind_schedule_factor", "risk."),
        behind_schedule_min_elapsed=_fraction(risk, "behind_schedule_min_elapsed", "risk."),
        eligibility=numbers, conditions=tuple(conditions), honours=honours,
        districts=districts, outside_district=_text(data, "outside_district", ""),
        clusters=tuple(clusters), targets=targets, source=text,
        closing=_closing(data, len(targets)),
    )


def _closing(data: dict[str, Any], targets: int) -> ClosingRules:
    try:
        return parse_closing(data, targets)
    except ClosingDataError as exc:
        raise ProgrammeError(str(exc)) from None


def load_programme_file(path: Path) -> Programme:
    return parse_programme(path.read_text(encoding="utf-8"), origin=path.name)


def bundled_programme_files() -> list[Path]:
    return sorted(programmes_dir().glob("*.toml"))
