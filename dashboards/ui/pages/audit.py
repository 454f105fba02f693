"""The audit trail, for the bureau and auditors: Beijing time, in words with the values before
and after, filtered by who, what and when, and exported to Excel as filtered."""
from __future__ import annotations

import datetime as dt
from typing import Any

import dash
from dash import Input, Output, State, dcc, html

from dashboards.i18n import language, t
from dashboards.sessions import reading
from dashboards.ui.navigation import page
from dashboards.ui.parts import code_label, code_options, labelled, panel, table, who
from tracker.access import Action
from tracker.catalogue.changes import describe_change, subject_label
from tracker.exports.spreadsheet import write_xlsx
from tracker.importers.headers import column_headers
from tracker.queries.audit_log import AuditFilter, search_audit
from tracker.services.programmes import programme_names
from tracker.vocab import AuditAction

F = {k: f"audit-{k}" for k in ("actor", "action", "key", "since", "until")}
BODY, COUNT, EXPORT, DOWNLOAD = "audit-body", "audit-count", "audit-export", "audit-download"
SHOWN = 300  # rows on the page; the export has every matching row


def layout(**_query: str) -> html.Div:
    return html.Div(id="audit", children=[
        html.H2(t("audit.title")),
        html.Div(className="filters", children=[
            labelled("col.actor", dcc.Input(id=F["actor"], type="text", debounce=True)),
            labelled("col.action", dcc.Dropdown(id=F["action"], options=code_options(AuditAction))),
            labelled("audit.key", dcc.Input(id=F["key"], type="text", debounce=True)),
            labelled("audit.since", dcc.Input(id=F["since"], type="date", debounce=True)),
            labelled("audit.until", dcc.Input(id=F["until"], type="date", debounce=True))]),
        html.Div(className="toolbar", children=[
            html.Span(id=COUNT, className="count", role="status"),
            html.Button(t("audit.export"), id=EXPORT), dcc.Download(id=DOWNLOAD)]),
        html.Div(id=BODY),
    ])


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def filter_of(actor: str | None, action: str | None, key: str | None, since: str | None,
              until: str | None) -> AuditFilter:
    return AuditFilter(actor or None, action if action in AuditAction.__members__.values() else None, key or None,
                       _day(since), _day(until))


def _headers() -> list[str]:
    return [t("audit.when"), t("col.actor"), t("col.action"), t("audit.object"), t("col.reason"), t("col.change")]


def _cells(events: list[dict[str, Any]], names: dict[str, str]) -> list[list[str]]:
    lang, fields = language(), column_headers()
    return [[e["when"], e["actor"], code_label(e["action"], AuditAction),
             subject_label(e["entity"], e["key"], lang), e["reason"] or "",
             describe_change(e["entity"], e["before"], e["after"], lang, names, fields)] for e in events]


def render(f: AuditFilter) -> tuple[Any, str]:
    with reading() as s:
        events, total = search_audit(s, who(), f, limit=SHOWN)
        names = programme_names(s)
    count = t("audit.count").format(n=total) + (t("audit.first").format(n=SHOWN) if total > SHOWN else "")
    return panel(table(_headers(), _cells(events, names), table_id="audit-table")), count


def excel_for(f: AuditFilter) -> bytes:
    with reading() as s:
        events, _ = search_audit(s, who(), f, limit=None)
        names = programme_names(s)
    return write_xlsx([("audit", _headers(), _cells(events, names))])


def register(app: dash.Dash) -> None:
    page("/audit", action=Action.READ_AUDIT, layout=layout, title=t("nav.audit", "zh"),
         label="nav.audit", order=60)
    filters = [Input(F[k], "value") for k in ("actor", "action", "key", "since", "until")]

    @app.callback(Output(BODY, "children"), Output(COUNT, "children"), *filters)
    def _render(*values):  # type: ignore[no-untyped-def]
        return render(filter_of(*values))

    @app.callback(Output(DOWNLOAD, "data"), Input(EXPORT, "n_clicks"),
                  *[State(F[k], "value") for k in ("actor", "action", "key", "since", "until")],
                  prevent_initial_call=True)
    def _export(_n, *values):  # type: ignore[no-untyped-def]
        return dcc.send_bytes(excel_for(filter_of(*values)), "audit.xlsx")
