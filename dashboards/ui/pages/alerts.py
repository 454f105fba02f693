"""Alerts where people look: open and acknowledged alerts of the projects the user may see,
filtered by kind and district, each linked to its project, acknowledged from the row."""
from __future__ import annotations

from typing import Any

import dash
from dash import ALL, Input, Output, State, dcc, html

from dashboards.i18n import t
from dashboards.sessions import reading, writing
from dashboards.ui.actions import attempt
from dashboards.ui.navigation import may, page
from dashboards.ui.parts import clicked_row, code_label, code_options, labelled, table, who
from tracker.access import Action
from tracker.principal import Principal
from tracker.queries.alerts import ACKNOWLEDGED, OPEN, alert_inbox, open_alert_count
from tracker.queries.review_queue import queue_choices
from tracker.services.alert_acknowledgements import acknowledge_alert
from tracker.vocab import AlertKind

STATUS, KIND, DISTRICT = "alerts-status", "alerts-kind", "alerts-district"
BODY, COUNT, MESSAGE, VERSION = "alerts-body", "alerts-count", "alerts-message", "alerts-version"
ACK, NOTE = "alert-ack", "alert-note"
SHOWN = 100  # rows drawn, the most urgent first: each is a dozen components to build and send


def layout(**query: str) -> html.Div:
    with reading() as s:
        districts = queue_choices(s, who())["districts"]
    return html.Div(id="alerts", children=[
        html.H2(t("alerts.title")),
        html.Div(className="filters", children=[
            dcc.RadioItems(id=STATUS, value=query.get("status") if query.get("status") == ACKNOWLEDGED else OPEN,
                           inline=True, options=[{"label": t("alerts.open"), "value": OPEN},
                                                 {"label": t("alerts.acknowledged"), "value": ACKNOWLEDGED}]),
            labelled("col.kind", dcc.Dropdown(id=KIND, options=code_options(AlertKind), value=query.get("kind"))),
            labelled("col.district", dcc.Dropdown(id=DISTRICT, options=districts, value=query.get("district")))]),
        dcc.Store(id=VERSION, data=0),
        html.Div(id=MESSAGE, className="message", role="status"),
        html.Div(className="toolbar", children=[html.Span(id=COUNT, className="count", role="status")]),
        html.Div(id=BODY),
    ])


def render(status: str, kind: str | None, district: str | None) -> tuple[Any, str]:
    with reading() as s:
        alerts, total = alert_inbox(s, who(), status=status, kind=kind or None, district=district or None,
                                    limit=SHOWN)
    acting = status == OPEN and may(Action.ACKNOWLEDGE_ALERT)
    headers = [t("col.project_code"), t("col.enterprise"), t("col.district"), t("col.kind"), t("alerts.detail"),
               t("col.raised_on"), t("col.deadline"), t("col.days_left"),
               t("alerts.handle") if acting else t("alerts.acknowledged_by")]
    rows = [[dcc.Link(a["project_code"], href=f"/project/{a['project_code']}"), a["enterprise"], a["district"],
             code_label(a["kind"], AlertKind), a["key"] or "", a["raised_on"], a["due"] or "",
             "" if a["days_left"] is None else a["days_left"],
             html.Div(className="decide", children=[
                 dcc.Input(id={"type": NOTE, "id": a["id"]}, type="text", placeholder=t("alerts.note")),
                 html.Button(t("alerts.ack"), id={"type": ACK, "id": a["id"]})]) if acting
             else " ".join(x for x in (a["acknowledged_by"], a["acknowledged_note"]) if x)]
            for a in alerts]
    count = t("alerts.count").format(n=total) + (t("alerts.first").format(n=SHOWN) if total > SHOWN else "")
    return (table(headers, rows, table_id="alerts-table") if rows else html.P(t("alerts.none"))), count


def _open_count(principal: Principal) -> int:
    with reading() as s:
        return open_alert_count(s, principal)


def register(app: dash.Dash) -> None:
    page("/alerts", action=Action.VIEW_PORTFOLIO, layout=layout, title=t("nav.alerts", "zh"),
         label="nav.alerts", order=25, badge=_open_count)

    @app.callback(Output(BODY, "children"), Output(COUNT, "children"), Input(STATUS, "value"), Input(KIND, "value"),
                  Input(DISTRICT, "value"), Input(VERSION, "data"))
    def _render(status, kind, district, _version):  # type: ignore[no-untyped-def]
        return render(status or OPEN, kind, district)

    @app.callback(Output(MESSAGE, "children"), Output(MESSAGE, "className"), Output(VERSION, "data"),
                  Input({"type": ACK, "id": ALL}, "n_clicks"), State({"type": NOTE, "id": ALL}, "value"),
                  State({"type": NOTE, "id": ALL}, "id"), State(VERSION, "data"), prevent_initial_call=True)
    def _acknowledge(clicks, notes, note_ids, version):  # type: ignore[no-untyped-def]
        found = clicked_row(clicks, notes, note_ids)
        if found is None:
            return dash.no_update, dash.no_update, dash.no_update
        hit, note = found

        def run() -> None:
            with writing() as s:
                acknowledge_alert(s, int(hit["id"]), actor=who(), note=note)
        outcome = attempt(run, "alerts.done")
        return outcome.text, outcome.css, (version or 0) + (1 if outcome.ok else 0)
