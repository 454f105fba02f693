"""The project list: ag-Grid's infinite row model, pages fetched from SQL with sorting and
filtering done there, and the filtered view exported to Excel."""
from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

import dash
import dash_ag_grid as dag
from dash import Input, Output, State, dcc, html

from dashboards.i18n import t
from dashboards.sessions import reading
from dashboards.ui.navigation import page
from dashboards.ui.parts import code_label, snapshot_notice, who
from dashboards.ui.programmes import chosen_programme, picker
from tracker.access import Action
from tracker.catalogue import LANGUAGES, code_for, label
from tracker.exports.spreadsheet import write_xlsx
from tracker.importers.values import PROJECT_CODE
from tracker.queries.overview import project_list
from tracker.vocab import ProjectState, RiskLevel

GRID, EXPORT, DOWNLOAD, COUNT = "projects-grid", "projects-export", "projects-download", "projects-count"
# Risk and funds at risk right after the project, so both show without scrolling at 1440 px.
COLUMNS = [("project_code", "col.project_code", "agTextColumnFilter"), ("enterprise", "col.enterprise", "agTextColumnFilter"),
           ("risk", "col.risk", "agTextColumnFilter"), ("funds_at_risk_wan", "col.at_risk", "agNumberColumnFilter"),
           ("state", "col.state", "agTextColumnFilter"), ("deadline", "col.deadline", "agTextColumnFilter"),
           ("days_left", "col.days_left", "agNumberColumnFilter"),
           ("targets_achieved", "col.targets", "agNumberColumnFilter"), ("pace", "col.pace", "agNumberColumnFilter"),
           ("programme", "col.programme", "agTextColumnFilter"),
           ("district", "col.district", "agTextColumnFilter"), ("industry_cluster", "col.cluster", "agTextColumnFilter"),
           ("grant_wan", "col.grant", "agNumberColumnFilter"), ("disbursed_wan", "col.disbursed", "agNumberColumnFilter"),
           ("recalled_wan", "col.recalled", "agNumberColumnFilter"),
           ("net_disbursed_wan", "col.net_disbursed", "agNumberColumnFilter")]
WIDTHS = {"project_code": 150, "enterprise": 220, "risk": 90, "funds_at_risk_wan": 130, "state": 120, "deadline": 130,
          "days_left": 100, "targets_achieved": 80, "pace": 80}
# Columns holding codes: shown (and exported) as labels, filtered by label or code.
LABELLED: dict[str, type[StrEnum]] = {"state": ProjectState, "risk": RiskLevel}
PERCENT = ("pace",)  # stored as a fraction, shown and filtered as a percentage


def initial_filters(query: dict[str, str]) -> dict[str, Any]:
    """Filters named in the address (/projects?risk=high&district=吴中区), as the grid's filter
    model; codes are shown as their labels. How KPI cards and charts open the projects behind them."""
    model: dict[str, Any] = {}
    for field, _key, kind in COLUMNS:
        value = query.get(field)
        if not value or not isinstance(value, str):
            continue
        if kind == "agNumberColumnFilter":
            model[field] = {"filterType": "number", "type": "equals", "filter": value}
        else:
            shown = code_label(value, LABELLED[field]) if field in LABELLED else value
            exact = field in LABELLED or field == "programme"  # a programme is picked by its whole code
            model[field] = {"filterType": "text", "type": "equals" if exact else "contains", "filter": shown}
    return model


def layout(**query: str) -> html.Div:
    """The project list; `?programme=CODE` (the picker) filters the grid, and so the export, to one
    programme, like any other column named in the address."""
    with reading() as s:
        loaded, chosen, known = chosen_programme(s, query.get("programme"))
    column_defs: list[dict[str, Any]] = [
        {"field": f, "headerName": t(k), "filter": flt, "sortable": True,
         **({"width": WIDTHS[f]} if f in WIDTHS else {}),
         **({"cellRenderer": "markdown", "linkTarget": "_self", "pinned": "left"} if f == "project_code" else {})}
        for f, k, flt in COLUMNS]
    return html.Div([
        html.H2(t("projects.title")), snapshot_notice(), picker("/projects", loaded, chosen, known),
        html.Div(className="toolbar", children=[
            html.Span(id=COUNT, className="count", role="status"),
            html.Button(t("projects.export"), id=EXPORT), dcc.Download(id=DOWNLOAD)]),
        dag.AgGrid(id=GRID, columnDefs=column_defs, rowModelType="infinite", filterModel=initial_filters(query),
                   defaultColDef={"resizable": True, "floatingFilter": True, "filterParams": {"maxNumConditions": 1}},
                   dashGridOptions={"cacheBlockSize": 100, "maxBlocksInCache": 20, "rowBuffer": 0},
                   style={"height": "640px"}, className="ag-theme-alpine"),
    ])


