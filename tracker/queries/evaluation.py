"""A project's evaluation: everything its status says that changes only when something is
written (figures per indicator, targets, pace, flags, shared references, the closing stage,
money sums, deadlines), as opposed to its standing on a day (tracker.rules.standing).

It is computed from the records here, stored with the project's snapshot (a compact JSON
text) by every write that touches the project, and read back by the portfolio views, so
that they never load achievement records. `to_text`/`from_text` round-trip it exactly."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tracker.queries.closing import case_json, review_json
from tracker.queries.portfolio import ProjectBundle
from tracker.rules.calendar import acceptance_request_deadline, effective_deadline, window_exceeds_limit
from tracker.rules.evidence import IndicatorResult, evaluate_indicators, record_flags
from tracker.rules.progress import TargetResult, evaluate_targets, pace
from tracker.rules.review import counting_end, rectification_record_flags

PROJECT_FLAG_ORDER = ("extended_window", "holiday_calendar_incomplete", "late_acceptance_request",
                      "claimed_by_other_project", "amended_after_deadline")


@dataclass(frozen=True)
class CaseDates:
    """An open recall case as the scan needs it."""
    proposed_on: dt.date
    response_deadline: dt.date
    response_effective_deadline: dt.date
    answered: bool


@dataclass(frozen=True)
class InspectionDue:
    id: int
    due: dt.date
    due_effective: dt.date
    resolved: bool


@dataclass(frozen=True)
class Evaluation:
    deadline: dt.date
    effective_deadline: dt.date
    targets: tuple[TargetResult, ...]
    pace: float
    flags: tuple[str, ...]  # project flags, in PROJECT_FLAG_ORDER, before any disclosure filter
    shared_references: tuple[str, ...]  # folded, sorted: this project's items another project claims
    disbursed: Decimal
    recalled: Decimal
    any_disbursement: bool
    open_case_amount: Decimal | None
    rectification: tuple[dt.date, dt.date | None] | None  # (nominal, effective) deadline, once set
    closing: dict[str, Any]  # the closing stage in status (INTERFACES.md 3.5)
    open_case: CaseDates | None
    inspections: tuple[InspectionDue, ...]  # those with a due date

    @property
    def all_targets_achieved(self) -> bool:
        return all(t.achieved for t in self.targets)


def bundle_record_flags(b: ProjectBundle, shared_references: frozenset[str]) -> dict[int, list[str]]:
    """Flags of each record of one project, by record id, over its counting window (widened
    to the rectification deadline once one was set: such records say `in_rectification`)."""
    count_end = counting_end(b.end_date, b.closing.rectification_deadline)
    by_id = {i.id: i for i in b.indicators}
    flags = record_flags(b.records, by_id, b.start_date, count_end, shared_references)
    if count_end != b.end_date:
        flags = rectification_record_flags(flags, b.records, by_id, b.start_date, b.end_date)
    return flags


def _closing_json(b: ProjectBundle) -> dict[str, Any]:
    facts = b.closing
    out: dict[str, Any] = {
        "acceptance": review_json(b.code, facts.latest_review) if facts.latest_review else None,
        "recall": case_json(b.code, facts.case) if facts.case else None,
        "amendments": len(facts.amendments), "recalled_wan": f"{b.recalled:.2f}",
    }
    original = facts.original()
    if original is not None:
        out["original"] = original
    return out


def evaluate(b: ProjectBundle, shared_references: frozenset[str]) -> tuple[Evaluation, dict[int, list[str]]]:
    """The evaluation of one loaded project, and its records' flags (pure: no session, no clock)."""
    p, facts = b.programme, b.closing
    deadline = acceptance_request_deadline(b.end_date, p.acceptance_lead_months)
    effective = effective_deadline(deadline)
    # A rectification period widens the counting window for good (DOMAIN.md section 9).
    results = evaluate_indicators(b.records, b.indicators, b.start_date,
                                  counting_end(b.end_date, facts.rectification_deadline))
    flags_of = bundle_record_flags(b, shared_references)
    found = set()
    if window_exceeds_limit(b.start_date, b.end_date, p.window_max_years):
        found.add("extended_window")
    if not effective.calendar_complete:
        found.add("holiday_calendar_incomplete")
    if b.acceptance_requested_on and b.acceptance_requested_on > effective.day:
        found.add("late_acceptance_request")
    if any("claimed_by_other_project" in f for f in flags_of.values()):
        found.add("claimed_by_other_project")
    found |= facts.amendment_flags
    rect, case = facts.rectification, facts.open_case
    evaluation = Evaluation(
        deadline=deadline, effective_deadline=effective.day,
        targets=tuple(evaluate_targets(p.targets, results)), pace=pace(results),
        flags=tuple(f for f in PROJECT_FLAG_ORDER if f in found),
        shared_references=tuple(sorted({r.reference for r in b.records if r.reference
                                        and "claimed_by_other_project" in flags_of.get(r.id, ())})),
        disbursed=b.disbursed, recalled=b.recalled, any_disbursement=b.any_disbursement,
        open_case_amount=case.proposed_amount_wan if case is not None else None,
        rectification=((rect.rectification_deadline, rect.rectification_effective_deadline)
                       if rect is not None and rect.rectification_deadline is not None else None),
        closing=_closing_json(b),
        open_case=(CaseDates(case.proposed_on, case.response_deadline, case.response_effective_deadline,
                             case.statement_on is not None) if case is not None else None),
        inspections=tuple(InspectionDue(i.id, i.due, i.due_effective, i.resolved_on is not None)
                          for i in facts.inspections if i.due and i.due_effective))
    return evaluation, flags_of


