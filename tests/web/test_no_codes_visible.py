"""People see labels, never codes: every page of every role, rendered in Chinese through Dash's own
endpoints, the callbacks' answers (the project grid, refusals) and every exported file are scanned
for any code of a closed set, or an indicator or honour id of the programme, shown as text."""
from __future__ import annotations

import base64
import io
import json
import re
from typing import Any, Iterator

import dash
import openpyxl

from test_dash_callbacks import call, dependencies
from tracker.programme import load_programme_file
from tracker.paths import programmes_dir
from support.web import USERS
from tracker.vocab import CLOSED_SETS

ROLES = ("bureau", "wuzhong", "ent1", "auditor")
PROJECT = "SZIPS-2024-001"
# Props that are never shown as text: ids, links, styles, values behind labelled options, stores.
HIDDEN_PROPS = {"id", "className", "href", "style", "value", "namespace", "type", "data", "n_clicks", "config",
                "rowModelType", "dashGridOptions", "defaultColDef", "field", "filter", "cellRenderer", "linkTarget",
                "filterParams", "accept", "min", "max", "step", "disabled", "clearable", "inline", "multi",
                "persistence", "sortable", "resizable", "floatingFilter", "getRowsRequest", "src", "target"}
TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_.:\-]*")


def forbidden_codes() -> set[str]:
    """Every code of every closed set, and the programme's own ids that have names. The test's
    accounts are named after their roles ("bureau", "auditor"): a name shown as the actor is data."""
    codes = {m.value for enum in CLOSED_SETS for m in enum} - set(USERS)
    for path in programmes_dir().glob("*.toml"):
        programme = load_programme_file(path)
        codes |= {i.id for i in programme.indicators} | {h.code for h in programme.honours}
        codes |= {f"priority:{h.code}" for h in programme.honours}
    return codes


def figure_text(figure: dict[str, Any]) -> Iterator[str]:
    """What a Plotly figure shows: trace names, categories, point texts, titles, annotations."""
    for trace in figure.get("data", []):
        for key in ("name", "x", "y", "text"):
            value = trace.get(key)
            yield from strings(value if isinstance(value, list) else [value])
    layout = figure.get("layout", {})
    for key, value in layout.items():
        if key == "title" or key.startswith(("xaxis", "yaxis")):
            yield from strings([value.get("title") if key != "title" else value, value.get("ticktext")])
    for note in layout.get("annotations", []):
        yield from strings([note.get("text")])


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        yield from strings(value.get("text"))
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def visible_text(node: Any) -> Iterator[str]:
    """The text a Dash component tree shows: children, labels, titles, placeholders, grid headers."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from visible_text(item)
    elif isinstance(node, dict):
        props = node["props"] if "props" in node and "namespace" in node else node
        for key, value in props.items():
            if key in HIDDEN_PROPS:
                continue
            if key == "figure" and isinstance(value, dict):
                yield from figure_text(value)
            else:
                yield from visible_text(value)


def codes_in(texts: Iterator[str], codes: set[str]) -> set[str]:
    return {token for text in texts for token in TOKEN.findall(text) if token in codes}


def page_paths() -> list[str]:
    """Every registered page, the project page on a project every role below may see."""
    return sorted(p["path_template"].replace("<code>", PROJECT) if p.get("path_template") else p["path"]
                  for p in dash.page_registry.values())


def workbook_text(content: bytes) -> Iterator[str]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        yield sheet.title
        for row in sheet.iter_rows(values_only=True):
            yield from (str(v) for v in row if v is not None)


def download(response, output: str) -> bytes:
    return base64.b64decode(json.loads(response.text)["response"][output]["data"]["content"])


def test_the_visible_text_scan_finds_a_code_where_one_is_shown():
    """The scanner itself: a code in children, a grid header or a figure's trace is caught; ids are not."""
    tree = {"namespace": "dash_html_components", "type": "Div", "props": {"id": "in_progress", "children": [
        "状态：in_progress", {"namespace": "dcc", "type": "Graph", "props": {"figure": {
            "data": [{"name": "high", "x": ["吴中区"]}], "layout": {"xaxis": {"title": {"text": "达成率"}}}}}},
        {"namespace": "dcc", "type": "Dropdown", "props": {"options": [{"label": "实施中", "value": "in_progress"}]}}]}}
    assert codes_in(visible_text(tree), forbidden_codes()) == {"in_progress", "high"}


