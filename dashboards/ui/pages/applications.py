"""Applications: screening verdicts with reasons, ranking, district recommendation status,
and the summary table (汇总表) as Excel."""
from __future__ import annotations

import io

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html
from sqlalchemy import select

from dashboards.i18n import t
from dashboards.sessions import reading, writing
from dashboards.ui.navigation import may, page
from dashboards.ui.parts import code_label, panel, table, today, who
from tracker.access import Action
from tracker.models import ProgrammeRow
from tracker.queries.screening import screening
from tracker.errors import Forbidden, InputError, NotFound, StateError
from tracker.services.applications import transition_application
from tracker.services.programmes import programme_of

EXPORT, DOWNLOAD = "applications-export", "applications-download"
DECIDE = {k: f"recommend-{k}" for k in ("uscc", "decision", "reason", "submit", "message")}


def _rows() -> list[dict]:  # type: ignore[type-arg]
    with reading() as s:
        out = []
        for row in s.scalars(select(ProgrammeRow).order_by(ProgrammeRow.code)):
            out += screening(s, who(), row, programme_of(row))
    return out


def layout(**_query: str) -> html.Div:
    rows = _rows()
    return html.Div(id="applications", children=[
        html.H2(t("apps.title")),
        html.Button(t("apps.export"), id=EXPORT), dcc.Download(id=DOWNLOAD),
        panel(table([t("col.rank"), t("col.uscc"), t("col.name"), t("col.district"), t("col.verdict"),
                     t("col.reasons"), t("col.notes"), t("col.recommendation")],
                    [[r["rank"] or "-", r["uscc"], r["name"], r["district"], t(f"verdict.{r['verdict']}"),
                      "、".join(code_label(c) for c in r["reasons"]), "、".join(code_label(c) for c in r["notes"]),
                      t(f"appstate.{r['state']}")]
                     for r in rows], table_id="applications-table")),
        *([_recommendation_form([r["uscc"] for r in rows if r["state"] == "submitted"])]
          if may(Action.RECOMMEND) else []),
    ])


def _recommendation_form(usccs: list[str]) -> html.Div:
    return panel(
        dcc.Dropdown(id=DECIDE["uscc"], options=usccs, placeholder=t("col.uscc")),
        dcc.RadioItems(id=DECIDE["decision"], inline=True, value="district_recommended", options=[
            {"label": t("appstate.district_recommended"), "value": "district_recommended"},
            {"label": t("appstate.district_rejected"), "value": "district_rejected"}]),
        dcc.Input(id=DECIDE["reason"], placeholder=t("col.reason"), type="text"),
        html.Button(t("project.apply"), id=DECIDE["submit"]), html.Div(id=DECIDE["message"], className="message"),
        title=t("col.recommendation"))


def recommend(uscc: str | None, decision: str | None, reason: str | None) -> str:
    """The district's (or the bureau's) recommendation; the service checks who may decide."""
    try:
        with writing() as s:
            row = s.scalar(select(ProgrammeRow).order_by(ProgrammeRow.code).limit(1))
            if row is None:
                raise NotFound(t("project.not_found"))
            transition_application(s, row, programme_of(row), str(uscc or ""), str(decision or ""), on=today(),
                                   actor=who(), reason=reason or None)
    except (NotFound, Forbidden, StateError, InputError) as exc:
        return str(exc)
    return t("review.done")


def summary_workbook() -> bytes:
    """汇总表: one row per applicant, ranked, with the verdict and its reasons in Chinese."""
    frame = pd.DataFrame([{"排名": r["rank"], "统一社会信用代码": r["uscc"], "企业名称": r["name"],
                           "所属地区": r["district"], "产业集群": r["industry_cluster"],
                           "审查结论": {"eligible": "符合", "needs_review": "待复核", "ineligible": "不符合"}[r["verdict"]],
                           "原因": "、".join(r["reasons"]), "备注": "、".join(r["notes"]), "状态": r["state"]}
                          for r in _rows()])
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, sheet_name="汇总表")
    return buffer.getvalue()


def register(app: dash.Dash) -> None:
    page("/applications", action=Action.VIEW_APPLICATIONS, layout=layout, title="申报",
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
        return dcc.send_bytes(summary_workbook(), "汇总表.xlsx")
