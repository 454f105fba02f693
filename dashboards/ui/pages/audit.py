"""The audit trail, for the bureau and auditors."""
from __future__ import annotations

import dash
from dash import html

from dashboards.i18n import language, t
from dashboards.sessions import reading
from dashboards.ui.navigation import page
from dashboards.ui.parts import code_label, panel, table, who
from tracker.access import Action
from tracker.catalogue import describe_change
from tracker.queries.activity import audit_trail
from tracker.importers.headers import column_headers
from tracker.services.programmes import programme_names
from tracker.vocab import AuditAction, AuditEntity


def layout(**_query: str) -> html.Div:
    with reading() as s:
        events = audit_trail(s, who(), limit=300)
        names = programme_names(s)
    return html.Div(id="audit", children=[
        html.H2(t("audit.title")),
        panel(table([t("col.when"), t("col.actor"), t("col.action"), t("col.key"), t("col.reason"), t("col.change")],
                    [[e["when"], e["actor"], code_label(e["action"], AuditAction),
                      f"{code_label(e['entity'], AuditEntity)} {e['key']}", e["reason"] or "",
                      describe_change(e["entity"], e["before"], e["after"], language(), names, column_headers())] for e in events],
                    table_id="audit-table")),
    ])


def register(app: dash.Dash) -> None:
    page("/audit", action=Action.READ_AUDIT, layout=layout, title=t("nav.audit", "zh"),
         label="nav.audit", order=60)
