"""One module per page; each registers its view(s) (path, navigation label, order, the action
that may open it) and its callbacks with a Dash app."""
from __future__ import annotations

import dash

from dashboards.ui.pages import (alerts, applications, audit, closing, funds, overview, project, projects, reviews,
                                  risk, workbench)


def register_all(app: dash.Dash) -> None:
    for module in (overview, workbench, projects, project, alerts, reviews, applications, funds, risk, closing, audit):
        module.register(app)
