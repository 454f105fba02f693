"""Applications: screening verdicts with reasons, ranking, district recommendation status,
and the summary table (汇总表) as Excel."""
from __future__ import annotations


import dash
from dash import Input, Output, State, dcc, html
from sqlalchemy import select

from dashboards.i18n import t
from dashboards.sessions import reading, writing
from dashboards.ui.actions import attempt
from dashboards.ui.navigation import may, page
from dashboards.ui.parts import code_label, code_labels, code_options, panel, table, today, who
from tracker.access import Action
from tracker.models import ProgrammeRow
from tracker.queries.screening import screening
from tracker.errors import NotFound
from tracker.exports.spreadsheet import write_xlsx
from tracker.services.applications import transition_application
from tracker.services.programmes import programme_of
from tracker.services.applications import DISTRICT_DECISIONS
from tracker.vocab import ApplicationState, Verdict

EXPORT, DOWNLOAD = "applications-export", "applications-download"
DECIDE = {k: f"recommend-{k}" for k in ("uscc", "decision", "reason", "submit", "message")}


def _rows() -> tuple[list[dict], dict[str, str]]:  # type: ignore[type-arg]
    """Screening rows of every programme, and the honours' names their priority notes refer to."""
    with reading() as s:
        out, honours = [], {}
        for row in s.scalars(select(ProgrammeRow).order_by(ProgrammeRow.code)):
            programme = programme_of(row)
            out += screening(s, who(), row, programme)
            honours.update({h.code: h.name for h in programme.honours})
    return out, honours


def layout(**_query: str) -> html.Div:
    rows, honours = _rows()
    return html.Div(id="applications", children=[
        html.H2(t("apps.title")),
        html.Button(t("apps.export"), id=EXPORT), dcc.Download(id=DOWNLOAD),
        panel(table([t("col.rank"), t("col.uscc"), t("col.name"), t("col.district"), t("col.verdict"),
                     t("col.reasons"), t("col.notes"), t("col.recommendation")],
                    [[r["rank"] or "-", r["uscc"], r["name"], r["district"], code_label(r["verdict"], Verdict),
                      code_labels(r["reasons"]), code_labels(r["notes"], honours=honours),
                      code_label(r["state"], ApplicationState)]
                     for r in rows], table_id="applications-table")),
        *([_recommendation_form([r["uscc"] for r in rows if r["state"] == "submitted"])]
          if may(Action.RECOMMEND) else []),
    ])


def _recommendation_form(usccs: list[str]) -> html.Div:
    return panel(
        dcc.Dropdown(id=DECIDE["uscc"], options=usccs, placeholder=t("col.uscc")),
        dcc.RadioItems(id=DECIDE["decision"], inline=True, value=ApplicationState.DISTRICT_RECOMMENDED,
                       options=code_options(ApplicationState, only=DISTRICT_DECISIONS)),
        dcc.Input(id=DECIDE["reason"], placeholder=t("col.reason"), type="text"),
        html.Button(t("project.apply"), id=DECIDE["submit"]), html.Div(id=DECIDE["message"], className="message"),
        title=t("col.recommendation"))


def recommend(uscc: str | None, decision: str | None, reason: str | None) -> str:
    """The district's (or the bureau's) recommendation; the service checks who may decide."""
    def decide() -> None:
        with writing() as s:
            row = s.scalar(select(ProgrammeRow).order_by(ProgrammeRow.code).limit(1))
            if row is None:
                raise NotFound(t("project.not_found"))
            transition_application(s, row, programme_of(row), str(uscc or ""), str(decision or ""), on=today(),
                                   actor=who(), reason=reason or None)
    return attempt(decide, "review.done").text


def summary_workbook() -> bytes:
    """汇总表: one row per applicant, ranked, with the verdict and its reasons in Chinese."""
    rows, honours = _rows()
    header = [t(k) for k in ("col.rank", "col.uscc", "col.name", "col.district", "col.cluster", "col.verdict",
                             "col.reasons", "col.notes", "col.recommendation")]
    values = ([r["rank"], r["uscc"], r["name"], r["district"], r["industry_cluster"],
               code_label(r["verdict"], Verdict), code_labels(r["reasons"]), code_labels(r["notes"], honours=honours),
               code_label(r["state"], ApplicationState)] for r in rows)
    return write_xlsx([(t("apps.sheet"), header, values)])


def register(app: dash.Dash) -> None:
    page("/applications", action=Action.VIEW_APPLICATIONS, layout=layout, title=t("nav.applications", "zh"),
         label="nav.applications", order=40)

    @app.callback(Output(DECIDE["message"], "children"), Input(DECIDE["submit"], "n_clicks"),
                  State(DECIDE["uscc"], "value"), State(DECIDE["decision"], "value"), State(DECIDE["reason"], "value"),
                  prevent_initial_call=True)
    def _recommend(_n, uscc, decision, reason):  # type: ignore[no-untyped-def]
        return recommend(uscc, decision, reason)

    @app.callback(Output(DOWNLOAD, "data"), Input(EXPORT, "n_clicks"), prevent_initial_call=True)
    def _export(_n):  # type: ignore[no-untyped-def]
        if not may(Action.VIEW_APPLICATIONS):
            return None
        return dcc.send_bytes(summary_workbook(), f"{t('apps.sheet')}.xlsx")
