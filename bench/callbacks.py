"""Dash callback requests as the browser posts them to /_dash-update-component: a page
rendered for a path, the overview's figures, and a block of rows for the project list's grid."""
from __future__ import annotations

from typing import Any


def page(path: str) -> dict[str, Any]:
    return {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": ""}],
            "state": [], "changedPropIds": ["_pages_location.pathname"]}


def overview_figures(programme: str | None = None) -> dict[str, Any]:
    """The overview's second callback: its figures, asked for by the page's own store once the
    cards are shown (dashboards/ui/pages/overview.py)."""
    return {"output": "overview-figures.children", "outputs": {"id": "overview-figures", "property": "children"},
            "inputs": [{"id": "overview-figures-for", "property": "data", "value": {"programme": programme}}],
            "state": [], "changedPropIds": ["overview-figures-for.data"]}


def grid(start: int, sort: list[dict[str, str]], rows: int = 100) -> dict[str, Any]:
    return {"output": "..projects-grid.getRowsResponse...projects-count.children..",
            "outputs": [{"id": "projects-grid", "property": "getRowsResponse"},
                        {"id": "projects-count", "property": "children"}],
            "inputs": [{"id": "projects-grid", "property": "getRowsRequest",
                        "value": {"startRow": start, "endRow": start + rows, "sortModel": sort}}],
            "state": [], "changedPropIds": ["projects-grid.getRowsRequest"]}


def grid_rows(answer: dict[str, Any]) -> dict[str, Any]:
    """The grid's {"rowData", "rowCount"} from a callback's answer."""
    return answer["response"]["projects-grid"]["getRowsResponse"]
