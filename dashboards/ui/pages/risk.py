"""Funds at risk by level, district and cluster; high-risk projects with their reasons."""
from __future__ import annotations

import dash
from dash import dcc, html

from dashboards.i18n import t
from dashboards.sessions import reading
from dashboards.ui import figures
from dashboards.ui.navigation import page
from dashboards.ui.parts import card, code_label, code_labels, panel, snapshot_notice, table, who
from dashboards.ui.programmes import chosen_programme, picker
from tracker.access import Action
from tracker.queries import overview
from tracker.vocab import RiskLevel, RiskReason


def layout(programme: str | None = None, **_query: str) -> html.Div:
    principal = who()
    with reading() as s:
        loaded, chosen, known = chosen_programme(s, programme)
        k, by_district, by_cluster = overview.totals(s, principal, chosen)
        levels = overview.by_risk_level(s, principal, chosen)
        high, _ = overview.project_list(s, principal, filters={"risk": {"type": "equals", "filter": "high"}},
                                        sort=[{"colId": "funds_at_risk_wan", "sort": "desc"}], limit=200,
                                        programme=chosen)
    return html.Div(id="risk", children=[
        html.H2(t("risk.title")), snapshot_notice(), picker("/risk", loaded, chosen, known),
        html.Div(className="cards", children=[card("kpi.at_risk", k["at_risk_wan"], warn=True),
                                              card("kpi.high", k["high_risk"], warn=True),
                                              card("kpi.projects", k["projects"])]),
        panel(table([t("col.risk"), t("kpi.projects"), t("kpi.disbursed"), t("kpi.recalled"), t("kpi.net_disbursed"),
                     t("kpi.at_risk")],
                    [[code_label(r["risk"], RiskLevel), r["projects"], r["disbursed_wan"], r["recalled_wan"],
                      r["net_disbursed_wan"], r["at_risk_wan"]] for r in levels],
                    table_id="risk-levels")),
        html.Div(className="grid2", children=[
            panel(dcc.Graph(figure=figures.breakdown_bars(by_district, "fig.by_district", t))),
            panel(dcc.Graph(figure=figures.breakdown_bars(by_cluster, "fig.by_cluster", t)))]),
        panel(table([t("col.project_code"), t("col.programme"), t("col.enterprise"), t("col.district"), t("col.at_risk"),
                     t("col.reasons")],
                    [[dcc.Link(h["project_code"], href=f"/project/{h['project_code']}"), h["programme"], h["enterprise"],
                      h["district"], h["funds_at_risk_wan"], code_labels(h["risk_reasons"], RiskReason)]
                     for h in high], table_id="risk-high"), title=t("risk.high_projects")),
    ])


def register(app: dash.Dash) -> None:
    page("/risk", action=Action.VIEW_RISK, layout=layout, title=t("nav.risk", "zh"),
         label="nav.risk", order=50, figures=True)
