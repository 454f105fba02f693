"""Applications: screening verdicts with reasons, ranking, district recommendation status,
and the summary table (汇总表) as Excel."""
from __future__ import annotations


import dash
from dash import Input, Output, State, dcc, html
from sqlalchemy import select

from dashboards.i18n import t
from dashboards.sessions import reading, writing
from dashboards.ui.actions import Outcome, attempt
from dashboards.ui.navigation import may, page
from dashboards.ui.parts import code_label, code_labels, code_options, panel, table, today, who
from dashboards.ui.programmes import chosen_programme, picker
from tracker.access import Action
from tracker.models import ProgrammeRow
from tracker.queries.screening import screening
from tracker.errors import NotFound
from tracker.exports.spreadsheet import write_xlsx
from tracker.services.applications import transition_application
from tracker.programme.loaded import loaded_programmes, programme_of
from tracker.services.applications import DISTRICT_DECISIONS
from tracker.vocab import ApplicationState, Verdict

EXPORT, DOWNLOAD, PROGRAMME = "applications-export", "applications-download", "applications-programme"
DECIDE = {k: f"recommend-{k}" for k in ("uscc", "decision", "reason", "submit", "message")}
BODY = "applications-body"
SEPARATOR = "|"  # between the programme code and the USCC in the recommendation picker's values


def _rows(programme: str | None = None) -> tuple[list[dict], dict[str, str]]:  # type: ignore[type-arg]
    """Screening rows of every programme (or of the one chosen), ranked within each, and the
    honours' names their priority notes refer to."""
    with reading() as s:
        out, honours = [], {}
        for row, definition in loaded_programmes(s):
            if programme in (None, row.code):
                out += [{**r, "programme": row.code} for r in screening(s, who(), row, definition)]
                honours.update({h.code: h.name for h in definition.honours})
    return out, honours


def layout(programme: str | None = None, **_query: str) -> html.Div:
    with reading() as s:
        loaded, chosen, known = chosen_programme(s, programme)
    rows, honours = _rows(chosen)
    return html.Div(id="applications", children=[
        html.H2(t("apps.title")), picker("/applications", loaded, chosen, known), dcc.Store(id=PROGRAMME, data=chosen),
        html.Button(t("apps.export"), id=EXPORT), dcc.Download(id=DOWNLOAD),
        html.Div(id=BODY, children=_table(rows, honours)),
        *([_recommendation_form([r for r in rows if r["state"] == "submitted"])]
          if may(Action.RECOMMEND) else []),
    ])


def _table(rows: list[dict], honours: dict[str, str]) -> html.Div:  # type: ignore[type-arg]
    return panel(table([t("col.programme"), t("col.rank"), t("col.uscc"), t("col.name"), t("col.district"),
                        t("col.verdict"), t("col.reasons"), t("col.notes"), t("col.recommendation")],
                       [[r["programme"], r["rank"] or "-", r["uscc"], r["name"], r["district"],
                         code_label(r["verdict"], Verdict), code_labels(r["reasons"]),
                         code_labels(r["notes"], honours=honours), code_label(r["state"], ApplicationState)]
                        for r in rows], table_id="applications-table"))


def _options(submitted: list[dict]) -> list[dict[str, str]]:  # type: ignore[type-arg]
    return [{"label": f"{r['programme']} · {r['uscc']} {r['name']}", "value": f"{r['programme']}{SEPARATOR}{r['uscc']}"}
            for r in submitted]


def _recommendation_form(submitted: list[dict]) -> html.Div:  # type: ignore[type-arg]
    """Applications awaiting the district's word, of any programme: each option names its programme."""
    return panel(
        dcc.Dropdown(id=DECIDE["uscc"], options=_options(submitted), placeholder=t("col.uscc")),
        dcc.RadioItems(id=DECIDE["decision"], inline=True, value=ApplicationState.DISTRICT_RECOMMENDED,
                       options=code_options(ApplicationState, only=DISTRICT_DECISIONS)),
        dcc.Input(id=DECIDE["reason"], placeholder=t("col.reason"), type="text"),
        html.Button(t("project.apply"), id=DECIDE["submit"]), html.Div(id=DECIDE["message"], className="message"),
        title=t("col.recommendation"))


def recommend(choice: str | None, decision: str | None, reason: str | None) -> Outcome:
    """The district's (or the bureau's) recommendation of one application ("CODE|USCC": the
    programme it was made to and the applicant); the service checks who may decide."""
    code, _, uscc = str(choice or "").partition(SEPARATOR)

    def decide() -> None:
        with writing() as s:
            row = s.scalar(select(ProgrammeRow).where(ProgrammeRow.code == code))
            if row is None or not uscc:
                raise NotFound(t("project.not_found"))
            transition_application(s, row, programme_of(row), uscc, str(decision or ""), on=today(),
                                   actor=who(), reason=reason or None)
    outcome = attempt(decide, "apps.decided")
    if not outcome.ok:
        return outcome
    return Outcome(t("apps.decided").format(uscc=uscc, state=code_label(str(decision), ApplicationState)), True)


def summary_workbook(programme: str | None = None) -> bytes:
    """汇总表: one row per applicant, ranked within its programme, with the verdict and its
    reasons in Chinese; of every programme, or of the one chosen."""
    rows, honours = _rows(programme)
    header = [t(k) for k in ("col.programme", "col.rank", "col.uscc", "col.name", "col.district", "col.cluster",
                             "col.verdict", "col.reasons", "col.notes", "col.recommendation")]
    values = ([r["programme"], r["rank"], r["uscc"], r["name"], r["district"], r["industry_cluster"],
               code_label(r["verdict"], Verdict), code_labels(r["reasons"]), code_labels(r["notes"], honours=honours),
               code_label(r["state"], ApplicationState)] for r in rows)
    return write_xlsx([(t("apps.sheet"), header, values)])


def register(app: dash.Dash) -> None:
    page("/applications", action=Action.VIEW_APPLICATIONS, layout=layout, title=t("nav.applications", "zh"),
         label="nav.applications", order=40)

    @app.callback(Output(DECIDE["message"], "children"), Output(DECIDE["message"], "className"),
                  Output(BODY, "children"), Output(DECIDE["uscc"], "options"), Output(DECIDE["uscc"], "value"),
                  Input(DECIDE["submit"], "n_clicks"),
                  State(DECIDE["uscc"], "value"), State(DECIDE["decision"], "value"), State(DECIDE["reason"], "value"),
                  State(PROGRAMME, "data"), prevent_initial_call=True)
    def _recommend(_n, uscc, decision, reason, programme):  # type: ignore[no-untyped-def]
        outcome = recommend(uscc, decision, reason)
        if not outcome.ok:
            return outcome.text, outcome.css, dash.no_update, dash.no_update, dash.no_update
        rows, honours = _rows(programme)  # the table and the picker as they now are, without a reload
        return (outcome.text, outcome.css, _table(rows, honours),
                _options([r for r in rows if r["state"] == "submitted"]), None)

    @app.callback(Output(DOWNLOAD, "data"), Input(EXPORT, "n_clicks"), State(PROGRAMME, "data"),
                  prevent_initial_call=True)
    def _export(_n, programme):  # type: ignore[no-untyped-def]
        if not may(Action.VIEW_APPLICATIONS):
            return None
        return dcc.send_bytes(summary_workbook(programme), f"{t('apps.sheet')}.xlsx")
