"""The project list: ag-Grid's infinite row model, pages fetched from SQL with sorting and
filtering done there, and the filtered view exported to Excel."""
from __future__ import annotations

import io
from enum import StrEnum
from typing import Any

import dash
import dash_ag_grid as dag
import pandas as pd
from dash import Input, Output, State, dcc, html

from dashboards.i18n import t
from dashboards.sessions import reading
from dashboards.ui.navigation import page
from dashboards.ui.parts import code_label, snapshot_notice, who
from tracker.access import Action
from tracker.catalogue import code_for
from tracker.queries.overview import project_list
from tracker.vocab import ProjectState, RiskLevel

GRID, EXPORT, DOWNLOAD = "projects-grid", "projects-export", "projects-download"
COLUMNS = [("project_code", "col.project_code", "agTextColumnFilter"), ("enterprise", "col.enterprise", "agTextColumnFilter"),
           ("district", "col.district", "agTextColumnFilter"), ("industry_cluster", "col.cluster", "agTextColumnFilter"),
           ("state", "col.state", "agTextColumnFilter"), ("grant_wan", "col.grant", "agNumberColumnFilter"),
           ("deadline", "col.deadline", "agTextColumnFilter"), ("days_left", "col.days_left", "agNumberColumnFilter"),
           ("targets_achieved", "col.targets", "agNumberColumnFilter"), ("pace", "col.pace", "agNumberColumnFilter"),
           ("risk", "col.risk", "agTextColumnFilter"), ("funds_at_risk_wan", "col.at_risk", "agNumberColumnFilter"),
           ("disbursed_wan", "col.disbursed", "agNumberColumnFilter"),
           ("recalled_wan", "col.recalled", "agNumberColumnFilter"),
           ("net_disbursed_wan", "col.net_disbursed", "agNumberColumnFilter")]
# Columns holding codes: shown (and exported) as labels, filtered by label or code.
LABELLED: dict[str, type[StrEnum]] = {"state": ProjectState, "risk": RiskLevel}


def layout(**_query: str) -> html.Div:
    column_defs: list[dict[str, Any]] = [
        {"field": f, "headerName": t(k), "filter": flt, "sortable": True,
         **({"cellRenderer": "markdown", "linkTarget": "_self"} if f == "project_code" else {})}
        for f, k, flt in COLUMNS]
    return html.Div([
        html.H2(t("projects.title")), snapshot_notice(),
        html.Button(t("projects.export"), id=EXPORT), dcc.Download(id=DOWNLOAD),
        dag.AgGrid(id=GRID, columnDefs=column_defs, rowModelType="infinite",
                   defaultColDef={"resizable": True, "floatingFilter": True, "filterParams": {"maxNumConditions": 1}},
                   dashGridOptions={"cacheBlockSize": 100, "maxBlocksInCache": 20, "rowBuffer": 0},
                   style={"height": "640px"}, className="ag-theme-alpine"),
    ])


def filters_as_codes(filter_model: dict[str, Any] | None) -> dict[str, Any]:
    """The grid shows states and risk levels as labels (实施中, 高): a filter typed as a label
    in either language is turned back into the code the database holds."""
    out = dict(filter_model or {})
    for column, of in LABELLED.items():
        spec = out.get(column)
        if not isinstance(spec, dict) or not isinstance(spec.get("filter"), str):
            continue
        code = code_for(spec["filter"], of)
        if code:
            out[column] = {**spec, "type": "equals", "filter": code}
    return out


def rows_for(request: dict[str, Any] | None) -> dict[str, Any]:
    """One block of rows for the grid, queried with the signed-in user's scope."""
    request = request or {}
    start = int(request.get("startRow") or 0)
    end = int(request.get("endRow") or start + 100)
    with reading() as s:
        rows, total = project_list(s, who(), sort=request.get("sortModel") or [],
                                   filters=filters_as_codes(request.get("filterModel")), offset=start,
                                   limit=max(end - start, 1))
    for r in rows:
        r["project_code"] = f"[{r['project_code']}](/project/{r['project_code']})"
        for column, of in LABELLED.items():
            r[column] = code_label(r[column], of)
        r.pop("uscc", None)
        r.pop("risk_reasons", None)
    return {"rowData": rows, "rowCount": total}


def excel_for(request: dict[str, Any] | None) -> bytes:
    request = request or {}
    with reading() as s:
        rows, _ = project_list(s, who(), sort=request.get("sortModel") or [],
                               filters=filters_as_codes(request.get("filterModel")), limit=None)
    frame = pd.DataFrame([{t(k): (code_label(r[f], LABELLED[f]) if f in LABELLED else r[f]) for f, k, _ in COLUMNS}
                          for r in rows])
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, sheet_name="projects")
    return buffer.getvalue()


def register(app: dash.Dash) -> None:
    page("/projects", action=Action.VIEW_PORTFOLIO, layout=layout, title=t("nav.projects", "zh"),
         label="nav.projects", order=20)

    @app.callback(Output(GRID, "getRowsResponse"), Input(GRID, "getRowsRequest"), prevent_initial_call=True)
    def _rows(request):  # type: ignore[no-untyped-def]
        return rows_for(request)

    @app.callback(Output(DOWNLOAD, "data"), Input(EXPORT, "n_clicks"), State(GRID, "getRowsRequest"),
                  prevent_initial_call=True)
    def _export(_n, request):  # type: ignore[no-untyped-def]
        return dcc.send_bytes(excel_for(request), "projects.xlsx")