def _label_filter(spec: dict[str, Any], of: type[StrEnum]) -> dict[str, Any]:
    """A typed label: the code it names exactly, else every code whose label (in either
    language) contains the text (已申请 finds 已申请验收); none at all matches no project."""
    code = code_for(spec["filter"], of)
    if code:
        return {**spec, "type": "equals", "filter": code}
    text = spec["filter"].strip().lower()
    found = [m.value for m in of if any(text in label(m.value, lang, of).lower() for lang in LANGUAGES)]
    if spec.get("type") in ("notContains", "notEqual"):
        found = [m.value for m in of if m.value not in found]
    return {"filterType": "text", "operator": "OR",
            "conditions": [{"type": "equals", "filter": c} for c in found] or [{"type": "equals", "filter": ""}]}


def filters_as_codes(filter_model: dict[str, Any] | None) -> dict[str, Any]:
    """The grid shows states and risk levels as labels (实施中, 高): a filter typed as a label
    in either language is turned back into the code(s) the database holds; percentages typed
    as 25 are the fraction 0.25."""
    out = dict(filter_model or {})
    for column, of in LABELLED.items():
        spec = out.get(column)
        if not isinstance(spec, dict) or not isinstance(spec.get("filter"), str) or not spec["filter"].strip():
            continue
        out[column] = _label_filter(spec, of)
    for column in PERCENT:
        spec = out.get(column)
        if isinstance(spec, dict) and isinstance(spec.get("filter"), (int, float)) and not isinstance(spec["filter"], bool):
            out[column] = {**spec, "filter": spec["filter"] / 100}
    return out


def _targets(r: dict[str, Any]) -> str:
    """Targets achieved out of the project's own programme's number of targets."""
    return f"{r['targets_achieved']}/{r['targets_total']}"


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def code_link(code: str) -> str:
    """A link only from a code of the documented pattern; anything else as escaped text
    (the column is rendered as Markdown)."""
    if PROJECT_CODE.fullmatch(code):
        return f"[{code}](/project/{code})"
    return re.sub(r"([\\`*_{}\[\]()#+\-.!<>|~:])", r"\\\1", code)


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
        r["project_code"] = code_link(r["project_code"])
        for column, of in LABELLED.items():
            r[column] = code_label(r[column], of)
        for column in PERCENT:
            r[column] = percent(r[column])
        r["targets_achieved"] = _targets(r)
        r.pop("uscc", None)
        r.pop("risk_reasons", None)
    return {"rowData": rows, "rowCount": total}


def excel_for(request: dict[str, Any] | None) -> bytes:
    request = request or {}
    with reading() as s:
        rows, _ = project_list(s, who(), sort=request.get("sortModel") or [],
                               filters=filters_as_codes(request.get("filterModel")), limit=None)
    for r in rows:
        r["targets_achieved"] = _targets(r)
    header = [t(k) for _, k, _ in COLUMNS]
    values = ([code_label(r[f], LABELLED[f]) if f in LABELLED else percent(r[f]) if f in PERCENT else r[f]
               for f, _, _ in COLUMNS] for r in rows)
    return write_xlsx([("projects", header, values)])


def register(app: dash.Dash) -> None:
    page("/projects", action=Action.VIEW_PORTFOLIO, layout=layout, title=t("nav.projects", "zh"),
         label="nav.projects", order=20)

    @app.callback(Output(GRID, "getRowsResponse"), Output(COUNT, "children"), Input(GRID, "getRowsRequest"),
                  prevent_initial_call=True)
    def _rows(request):  # type: ignore[no-untyped-def]
        found = rows_for(request)
        return found, t("projects.count").format(n=found["rowCount"])

    @app.callback(Output(DOWNLOAD, "data"), Input(EXPORT, "n_clicks"), State(GRID, "getRowsRequest"),
                  prevent_initial_call=True)
    def _export(_n, request):  # type: ignore[no-untyped-def]
        return dcc.send_bytes(excel_for(request), "projects.xlsx")
