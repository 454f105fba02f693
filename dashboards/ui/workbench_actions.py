"""What the enterprise's workbench shows and does, as plain functions (the page lays them out,
dashboards/ui/workbench_callbacks.py wires them to the browser): the project panels and the
ledger as they are now, and each action returning its words."""
from __future__ import annotations

from typing import Any, Callable

from dash import html

from dashboards.i18n import MESSAGES, language, t
from dashboards.sessions import reading, settings, writing
from dashboards.ui import claim_form as form
from dashboards.ui.actions import error_text
from dashboards.ui.acceptance import project_panel
from dashboards.ui.ledger import ledger_table
from dashboards.ui.parts import today, who
from tracker.access import visible_achievement, visible_project
from tracker.errors import InputError, Problem, TrackerError
from tracker.models import ProgrammeRow
from tracker.programme import Programme
from tracker.programme.loaded import programme_of
from tracker.queries.achievements import list_achievements
from tracker.queries.status import ProjectStatus, portfolio_status
from tracker.services.achievements import claim_achievement
from tracker.services.claim_changes import amend_claim, withdraw_claim
from tracker.services.claims import prepare_amendment, prepare_claim
from tracker.services.programmes import programme_of as programme_of_row
from tracker.services.projects import request_acceptance
from tracker.services.submission_keys import DuplicateSubmission

PROJECTS, LEDGER, WORK_MESSAGE = "workbench-projects", "ledger", "work-message"


# --- what the page shows ------------------------------------------------------------------

def state() -> tuple[list[ProjectStatus], dict[str, list[dict[str, Any]]]]:
    principal = who()
    with reading() as s:
        statuses = portfolio_status(s, principal, today())  # scoped to the enterprise's own projects
        records: dict[str, list[dict[str, Any]]] = {st.bundle.code: [] for st in statuses}
        for r in list_achievements(s, principal):
            records.setdefault(r["project_code"], []).append(r)
    return statuses, records


def panels(statuses: list[ProjectStatus], records: dict[str, list[dict[str, Any]]]) -> list[Any]:
    return [project_panel(st, records.get(st.bundle.code, []), today().isoformat()) for st in statuses]


def ledger(statuses: list[ProjectStatus], records: dict[str, list[dict[str, Any]]]) -> Any:
    programmes = {st.bundle.code: st.bundle.programme for st in statuses}
    return ledger_table([r for rs in records.values() for r in rs if r["project_code"] in programmes], programmes)


def fresh() -> tuple[list[Any], Any]:
    """The project panels and the ledger as they are now, after an action."""
    statuses, records = state()
    return panels(statuses, records), ledger(statuses, records)


# --- acting ----------------------------------------------------------------------------

def _field_name(field: str | None) -> str:
    key = f"claim.{field}"
    return t(key) if field and key in MESSAGES[language()] else (field or "")


def problem_text(exc: Exception) -> str:
    """A refusal in words, each bad field named by the label the form shows."""
    if isinstance(exc, InputError):
        return "；".join(f"{_field_name(p.field)}：{p.message}" if p.field else p.message for p in exc.problems)
    return error_text(exc) if isinstance(exc, TrackerError) else str(exc)


def _outcome(action: Callable[[], str]) -> tuple[str, bool]:
    """(words, ok) of one action; the action returns the words of its success. A form sent
    twice (a double click) counts as done: the first one is stored and the screen shows it."""
    try:
        return action(), True
    except DuplicateSubmission as exc:
        return str(exc), True
    except TrackerError as exc:
        return problem_text(exc), False


def programme_for(code: str | None) -> Programme | None:
    if not code:
        return None
    with reading() as s:
        try:
            project = visible_project(s, who(), str(code))
        except TrackerError:
            return None
        return programme_of(s.get(ProgrammeRow, project.programme_id))


def submit(code: str | None, values: dict[str, Any], upload: str | None, filename: str | None, key: str | None,
           editing: dict[str, Any] | None) -> tuple[str, bool]:
    """File a new claim, or save the claim being edited (a resubmission when it was returned or
    rejected). The project and record come from the browser: the services decide whether this
    user may touch them. Checks and the file come first, then one short write."""
    kinds = form.shape(programme_for(code), values.get("indicator"))
    fields = form.form_values(values, kinds)

    def act() -> str:
        try:
            content = form.decode_upload(upload)
        except ValueError:
            raise InputError(Problem(t("claim.bad_file"), field="file")) from None
        principal = who()
        if editing:
            rid = int(editing["id"])
            with reading() as s:
                item = prepare_amendment(s, principal, rid, fields, evidence=content, filename=filename,
                                         evidence_root=settings().evidence_root)
            with writing() as s:
                resubmit = editing.get("status") in ("returned", "rejected")
                amend_claim(s, principal, rid, item, on=today(), version=editing.get("version"))
            return t("claim.resubmitted" if resubmit else "claim.saved").format(title=item.title)
        with reading() as s:
            item = prepare_claim(s, principal, str(code or ""), fields, evidence=content, filename=filename,
                                 evidence_root=settings().evidence_root)
        with writing() as s:
            claim_achievement(s, item, principal, on=today(), key=key)
        return t("claim.done").format(title=item.title)
    return _outcome(act)


def load_for_edit(achievement_id: int) -> dict[str, Any] | str:
    """The form's values for one of the enterprise's own records, or why not (words)."""
    with reading() as s:
        try:
            a, project = visible_achievement(s, who(), achievement_id)
        except TrackerError as exc:
            return problem_text(exc)
        values = {"project": project.code, "indicator": a.indicator, "date": a.date.isoformat(), "title": a.title,
                  "quantity": a.quantity, "source_type": a.source_type, "level": a.level, "reference": a.reference,
                  "year": a.year, "value": float(a.value) if a.value is not None else None, "text": a.text}
        return {"values": values, "editing": {"id": a.id, "version": a.version, "status": a.status,
                                              "title": a.title, "reason": a.review_reason,
                                              "evidence": a.evidence_name or a.evidence}}


def withdraw(achievement_id: int) -> tuple[str, bool]:
    def act() -> str:
        with writing() as s:
            a = withdraw_claim(s, who(), achievement_id, on=today())
            return t("ledger.withdrawn").format(title=a.title)
    return _outcome(act)


def request(code: str) -> tuple[str, bool]:
    def act() -> str:
        with writing() as s:
            request_acceptance(s, who(), code, on=today(), programme_of=programme_of_row)
        return t("accept.done").format(day=today().isoformat())
    return _outcome(act)


def banner(editing: dict[str, Any] | None) -> list[Any]:
    if not editing:
        return []
    out: list[Any] = [html.P(t("claim.editing").format(id=editing["id"], title=editing.get("title", "")),
                             className="strong")]
    if editing.get("status") in ("returned", "rejected"):
        out.append(html.P(t("claim.editing_returned").format(status=t(f"status.{editing['status']}"),
                                                             reason=editing.get("reason") or ""), className="todo"))
    if editing.get("evidence"):
        out.append(html.P(t("claim.keep_file").format(name=editing["evidence"]), className="muted"))
    return out
