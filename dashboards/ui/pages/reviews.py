"""The review queue: claimed achievements awaiting a decision."""
from __future__ import annotations

import dash
from dash import dcc, html

from dashboards.i18n import t
from dashboards.sessions import reading
from dashboards.ui.pages.project import review_form
from dashboards.ui.navigation import page
from dashboards.ui.parts import panel, table, who
from tracker.access import Action
from tracker.queries.activity import review_queue
from tracker.services.programmes import programme_names


def layout(**_query: str) -> html.Div:
    with reading() as s:
        queue = review_queue(s, who())
        names = programme_names(s)
    rows = [[q["id"], dcc.Link(q["project_code"], href=f"/project/{q['project_code']}"), q["enterprise"],
             names.get(q["indicator"], q["indicator"]), q["date"], q["title"], q["quantity"], q["reference"] or "",
             html.A("⬇", href=f"/api/achievements/{q['id']}/evidence") if q["has_file"] else (q["evidence"] or "")]
            for q in queue]
    return html.Div(id="reviews", children=[
        html.H2(t("review.title")),
        panel(table(["ID", t("col.project_code"), t("col.enterprise"), t("col.indicator"), t("col.date"),
                     t("col.title"), t("col.quantity"), t("col.reference"), ""], rows, table_id="review-queue"),
              review_form([q["id"] for q in queue])) if queue else html.P(t("review.empty")),
    ])


def register(app: dash.Dash) -> None:
    page("/reviews", action=Action.REVIEW, layout=layout, title=t("nav.reviews", "zh"),
         label="nav.reviews", order=30)
