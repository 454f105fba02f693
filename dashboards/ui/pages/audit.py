"""The audit trail, for the bureau and auditors."""
from __future__ import annotations

import json

import dash
from dash import html

from dashboards.i18n import t
from dashboards.sessions import reading
from dashboards.ui.navigation import page
from dashboards.ui.parts import panel, table, who
from tracker.access import Action
from tracker.queries.activity import audit_trail


def layout(**_query: str) -> html.Div:
    with reading() as s:
        events = audit_trail(s, who(), limit=300)
    return html.Div(id="audit", children=[
        html.H2(t("audit.title")),
        panel(table([t("col.when"), t("col.actor"), t("col.action"), t("col.key"), t("col.reason"), "→"],
                    [[e["when"], e["actor"], e["action"], f"{e['entity']} {e['key']}", e["reason"] or "",
                      json.dumps(e["after"], ensure_ascii=False)[:160] if e["after"] else ""] for e in events],
                    table_id="audit-table")),
    ])


def register(app: dash.Dash) -> None:
    page("/audit", action=Action.READ_AUDIT, layout=layout, title="审计日志", label="nav.audit", order=60)
