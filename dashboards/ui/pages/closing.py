"""The auditor's (and the bureau's) page of the closing stage: totals of the recall cases, the
cases themselves, and the decisions that departed from the rule, filtered by flag; with the
portfolio exports (验收汇总表, recall cases) as downloads."""
from __future__ import annotations

import dash
from dash import dcc, html

from dashboards.i18n import language, t
from dashboards.sessions import reading
from dashboards.ui.navigation import page
from dashboards.ui.parts import card, code_label, panel, table, who
from tracker.access import Action
from tracker.exports.closing import recall_cases_table
from tracker.queries.departures import DEPARTURE_FLAGS, departures, recall_totals
from tracker.vocab import HistoryKind

PATH = "/closing"


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _filters(chosen: str | None) -> html.P:
    """One link per flag (the page is a plain address, so a filtered view can be bookmarked)."""
    links: list[object] = [t("closing.filter")]
    for flag in (None, *DEPARTURE_FLAGS):
        words = code_label(flag) if flag else t("closing.all_flags")
        href = f"{PATH}?flag={flag}" if flag else PATH
        links.append(html.Strong(words) if flag == chosen else dcc.Link(words, href=href, id=f"flag-{flag or 'all'}"))
        links.append(" · ")
    return html.P(links[:-1], id="departure-filters")


def layout(flag: str = "", **_query: str) -> html.Div:
    principal, lang = who(), language()
    chosen = flag if flag in DEPARTURE_FLAGS else None
    with reading() as s:
        totals = recall_totals(s, principal)
        found = departures(s, principal, chosen)
        headers, cases = recall_cases_table(s, principal, lang)
    rows = [[d.project_code, d.enterprise, d.district, code_label(d.kind, HistoryKind), d.on.isoformat(),
             code_label(d.flag), d.by, d.reason or ""] for d in found]
    return html.Div(id="closing-page", children=[
        html.H2(t("closing.title")),
        html.Div(className="cards", id="recall-totals", children=[
            card("closing.total_cases", totals.cases), card("closing.total_proposed", f"{totals.proposed:.2f}"),
            card("closing.total_decided", f"{totals.decided:.2f}"),
            card("closing.total_recalled", f"{totals.recalled:.2f}")]),
        html.P([html.A(t("closing.export_acceptance"), href=f"/api/acceptance/export.xlsx?lang={lang}",
                       id="export-acceptance", className="download"), " · ",
                html.A(t("closing.export_recall"), href=f"/api/recall/export.xlsx?lang={lang}",
                       id="export-recall", className="download")]),
        panel(_filters(chosen),
              table([t("col.project_code"), t("col.enterprise"), t("col.district"), t("col.decision"),
                     t("col.date"), t("col.flags"), t("col.actor"), t("col.reason")], rows, table_id="departures")
              if rows else html.P(t("closing.none"), className="message"),
              title=t("closing.departures")),
        panel(table(headers, [[_text(v) for v in row] for row in cases], table_id="recall-cases"),
              title=t("closing.cases")),
    ])


def register(app: dash.Dash) -> None:
    page(PATH, action=Action.READ_AUDIT, layout=layout, title=t("nav.closing", "zh"), label="nav.closing", order=55)