def test_no_page_of_any_role_shows_a_code_in_chinese(server):
    codes = forbidden_codes()
    paths = page_paths()
    assert {"/", "/projects", f"/project/{PROJECT}", "/audit", "/applications"} <= set(paths)
    shown: dict[str, set[str]] = {}
    for role in ROLES:
        client, base = server.client(role), server.base
        deps = dependencies(client, base)
        for path in paths:
            r = call(client, base, deps, "_pages_content", [path, ""])
            assert r.status_code == 200, (role, path, r.text[:300])
            found = codes_in(visible_text(r.json()["response"]), codes)
            if found:
                shown[f"{role} {path}"] = found
        grid = call(client, base, deps, "projects-grid", [{"startRow": 0, "endRow": 100}])
        rows = json.loads(grid.text)["response"]["projects-grid"]["getRowsResponse"]["rowData"]
        found = codes_in((str(v) for row in rows for k, v in row.items() if k != "project_code"), codes)
        if found:
            shown[f"{role} projects grid"] = found
    assert shown == {}


def test_refusals_and_action_messages_name_states_in_words(sqlite_server):
    client, base = sqlite_server.client("bureau"), sqlite_server.base
    deps = dependencies(client, base)
    r = call(client, base, deps, "move-message", [1], [PROJECT, "accepted", "x"])
    message = json.loads(r.text)["response"]["move-message"]["children"]
    assert "实施中" in message and "已通过验收" in message and "已申请验收、已终止" in message
    assert codes_in(iter([message]), forbidden_codes()) == set()


def test_no_exported_file_shows_a_code(sqlite_server):
    client, base = sqlite_server.client("bureau"), sqlite_server.base
    deps = dependencies(client, base)
    codes = forbidden_codes()
    projects = download(call(client, base, deps, "projects-download", [1], [{"startRow": 0, "endRow": 100}]),
                        "projects-download")
    summary = download(call(client, base, deps, "applications-download", [1], [None]), "applications-download")
    calendar = client.get(f"{base}/api/projects/{PROJECT}/calendar.ics")
    assert calendar.status_code == 200
    shown_lines = [line for line in calendar.text.splitlines()
                   if line.startswith(("SUMMARY", "DESCRIPTION", "X-WR-CALNAME"))]
    project_text, summary_text = list(workbook_text(projects)), list(workbook_text(summary))
    assert "实施中" in project_text and any(v in summary_text for v in ("符合", "待复核", "不符合"))
    assert {"projects.xlsx": codes_in(iter(project_text), codes), "汇总表.xlsx": codes_in(iter(summary_text), codes),
            "calendar.ics": codes_in(iter(shown_lines), codes)} == {
        "projects.xlsx": set(), "汇总表.xlsx": set(), "calendar.ics": set()}


def test_the_closing_stage_reads_in_words_in_the_audit_trail_and_its_export(sqlite_server, sqlite_portfolio):
    """Inspections, amendments, a termination and a recall proposal write audit events whose
    details (kinds, conclusions, changes, grounds) must read as words on the page and in the file."""
    t = sqlite_portfolio
    t("inspections", "record", "SZIPS-2024-003", "--on", "2026-06-01", "--kind", "midterm",
      "--panel", "甲;乙;丙", "--conclusion", "rectify", "--due", "2026-07-01", "--by", "市局",
      "--findings", "台账不全")
    t("projects", "amend", "SZIPS-2024-003", "--on", "2026-06-02", "--by", "市局", "--reason", "延期",
      "--end", "2027-08-31", "--require", "certified_staff=4")
    t("funds", "disburse", "SZIPS-2024-002", "40", "--on", "2025-04-01", "--by", "财务处")
    t("projects", "transition", "SZIPS-2024-002", "terminated", "--on", "2026-06-03", "--reason", "企业申请终止")
    t("recall", "propose", "SZIPS-2024-002", "--on", "2026-06-04", "--by", "市局")
    client, base = sqlite_server.client("auditor"), sqlite_server.base
    deps = dependencies(client, base)
    codes = forbidden_codes()
    page = call(client, base, deps, "audit-body", [None, None, None, None, None])
    assert page.status_code == 200, page.text[:300]
    page_text = list(visible_text(page.json()["response"]))
    assert any("中期检查" in text for text in page_text)  # the inspection is there, in words
    export = download(call(client, base, deps, "audit-download", [1], [None, None, None, None, None]),
                      "audit-download")
    assert {"page": codes_in(iter(page_text), codes),
            "audit.xlsx": codes_in(workbook_text(export), codes)} == {"page": set(), "audit.xlsx": set()}
