"""One module per role area; each registers its page(s) and callbacks with a Dash app."""
from __future__ import annotations

import dash

from dashboards.ui.pages import applications, audit, home, project, projects, reviews, risk


def register_all(app: dash.Dash) -> None:
    for module in (home, projects, project, reviews, applications, risk, audit):
        module.register(app)
