"""The bureau's state changes on the project page, guarded: a decision that closes the
project shows the claims still pending and the targets not achieved first, needs a reason,
and its button says it cannot be undone. The answer re-renders the state line and the panel."""
from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboards.i18n import t
from dashboards.sessions import reading, writing
from dashboards.ui.actions import error_text
from dashboards.ui.parts import code_options, panel, today, who
from tracker.access import Action, can
from tracker.errors import InputError, Problem, TrackerError
from tracker.queries.achievements import list_achievements
from tracker.queries.status import ProjectStatus, portfolio_status
from tracker.rules.states import BARE_TRANSITIONS
from tracker.services.programmes import programme_of
from tracker.services.projects import transition_project
from tracker.vocab import ProjectState

MOVE = {k: f"move-{k}" for k in ("code", "state", "reason", "submit", "message", "panel")}
CLOSING = ("accepted", "acceptance_failed", "terminated")  # decisions that end the project
PENDING = ("claimed", "returned")


def state_line(s: ProjectStatus) -> str:
    b = s.bundle
    return (f"{b.programme.name} · {b.enterprise_name} · {b.district} · {b.industry_cluster} · {t('state.' + b.state)} · "
            f"{b.start_date.isoformat()} – {b.end_date.isoformat()} · {t('fig.deadline')} {s.deadline.isoformat()}"
            + (f"（{t('fig.effective')} {s.effective_deadline.isoformat()}）"
               if s.effective_deadline != s.deadline else ""))


def _checks(s: ProjectStatus, pending: int) -> html.Div:
    targets = {tg.id: tg.name for tg in s.bundle.programme.targets}
    unmet = [f"{tg.id} {targets.get(tg.id, '')}" for tg in s.targets if not tg.achieved]
    return html.Div(id="move-checks", className="help", children=[
        html.P(t("move.closing"), className="warning"),
        html.P(t("move.pending").format(n=pending)),
        html.P(t("move.unmet").format(targets="、".join(unmet)) if unmet else t("move.none_unmet")),
    ])


def move_panel(s: ProjectStatus, records: list[dict[str, Any]]) -> list[Any]:
    """The panel's content for a principal who may move the project (else nothing)."""
    # rectifying and funds_recalled come only from a review or a recall decision
    moves = BARE_TRANSITIONS.get(s.bundle.state, ())
    if not moves or not can(who(), Action.MOVE_PROJECT, s.bundle):
        return []
    pending = sum(1 for r in records if r["status"] in PENDING)
    closing = any(m in CLOSING for m in moves)
    return [panel(
        dcc.Store(id=MOVE["code"], data=s.bundle.code),
        *([_checks(s, pending)] if closing else []),
        dcc.Dropdown(id=MOVE["state"], options=code_options(ProjectState, only=moves)),
        dcc.Input(id=MOVE["reason"], placeholder=t("col.reason"), type="text", className="wide"),
        html.Button(t("move.confirm") if closing else t("project.apply"), id=MOVE["submit"],
                    className="danger" if closing else "primary"),
        title=t("project.transition"))]


def move(code: str, state: str, reason: str | None) -> tuple[str, bool]:
    """Apply a state change as the signed-in user; (words, ok). The service decides who may."""
    reason = (reason or "").strip() or None
    try:
        if state in CLOSING and reason is None:
            raise InputError(Problem(t("move.reason_needed")))
        with writing() as s:
            transition_project(s, code, state, on=today(), actor=who(), reason=reason, programme_of=programme_of)
    except TrackerError as exc:
        return error_text(exc), False
    return t("move.done").format(code=code, state=t(f"state.{state}")), True


def after_move(code: str) -> tuple[str, list[Any]]:
    """The state line and the move panel as they are now."""
    principal = who()
    with reading() as s:
        found = portfolio_status(s, principal, today(), code)
        records = list_achievements(s, principal, code) if found else []
    if not found:
        return "", []
    return state_line(found[0]), move_panel(found[0], records)
