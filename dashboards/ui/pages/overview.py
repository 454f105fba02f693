"""The bureau's (and a district's, and an auditor's) portfolio at a glance."""
from __future__ import annotations

import dash
from urllib.parse import urlencode

from dash import Input, Output, ctx, dcc, html

from dashboards.i18n import t
from dashboards.sessions import reading
from dashboards.ui import figures
from dashboards.ui.navigation import may, page
from dashboards.ui.parts import card, code_label, forbidden, panel, snapshot_notice, table, today, who
from dashboards.ui.programmes import chosen_programme, picker
from tracker.access import Action
from tracker.queries import overview
from tracker.queries.alerts import latest_alerts
from tracker.vocab import AlertKind

GRAPH_CONFIG = {"displaylogo": False, "responsive": True}
GO = "overview-go"
FIGURES, FIGURES_FOR = "overview-figures", "overview-figures-for"
LATEST_ALERTS = 12  # the newest alerts listed; the alerts page holds the rest
RISK_TRACES = ("high", "medium", "low", "closed")  # the stacked bars' order in figures.breakdown_bars


def opens(href: str, shown: html.Div, link_id: str | None = None) -> dcc.Link:
    """A KPI card that opens the projects (or alerts) behind its number."""
    return dcc.Link(shown, href=href, className="card-link", **({"id": link_id} if link_id else {}))


def projects_behind(field: str, click: dict | None) -> str | None:
    """The project list filtered to a clicked bar: its group and, for a risk bar, its level."""
    points = (click or {}).get("points") or []
    if not points or not isinstance(points[0].get("x"), str):
        return None
    query = {field: points[0]["x"]}
    curve = points[0].get("curveNumber")
    if isinstance(curve, int) and 0 <= curve < len(RISK_TRACES):
        query["risk"] = RISK_TRACES[curve]
    return "/projects?" + urlencode(query)


def _project_heatmaps(soon: list[dict], targets_of: dict[str, list[str]]) -> list[html.Div]:  # type: ignore[type-arg]
    """One projects x targets heat map per programme among the nearest deadlines."""
    out = []
    for code, target_ids in targets_of.items():
        mine = [r for r in soon if r["programme"] == code]
        if mine:
            out.append(panel(dcc.Graph(id=f"overview-project-targets-{code}", config=GRAPH_CONFIG,
                                       figure=figures.project_target_heatmap(mine, target_ids, code, t))))
    return out


def layout(programme: str | None = None, **_query: str) -> html.Div:
    """The portfolio, of all programmes or of the one chosen. The first answer carries what is
    read at a glance (cards, overdue projects, latest alerts); the figures follow in a second
    callback, so the page shows before Plotly (4.8 MB of script) is fetched, parsed and drawn."""
    principal = who()
    with reading() as s:
        loaded, chosen, known = chosen_programme(s, programme)
        k = overview.kpis(s, principal, chosen)
        late = overview.timeline(s, principal, programme=chosen, overdue=True)
        latest = latest_alerts(s, principal, LATEST_ALERTS, programme=chosen)
    return html.Div(id="overview", children=[
        snapshot_notice(),
        dcc.Location(id=GO, refresh="callback-nav"),
        picker("/", loaded, chosen, known),
        html.Div(className="cards", children=[
            opens("/projects", card("kpi.projects", k["projects"])), card("kpi.granted", k["granted_wan"]),
            card("kpi.disbursed", k["disbursed_wan"]), card("kpi.recalled", k["recalled_wan"]),
            card("kpi.net_disbursed", k["net_disbursed_wan"]),
            card("kpi.at_risk", k["at_risk_wan"], warn=k["at_risk_wan"] > 0),
            card("kpi.targets", f"{k['targets_achieved']}/{k['targets_total']}"),
            opens("/projects?risk=high", card("kpi.high", k["high_risk"], warn=k["high_risk"] > 0), "kpi-high"),
            opens("/alerts", card("kpi.alerts", k["open_alerts"]), "kpi-alerts")]),
        dcc.Store(id=FIGURES_FOR, data={"programme": chosen}),
        html.Div(id=FIGURES, children=pending_figures()),
        panel(table([t("col.project_code"), t("col.enterprise"), t("col.deadline"), t("overview.days_overdue")],
                    [[dcc.Link(r["code"], href=f"/project/{r['code']}"), r["enterprise"], r["deadline"].isoformat(),
                      -r["days_left"]] for r in late], table_id="overview-overdue")
              if late else html.P(t("overview.none_overdue")), title=t("overview.overdue")),
        panel(table([t("col.project_code"), t("col.kind"), t("col.key"), t("col.raised_on"), t("col.deadline"),
                     t("col.days_left")],
                    [[dcc.Link(a["project_code"], href=f"/project/{a['project_code']}"), code_label(a["kind"], AlertKind),
                      a["key"] or "", a["raised_on"], a["due"] or "", "" if a["days_left"] is None else a["days_left"]]
                     for a in latest], table_id="overview-alerts") if latest else html.P(t("alerts.none")),
              title=t("alerts.latest")),
    ])


