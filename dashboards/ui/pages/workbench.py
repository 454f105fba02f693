"""The enterprise's workbench: countdown, targets checklist, claim form with evidence upload,
the acceptance request and the calendar."""
from __future__ import annotations

import base64
import binascii
from typing import Any

import dash
from dash import Input, Output, State, dcc, html

from dashboards.i18n import t
from dashboards.sessions import reading, settings, writing
from dashboards.ui.actions import attempt
from dashboards.ui.navigation import page
from dashboards.ui.parts import code_label, code_options, missing_words, panel, table, today, who
from tracker.access import Action
from tracker.errors import InputError, Problem
from tracker.queries.status import ProjectStatus, portfolio_status
from tracker.services.claims import claim_from_fields
from tracker.services.programmes import programme_of
from tracker.services.projects import request_acceptance
from tracker.vocab import ProjectState, SourceType, StandardLevel

CLAIM = {k: f"claim-{k}" for k in ("project", "indicator", "date", "title", "quantity", "source_type", "level",
                                   "reference", "upload", "submit", "message")}
REQUEST, REQUEST_MESSAGE = "acceptance-request", "acceptance-request-message"


def _project_panel(s: ProjectStatus) -> html.Div:
    b = s.bundle
    late = s.days_left < 0
    names = {i.id: i for i in b.programme.indicators}
    target_names = {tg.id: tg.name for tg in b.programme.targets}
    rows = []
    for target in s.targets:
        for r in target.indicators:
            ind = names[r.id]
            rows.append([target_names.get(target.id, target.id), ind.name, r.required, r.claimed, r.verified,
                         html.Span("✓ " + t("work.achieved"), className="done") if r.achieved else
                         html.Span(missing_words(r.kind, ind.name, ind.unit, r.required, r.verified), className="todo")])
    effective = ([html.P(f"{t('work.effective')} {s.effective_deadline.isoformat()}")]
                 if s.effective_deadline != s.deadline else [])
    requested = b.state != ProjectState.IN_PROGRESS
    return panel(
        html.H2(f"{b.code} {b.title}"),
        html.P(f"{b.start_date.isoformat()} – {b.end_date.isoformat()} · {code_label(b.state, ProjectState)}"),
        html.Div(t("work.overdue") if late else t("work.countdown")),
        html.Div(f"{s.days_left} {t('work.days')}", className="countdown late" if late else "countdown",
                 id=f"countdown-{b.code}"),
        html.P(f"{t('fig.deadline')}：{s.deadline.isoformat()}"), *effective,
        html.H3(f"{t('work.checklist')} （{s.targets_achieved}/8）"),
        table([t("col.targets"), t("col.indicator"), t("col.required"), t("col.claimed"), t("col.verified"), ""],
              rows, table_id=f"checklist-{b.code}"),
        html.P([html.A(t("work.calendar"), href=f"/api/projects/{b.code}/calendar.ics")]),
        html.Button(t("work.requested") if requested else t("work.request"), id={"type": REQUEST, "code": b.code},
                    disabled=requested),
        html.Div(id={"type": REQUEST_MESSAGE, "code": b.code}, className="message"),
    )


def _claim_form(statuses: list[ProjectStatus]) -> html.Div:
    if not statuses:
        return html.Div()
    indicators = [{"label": f"{i.target_id} {i.name}", "value": i.id} for i in statuses[0].bundle.programme.indicators
                  if not i.counts_from]
    return panel(
        dcc.Dropdown(id=CLAIM["project"], options=[s.bundle.code for s in statuses], value=statuses[0].bundle.code,
                     clearable=False),
        html.Label(t("col.indicator")), dcc.Dropdown(id=CLAIM["indicator"], options=indicators),
        html.Label(t("col.date")), dcc.Input(id=CLAIM["date"], type="date", value=today().isoformat()),
        html.Label(t("col.title")), dcc.Input(id=CLAIM["title"], type="text", style={"width": "100%"}),
        html.Label(t("col.quantity")), dcc.Input(id=CLAIM["quantity"], type="number", min=1, value=1),
        html.Label(t("col.source_type")), dcc.Dropdown(id=CLAIM["source_type"], options=code_options(SourceType)),
        html.Label(t("col.level")), dcc.Dropdown(id=CLAIM["level"], options=code_options(StandardLevel)),
        html.Label(t("col.reference")), dcc.Input(id=CLAIM["reference"], type="text"),
        html.Label(t("work.file")),
        dcc.Upload(id=CLAIM["upload"], children=html.Div("⬆ PDF / JPG / PNG / DOCX / XLSX"),
                   style={"border": "1px dashed #98a2b3", "padding": ".8rem", "margin": ".4rem 0"}),
        html.Button(t("work.submit"), id=CLAIM["submit"]),
        html.Div(id=CLAIM["message"], className="message"),
        title=t("work.claim"))


def layout(**_query: str) -> html.Div:
    principal = who()
    with reading() as s:
        statuses = portfolio_status(s, principal, today())  # scoped to the enterprise's own projects
    if not statuses:
        return html.Div(t("work.none"))
    return html.Div(id="workbench", children=[*(_project_panel(s) for s in statuses), _claim_form(statuses)])


def submit_claim(values: dict[str, Any], upload: str | None, filename: str | None) -> tuple[str, str]:
    """(message, css class). The project code comes from the browser, so the service decides
    whether this user may claim for it (another enterprise's project is 'not found')."""
    code = str(values.pop("project_code", "") or "")

    def claim() -> None:
        content = None
        if upload:
            try:
                content = base64.b64decode(upload.split(",", 1)[1], validate=True)
            except (IndexError, binascii.Error):
                raise InputError(Problem(t("error.input"), field="file")) from None
        with writing() as session:  # the unit of work refreshes the project's snapshot
            claim_from_fields(session, who(), code, values, evidence=content, filename=filename, on=today(),
                              evidence_root=settings().evidence_root)
    outcome = attempt(claim, "work.claimed")
    return outcome.text, outcome.css


def register(app: dash.Dash) -> None:
    page("/", action=Action.CLAIM, layout=layout, title=t("app.title", "zh"), label="nav.workbench", order=10)

    @app.callback(Output(CLAIM["message"], "children"), Output(CLAIM["message"], "className"),
                  Input(CLAIM["submit"], "n_clicks"),
                  *(State(CLAIM[k], "value") for k in ("project", "indicator", "date", "title", "quantity",
                                                       "source_type", "level", "reference")),
                  State(CLAIM["upload"], "contents"), State(CLAIM["upload"], "filename"),
                  prevent_initial_call=True)
    def _claim(_n, code, indicator, day, title, quantity, source_type, level, reference, upload, filename):  # type: ignore[no-untyped-def]
        values = {"project_code": code, "indicator": indicator, "date": day, "title": title,
                  "quantity": quantity, "source_type": source_type, "level": level, "reference": reference}
        return submit_claim({k: v for k, v in values.items() if v not in (None, "")}, upload, filename)

    @app.callback(Output({"type": REQUEST_MESSAGE, "code": dash.MATCH}, "children"),
                  Input({"type": REQUEST, "code": dash.MATCH}, "n_clicks"),
                  State({"type": REQUEST, "code": dash.MATCH}, "id"), prevent_initial_call=True)
    def _request(_n, button_id):  # type: ignore[no-untyped-def]
        code = str((button_id or {}).get("code", ""))

        def request() -> None:
            with writing() as session:
                request_acceptance(session, who(), code, on=today(), programme_of=programme_of)
        return attempt(request, "work.requested").text
