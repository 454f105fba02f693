"""Eligibility screening (申报条件): verdicts with reasons, notes and ranking."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterable

from tracker.programme import Programme
from tracker.vocab import NoteCode, Verdict, priority_note

ELIGIBLE, NEEDS_REVIEW, INELIGIBLE = Verdict.ELIGIBLE, Verdict.NEEDS_REVIEW, Verdict.INELIGIBLE


@dataclass(frozen=True)
class ApplicantFacts:
    """What an applicant declares; the plain values the rules look at."""
    uscc: str
    name: str
    district: str
    industry_cluster: str
    independent_legal_person: bool
    revenues: tuple[Decimal, Decimal, Decimal]  # oldest year first
    profits: tuple[Decimal, Decimal, Decimal]
    ip_management_system: bool
    ip_department: bool
    ip_staff: int
    valid_patents: int
    valid_invention_patents: int
    pct_national_phase: int
    enterprise_standard_system: bool
    standard_coverage_pct: Decimal
    standardization_body: bool
    standardization_staff: int
    standards_5y: int
    qms_certified: bool
    registered_trademark: bool
    serious_dishonesty: bool
    abnormal_patent_applications: bool
    honours: tuple[str, ...] = ()


@dataclass(frozen=True)
class Screening:
    uscc: str
    name: str
    verdict: str
    reasons: tuple[str, ...]
    notes: tuple[str, ...]
    effective_invention_patents: int
    valid_patents: int
    honours: tuple[str, ...] = field(default=())


def effective_invention_patents(a: ApplicantFacts, programme: Programme) -> int:
    """Valid invention patents, with each national-phase PCT application counting as three."""
    return a.valid_invention_patents + programme.eligibility["pct_invention_weight"] * a.pct_national_phase


def _grew_or_profited(a: ApplicantFacts) -> bool:
    r1, r2, r3 = a.revenues
    return (r1 < r2 < r3) or all(p > 0 for p in a.profits)


def _failing(programme: Programme) -> dict[str, Callable[[ApplicantFacts], bool]]:
    n = programme.eligibility
    return {
        "not_registered_in_suzhou": lambda a: a.district == programme.outside_district,
        "not_independent_legal_person": lambda a: not a.independent_legal_person,
        "no_growth_or_profit_3y": lambda a: not _grew_or_profited(a),
        "no_ip_management_system": lambda a: not a.ip_management_system,
        "no_ip_department": lambda a: not a.ip_department,
        "no_ip_staff": lambda a: a.ip_staff < n["min_ip_staff"],
        "valid_patents_below_50": lambda a: a.valid_patents < n["min_valid_patents"],
        "invention_patents_below_20":
            lambda a: effective_invention_patents(a, programme) < n["min_effective_invention_patents"],
        "no_enterprise_standard_system": lambda a: not a.enterprise_standard_system,
        "standard_coverage_below_80": lambda a: a.standard_coverage_pct < n["min_standard_coverage_pct"],
        "no_standardization_body": lambda a: not a.standardization_body,
        "no_standardization_staff": lambda a: a.standardization_staff < n["min_standardization_staff"],
        "standards_5y_below_2": lambda a: a.standards_5y < n["min_standards_5y"],
        "no_qms_certification": lambda a: not a.qms_certified,
        "no_registered_trademark": lambda a: not a.registered_trademark,
        "serious_dishonesty": lambda a: a.serious_dishonesty,
        "abnormal_patent_applications": lambda a: a.abnormal_patent_applications,
    }


def screen(a: ApplicantFacts, programme: Programme) -> Screening:
    """The verdict: any hard failure -> ineligible; else any soft one -> needs_review."""
    checks = _failing(programme)
    failed = [c for c in programme.conditions if checks[c.code](a)]
    if any(c.kind == "hard" for c in failed):
        verdict = INELIGIBLE
    elif failed:
        verdict = NEEDS_REVIEW
    else:
        verdict = ELIGIBLE
    notes = []
    if not programme.is_focus_cluster(a.industry_cluster):
        notes.append(NoteCode.NOT_IN_FOCUS_CLUSTER)
    held = set(a.honours)
    notes += [priority_note(h.code) for h in programme.honours if h.code in held]
    return Screening(
        uscc=a.uscc, name=a.name, verdict=verdict, reasons=tuple(c.code for c in failed),
        notes=tuple(notes), effective_invention_patents=effective_invention_patents(a, programme),
        valid_patents=a.valid_patents, honours=tuple(h for h in a.honours),
    )


def rank(screenings: Iterable[Screening]) -> list[tuple[Screening, int | None]]:
    """Ranked list: eligible before needs_review, then more honours, more effective
    invention patents, more valid patents, USCC ascending; ineligible last, unranked."""
    items = list(screenings)
    ranked = sorted(
        (s for s in items if s.verdict != INELIGIBLE),
        key=lambda s: (s.verdict != ELIGIBLE, -len(set(s.honours)), -s.effective_invention_patents,
                       -s.valid_patents, s.uscc),
    )
    rest = sorted((s for s in items if s.verdict == INELIGIBLE), key=lambda s: s.uscc)
    return [(s, i + 1) for i, s in enumerate(ranked)] + [(s, None) for s in rest]
