"""`/`: the portfolio overview, or an enterprise's workbench."""
from __future__ import annotations

import dash

from dashboards.ui.pages import overview, workbench
from dashboards.ui.parts import who


def layout(**_query: str) -> object:
    return workbench.layout() if who().role == "enterprise" else overview.layout()


def register(app: dash.Dash) -> None:
    dash.register_page("home", path="/", layout=layout, title="知识产权和标准融合计划")
    workbench.register_callbacks(app)
