"""Funds: every disbursement and recall (date, amount, who, why) of the portfolio or of one
project (/funds?project=CODE), their totals, export to Excel, and for the bureau a form that
records a disbursement or a recall through the funds services (a recall asks for a reason and
an explicit confirmation, for it cannot be undone)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

import dash
from dash import Input, Output, State, dcc, html

from dashboards.i18n import t
from dashboards.sessions import reading, writing
from dashboards.ui.actions import Outcome, attempt
from dashboards.ui.navigation import may, page
from dashboards.ui.parts import code_label, code_options, labelled, panel, table, today, who
from tracker.access import Action
from tracker.errors import InputError, Problem
from tracker.exports.spreadsheet import write_xlsx
from tracker.queries.payments import fund_movements
from tracker.services.funds import disburse, recall
from tracker.vocab import FundKind

CODE, KIND = "funds-project", "funds-kind"
BODY, TOTALS, VERSION, EXPORT, DOWNLOAD = "funds-body", "funds-totals", "funds-version", "funds-export", "funds-download"
SHOWN = 100  # rows drawn, the newest first; the export holds them all
FORM = {k: f"funds-new-{k}" for k in ("project", "kind", "amount", "date", "reason", "confirm", "submit", "message")}


def _form(code: str | None) -> html.Div:
    return panel(html.Div(className="filters", children=[
        labelled("col.project_code", dcc.Input(id=FORM["project"], type="text", value=code or "")),
        labelled("funds.kind", dcc.RadioItems(id=FORM["kind"], options=code_options(FundKind),
                                              value=FundKind.DISBURSEMENT, inline=True)),
        labelled("funds.amount", dcc.Input(id=FORM["amount"], type="number", min=0, step=0.01)),
        labelled("col.date", dcc.Input(id=FORM["date"], type="date", value=today().isoformat())),
        labelled("col.reason", dcc.Input(id=FORM["reason"], type="text"))]),
        dcc.Checklist(id=FORM["confirm"], options=[{"label": t("funds.confirm_recall"), "value": "yes"}], value=[]),
        html.Button(t("funds.record"), id=FORM["submit"], className="primary"),
        html.Div(id=FORM["message"], className="message", role="status"),
        title=t("funds.new"))


def layout(project: str | None = None, **_query: str) -> html.Div:
    code = project if isinstance(project, str) and project.strip() else None
    return html.Div(id="funds", children=[
        html.H2(t("funds.title") + (f" · {code}" if code else "")),
        html.Div(className="filters", children=[
            labelled("col.project_code", dcc.Input(id=CODE, type="text", value=code or "", debounce=True)),
            labelled("funds.kind", dcc.Dropdown(id=KIND, options=code_options(FundKind)))]),
        dcc.Store(id=VERSION, data=0),
        html.Div(className="toolbar", children=[
            html.Span(id=TOTALS, className="count", role="status"),
            html.Button(t("funds.export"), id=EXPORT), dcc.Download(id=DOWNLOAD)]),
        html.Div(id=BODY),
        *([_form(code)] if may(Action.RECORD_FUNDS) else []),
    ])


def _headers() -> list[str]:
    return [t("col.project_code"), t("col.enterprise"), t("funds.kind"), t("col.date"), t("funds.amount"),
            t("col.actor"), t("col.reason")]


def render(code: str | None, kind: str | None) -> tuple[Any, str]:
    with reading() as s:
        rows, sums = fund_movements(s, who(), code=code or None, kind=kind or None, limit=SHOWN)
    total = sums["movements"]
    totals = t("funds.totals").format(n=total, disbursed=sums["disbursed_wan"], recalled=sums["recalled_wan"],
                                      net=sums["net_disbursed_wan"]) + (t("funds.first").format(n=SHOWN)
                                                                        if total > SHOWN else "")
    cells = [[dcc.Link(r["project_code"], href=f"/project/{r['project_code']}"), r["enterprise"],
              code_label(r["kind"], FundKind), r["date"], f"{r['amount_wan']:.2f}", r["actor"], r["reason"] or ""]
             for r in rows]
    return (table(_headers(), cells, table_id="funds-table") if cells else html.P(t("funds.none"))), totals


def excel_for(code: str | None, kind: str | None) -> bytes:
    with reading() as s:
        rows, _ = fund_movements(s, who(), code=code or None, kind=kind or None, limit=None)
    return write_xlsx([("funds", _headers(), [[r["project_code"], r["enterprise"], code_label(r["kind"], FundKind),
                                                 r["date"], r["amount_wan"], r["actor"], r["reason"] or ""]
                                                for r in rows])])


def record(code: str | None, kind: str | None, amount: Any, on: str | None, reason: str | None,
           confirmed: list[str] | None) -> Outcome:
    """Record one movement as the signed-in user; the funds services check the rest."""
    def run() -> None:
        problems = []
        try:
            value = Decimal(str(amount)) if amount not in (None, "") else None
        except InvalidOperation:
            value = None
        if value is None:
            problems.append(Problem(t("funds.need_amount"), column=t("funds.amount")))
        try:
            day = dt.date.fromisoformat(on or "")
        except ValueError:
            day = None
            problems.append(Problem(t("funds.need_date"), column=t("col.date")))
        if kind == FundKind.RECALL and "yes" not in (confirmed or []):
            problems.append(Problem(t("funds.need_confirm"), column=t("funds.kind")))
        if problems:
            raise InputError(problems)
        with writing() as s:  # the unit of work refreshes the project's snapshot
            move = recall if kind == FundKind.RECALL else disburse
            move(s, (code or "").strip(), value, on=day, actor=who(), reason=(reason or "").strip() or None)
    outcome = attempt(run, "funds.done")
    if not outcome.ok:
        return outcome
    return Outcome(t("funds.done").format(kind=code_label(str(kind), FundKind), code=(code or "").strip(),
                                         amount=f"{Decimal(str(amount)):.2f}"), True)


def register(app: dash.Dash) -> None:
    page("/funds", action=Action.VIEW_PORTFOLIO, layout=layout, title=t("nav.funds", "zh"),
         label="nav.funds", order=45)

    @app.callback(Output(BODY, "children"), Output(TOTALS, "children"), Input(CODE, "value"), Input(KIND, "value"),
                  Input(VERSION, "data"))
    def _render(code, kind, _version):  # type: ignore[no-untyped-def]
        return render(code, kind)

    @app.callback(Output(DOWNLOAD, "data"), Input(EXPORT, "n_clicks"), State(CODE, "value"), State(KIND, "value"),
                  prevent_initial_call=True)
    def _export(_n, code, kind):  # type: ignore[no-untyped-def]
        return dcc.send_bytes(excel_for(code, kind), "funds.xlsx")

    @app.callback(Output(FORM["message"], "children"), Output(FORM["message"], "className"),
                  Output(VERSION, "data"), Output(FORM["amount"], "value"), Output(FORM["confirm"], "value"),
                  Input(FORM["submit"], "n_clicks"),
                  *[State(FORM[k], "value") for k in ("project", "kind", "amount", "date", "reason", "confirm")],
                  State(VERSION, "data"), prevent_initial_call=True)
    def _record(_n, code, kind, amount, on, reason, confirmed, version):  # type: ignore[no-untyped-def]
        outcome = record(code, kind, amount, on, reason, confirmed)
        if not outcome.ok:
            return outcome.text, outcome.css, dash.no_update, dash.no_update, dash.no_update
        return outcome.text, outcome.css, (version or 0) + 1, None, []  # cleared: a second click records nothing
