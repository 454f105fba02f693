"""The enterprise's workbench: its projects (countdown, targets checklist, the guarded acceptance
request), the claim form built from the programme, and its ledger of claims with edit,
withdraw and resubmit. Every action re-renders what it changed (checklist, counts, ledger
rows) in the same answer and says what happened in words; nothing needs a reload."""
from __future__ import annotations

import dash
from dash import html

from dashboards.i18n import t
from dashboards.ui import claim_form as form
from dashboards.ui.enterprise_closing import register_closing_callbacks
from dashboards.ui.navigation import page
from dashboards.ui.parts import panel, today
from dashboards.ui.workbench_actions import LEDGER, PROJECTS, WORK_MESSAGE, ledger, panels, state
from dashboards.ui.workbench_callbacks import register_callbacks
from tracker.access import Action


def layout(**_query: str) -> html.Div:
    statuses, records = state()
    if not statuses:
        return html.Div(t("work.none"))
    return html.Div(id="workbench", children=[
        html.Div(id=WORK_MESSAGE, className="message sticky", role="status"),
        html.Div(id=PROJECTS, children=panels(statuses, records)),
        form.claim_form([(st.bundle.code, st.bundle.title) for st in statuses], statuses[0].bundle.programme,
                        today().isoformat()),
        panel(html.Div(id=LEDGER, children=ledger(statuses, records)), title=t("ledger.title")),
    ])


def register(app: dash.Dash) -> None:
    page("/", action=Action.CLAIM, layout=layout, title=t("app.title", "zh"), label="nav.workbench", order=10)
    register_callbacks(app)
    register_closing_callbacks(app)

