"""The bureau's (and a district's, and an auditor's) portfolio at a glance."""
from __future__ import annotations

import dash
from dash import dcc, html

from dashboards.i18n import t
from dashboards.sessions import reading
from dashboards.ui import figures
from dashboards.ui.navigation import page
from dashboards.ui.parts import card, code_label, panel, snapshot_notice, table, today, who
from sqlalchemy import select

from tracker.access import Action
from tracker.models import ProgrammeRow
from tracker.queries import overview
from tracker.services.programmes import programme_of
from tracker.queries.alerts import list_alerts
from tracker.vocab import AlertKind

GRAPH_CONFIG = {"displaylogo": False, "responsive": True}


def behind_factor(session) -> float:  # type: ignore[no-untyped-def]
    """The behind-schedule factor of the (first) programme loaded."""
    row = session.scalar(select(ProgrammeRow).order_by(ProgrammeRow.code).limit(1))
    return programme_of(row).behind_schedule_factor if row else 0.6


def layout(**_query: str) -> html.Div:
    principal = who()
    with reading() as s:
        k = overview.kpis(s, principal)
        rates = overview.target_rates(s, principal)
        points = overview.pace_points(s, principal)
        soon = overview.timeline(s, principal)
        by_district = overview.breakdown(s, principal, "district")
        by_cluster = overview.breakdown(s, principal, "industry_cluster")
        factor = behind_factor(s)
        latest = sorted(list_alerts(s, principal), key=lambda a: (a["raised_on"], a["project_code"]),
                        reverse=True)[:12]
    return html.Div(id="overview", children=[
        snapshot_notice(),
        html.Div(className="cards", children=[
            card("kpi.projects", k["projects"]), card("kpi.granted", k["granted_wan"]),
            card("kpi.disbursed", k["disbursed_wan"]), card("kpi.recalled", k["recalled_wan"]),
            card("kpi.net_disbursed", k["net_disbursed_wan"]),
            card("kpi.at_risk", k["at_risk_wan"], warn=k["at_risk_wan"] > 0),
            card("kpi.targets", f"{k['targets_achieved']}/{k['targets_total']}"),
            card("kpi.high", k["high_risk"], warn=k["high_risk"] > 0), card("kpi.alerts", k["open_alerts"])]),
        html.Div(className="grid2", children=[
            panel(dcc.Graph(id="overview-heatmap", figure=figures.target_heatmap(rates, t), config=GRAPH_CONFIG)),
            panel(dcc.Graph(id="overview-pace", figure=figures.pace_scatter(points, factor, t), config=GRAPH_CONFIG)),
            panel(dcc.Graph(id="overview-district", figure=figures.breakdown_bars(by_district, "fig.by_district", t),
                            config=GRAPH_CONFIG)),
            panel(dcc.Graph(id="overview-cluster", figure=figures.breakdown_bars(by_cluster, "fig.by_cluster", t),
                            config=GRAPH_CONFIG))]),
        html.Div(className="grid2", children=[
            panel(dcc.Graph(id="overview-timeline", figure=figures.deadline_timeline(soon, today(), t),
                            config=GRAPH_CONFIG)),
            panel(dcc.Graph(id="overview-project-targets", figure=figures.project_target_heatmap(soon, t),
                            config=GRAPH_CONFIG))]),
        panel(table([t("col.project_code"), t("col.kind"), t("col.key"), t("col.raised_on"), t("col.deadline"),
                     t("col.days_left")],
                    [[dcc.Link(a["project_code"], href=f"/project/{a['project_code']}"), code_label(a["kind"], AlertKind),
                      a["key"] or "", a["raised_on"], a["due"] or "", "" if a["days_left"] is None else a["days_left"]]
                     for a in latest], table_id="overview-alerts") if latest else html.P(t("alerts.none")),
              title=t("alerts.latest")),
    ])


def register(app: dash.Dash) -> None:
    page("/", action=Action.VIEW_PORTFOLIO, layout=layout, title=t("app.title", "zh"),
         label="nav.overview", order=10)