# --- the stored form ----------------------------------------------------------------------

def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text is not None else None


def _money(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def to_text(e: Evaluation) -> str:
    """The evaluation as the snapshot stores it: a line of compact JSON (lists rather than
    objects), then one line per target. Compact JSON never holds a raw line break, and a
    target's own line is the key that shares its object across projects (`from_text`)."""
    head = _compact({
        "d": [e.deadline.isoformat(), e.effective_deadline.isoformat()],
        "p": e.pace, "f": list(e.flags), "s": list(e.shared_references),
        "m": [str(e.disbursed), str(e.recalled), e.any_disbursement, _money(e.open_case_amount)],
        "r": [_day(d) for d in e.rectification] if e.rectification else None,
        "c": e.closing,
        "o": ([_day(e.open_case.proposed_on), _day(e.open_case.response_deadline),
               _day(e.open_case.response_effective_deadline), e.open_case.answered] if e.open_case else None),
        "i": [[i.id, _day(i.due), _day(i.due_effective), i.resolved] for i in e.inspections],
    })
    return "\n".join([head, *(_compact([t.id, t.achieved, [[i.id, i.kind, i.required, i.claimed, i.verified,
                                                             i.achieved] for i in t.indicators]])
                               for t in e.targets)])


_MAX_SHARED = 50_000  # distinct targets kept; forgotten all at once beyond (bounded memory)
_shared_targets: dict[str, TargetResult] = {}


def _target(line: str) -> TargetResult:
    """One stored target as an object shared by every project with the same result: across a
    portfolio the same figures recur (10,000 demo projects hold under 3,000 distinct targets),
    so most lines are found by their text, unparsed, and status_text then renders each shared
    object once."""
    target = _shared_targets.get(line)
    if target is None:
        if len(_shared_targets) >= _MAX_SHARED:
            _shared_targets.clear()
        tid, achieved, indicators = json.loads(line)
        target = _shared_targets[line] = TargetResult(tid, achieved, tuple(IndicatorResult(*i) for i in indicators))
    return target


def from_text(text: str) -> Evaluation:
    head, *targets = text.split("\n")
    d = json.loads(head)
    disbursed, recalled, any_disbursement, case_amount = d["m"]
    open_case = d["o"]
    return Evaluation(
        deadline=dt.date.fromisoformat(d["d"][0]), effective_deadline=dt.date.fromisoformat(d["d"][1]),
        targets=tuple(map(_target, targets)),
        pace=d["p"], flags=tuple(d["f"]), shared_references=tuple(d["s"]),
        disbursed=Decimal(disbursed), recalled=Decimal(recalled), any_disbursement=any_disbursement,
        open_case_amount=Decimal(case_amount) if case_amount is not None else None,
        rectification=(dt.date.fromisoformat(d["r"][0]), _date(d["r"][1])) if d["r"] else None,
        closing=d["c"],
        open_case=(CaseDates(dt.date.fromisoformat(open_case[0]), dt.date.fromisoformat(open_case[1]),
                             dt.date.fromisoformat(open_case[2]), open_case[3]) if open_case else None),
        inspections=tuple(InspectionDue(i, dt.date.fromisoformat(due), dt.date.fromisoformat(eff), resolved)
                          for i, due, eff, resolved in d["i"]))
