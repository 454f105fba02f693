"""One project on the enterprise's workbench: countdown, the targets checklist, and the
acceptance request behind a confirmation that shows what is still missing and says that the
request cannot be withdrawn."""
from __future__ import annotations

from typing import Any

from dash import html

from dashboards.i18n import t
from dashboards.ui.enterprise_closing import closing_panel
from dashboards.ui.parts import dossier_link, missing_words, table
from tracker.queries.status import ProjectStatus

OPEN, CANCEL, CONFIRM, DIALOG = "accept-open", "accept-cancel", "accept-confirm", "accept-dialog"
PENDING = ("claimed", "returned")  # still to be reviewed, or back with the enterprise


def _unmet(s: ProjectStatus) -> list[str]:
    names = {i.id: i for i in s.bundle.programme.indicators}
    targets = {tg.id: tg.name for tg in s.bundle.programme.targets}
    out = []
    for target in s.targets:
        for r in target.indicators:
            if not r.achieved:
                ind = names[r.id]
                out.append(f"{target.id} {targets.get(target.id, '')}：{missing_words(r.kind, ind.name, ind.unit, r.required, r.verified)}")
    return out


def _dialog(s: ProjectStatus, pending: int, today_iso: str) -> html.Div:
    b = s.bundle
    unmet = _unmet(s)
    total = len(s.targets)
    return html.Div(id={"type": DIALOG, "code": b.code}, className="overlay", style={"display": "none"}, children=[
        html.Div(className="dialog", role="dialog", **{"aria-modal": "true"}, children=[
            html.H3(t("accept.title").format(code=b.code)),
            html.P(t("accept.irreversible"), className="warning"),
            html.P(t("accept.met").format(met=s.targets_achieved, total=total), className="strong"),
            *([html.P(t("accept.missing")), html.Ul([html.Li(u) for u in unmet], className="missing")]
              if unmet else [html.P(t("accept.all_met"))]),
            *([html.P(t("accept.pending").format(n=pending), className="todo")] if pending else []),
            html.P(t("accept.deadline").format(deadline=s.deadline.isoformat(), today=today_iso)),
            html.Div(className="buttons", children=[
                html.Button(t("accept.confirm"), id={"type": CONFIRM, "code": b.code}, className="danger"),
                html.Button(t("accept.cancel"), id={"type": CANCEL, "code": b.code})]),
        ])])


def project_panel(s: ProjectStatus, records: list[dict[str, Any]], today_iso: str) -> html.Div:
    b = s.bundle
    late = s.days_left < 0
    names = {i.id: i for i in b.programme.indicators}
    rows = []
    for target in s.targets:
        for r in target.indicators:
            ind = names[r.id]
            rows.append([target.id, ind.name, r.required, r.claimed, r.verified,
                         html.Span("✓ " + t("work.achieved"), className="done") if r.achieved else
                         html.Span(missing_words(r.kind, ind.name, ind.unit, r.required, r.verified), className="todo")])
    effective = ([html.P(f"{t('work.effective')} {s.effective_deadline.isoformat()}")]
                 if s.effective_deadline != s.deadline else [])
    requested = b.state != "in_progress"
    pending = sum(1 for r in records if r["status"] in PENDING)
    if not requested:
        request: Any = html.Button(t("accept.open"), id={"type": OPEN, "code": b.code}, className="primary")
    elif b.acceptance_requested_on:
        request = html.P(t("accept.done").format(day=b.acceptance_requested_on.isoformat()), className="done",
                         id=f"requested-{b.code}")
    else:
        request = html.P(t("state." + b.state), className="done", id=f"requested-{b.code}")
    return html.Div(className="panel", id=f"project-{b.code}", children=[
        html.H2(f"{b.code} {b.title}"),
        html.P(f"{b.programme.name} · {b.start_date.isoformat()} – {b.end_date.isoformat()} · {t('state.' + b.state)}",
               id=f"state-{b.code}"),
        html.Div(t("work.overdue") if late else t("work.countdown")),
        html.Div(f"{s.days_left} {t('work.days')}", className="countdown late" if late else "countdown",
                 id=f"countdown-{b.code}"),
        html.P(f"{t('fig.deadline')}：{s.deadline.isoformat()}"), *effective,
        html.H3(f"{t('work.checklist')} （{s.targets_achieved}/{len(s.targets)}）", id=f"checklist-count-{b.code}"),
        table([t("col.targets"), t("col.indicator"), t("col.required"), t("col.claimed"), t("col.verified"), ""],
              rows, table_id=f"checklist-{b.code}"),
        html.P([html.A(t("work.calendar"), href=f"/api/projects/{b.code}/calendar.ics"), " · ",
                dossier_link(b.code, f"dossier-{b.code}")]),
        request,
        *([] if requested else [_dialog(s, pending, today_iso)]),
        closing_panel(s),
    ])