def pending_figures() -> html.Div:
    """Where the figures will be, until they come (the class tells tests and screenshots to wait)."""
    return html.Div(t("overview.drawing"), className="panel figures-pending")


def figures_for(asked: object) -> list[html.Div] | html.Div:
    """The overview's figures for the programme the page was opened with (checked again: the
    value comes back from the browser), for those who may open the overview, scoped like it."""
    if not may(Action.VIEW_PORTFOLIO):
        return forbidden()
    programme = asked.get("programme") if isinstance(asked, dict) else None
    principal = who()
    with reading() as s:
        loaded, chosen, _known = chosen_programme(s, programme if isinstance(programme, str) else None)
        charts = overview.charts(s, principal, chosen)
        points = overview.pace_points(s, principal, chosen)
        soon = overview.timeline(s, principal, programme=chosen, overdue=False)
    by_district, by_cluster, rates = (charts[name] for name in ("by_district", "by_cluster", "rates"))
    shown = [(row, p) for row, p in loaded if chosen in (None, row.code)]
    factors = {row.code: p.behind_schedule_factor for row, p in shown}
    targets_of = {row.code: [target.id for target in p.targets] for row, p in shown}
    return [
        html.Div(className="grid2", children=[
            *(panel(dcc.Graph(id=f"overview-heatmap-{r['programme']}", figure=figures.target_heatmap(r, t),
                              config=GRAPH_CONFIG)) for r in rates),
            panel(dcc.Graph(id="overview-pace", figure=figures.pace_scatter(points, factors, t), config=GRAPH_CONFIG)),
            panel(dcc.Graph(id="overview-district", figure=figures.breakdown_bars(by_district, "fig.by_district", t),
                            config=GRAPH_CONFIG)),
            panel(dcc.Graph(id="overview-cluster", figure=figures.breakdown_bars(by_cluster, "fig.by_cluster", t),
                            config=GRAPH_CONFIG))]),
        html.Div(className="grid2", children=[
            panel(dcc.Graph(id="overview-timeline", figure=figures.deadline_timeline(soon, today(), t),
                            config=GRAPH_CONFIG)),
            *_project_heatmaps(soon, targets_of)]),
    ]


def register(app: dash.Dash) -> None:
    page("/", action=Action.VIEW_PORTFOLIO, layout=layout, title=t("app.title", "zh"),
         label="nav.overview", order=10, figures=True)

    @app.callback(Output(FIGURES, "children"), Input(FIGURES_FOR, "data"))
    def _draw_figures(asked):  # type: ignore[no-untyped-def]
        return figures_for(asked)

    @app.callback(Output(GO, "href"), Input("overview-district", "clickData"), Input("overview-cluster", "clickData"),
                  prevent_initial_call=True)
    def _open_bar(by_district, by_cluster):  # type: ignore[no-untyped-def]
        if ctx.triggered_id == "overview-district":
            href = projects_behind("district", by_district)
        else:
            href = projects_behind("industry_cluster", by_cluster)
        return href or dash.no_update
