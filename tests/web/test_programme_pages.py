"""Every page and export with the five-target programme loaded beside the 2024 one, rendered
through Dash's own endpoints over real HTTP: each shows all programmes or the one picked, and
nothing of the five-target programme is drawn as eight targets (no "/8", no T1..T8)."""
import base64
import io
import json
import re

import openpyxl
import pytest

from support.shapes import ENTERPRISE_1, FIVE, two_shapes
from dashboards.i18n import MESSAGES
from support.web import PASSWORD, TODAY, USERS, Server
from tracker.catalogue import label
from tracker.vocab import ApplicationState

EIGHT = re.compile(r"\bT[1-8]\b")
FIVE_TARGETS = {"P1": "专利布局", "P2": "标准研制", "P3": "人才培养", "P4": "成果效益", "P5": "总结报告"}  # five-targets.toml
EIGHT_TARGETS = ("专利转化运用", "标准化水平", "协同创新工作会议", "经费投入", "企业竞争优势")  # szips-2024.toml
zh = MESSAGES["zh"].__getitem__


@pytest.fixture
def shaped(tmp_path, monkeypatch):
    t = two_shapes(tmp_path, monkeypatch)
    t("scan", "--today", TODAY.isoformat())
    for name in ("bureau", "wuzhong", "ent1", "auditor"):
        t("users", "add", name, *USERS[name], "--password-stdin", input=PASSWORD + "\n")
    server = Server(t.url, tmp_path / "evidence")
    yield t, server
    server.close()


def fire(client, base, output_prefix, inputs, state=()):
    """Fire the callback whose output starts with `output_prefix`; the answer as JSON."""
    deps = {d["output"]: d for d in client.get(f"{base}/_dash-dependencies").json()}
    dep = next(d for o, d in deps.items() if o.startswith(output_prefix) or f"..{output_prefix}" in o)

    def spec(items, values):
        return [{"id": i["id"], "property": i["property"], "value": v} for i, v in zip(items, values)]
    if dep["output"].startswith(".."):
        outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in dep["output"].strip(".").split("...")]
    else:
        outputs = {"id": dep["output"].rsplit(".", 1)[0], "property": dep["output"].rsplit(".", 1)[1]}
    r = client.post(f"{base}/_dash-update-component", json={
        "output": dep["output"], "outputs": outputs, "inputs": spec(dep["inputs"], inputs),
        "state": spec(dep["state"], state),
        "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"]})
    assert r.status_code == 200, r.text
    return r.json()["response"]


def page(client, base, path, search=""):
    return fire(client, base, "_pages_content", [path, search])["_pages_content"]["children"]


def overview(client, base, search=""):
    """The overview as the browser gets it: the page, then its figures (a second callback fed
    by the page's own store, which names the programme picked)."""
    tree = page(client, base, "/", search)
    asked = components(tree)["overview-figures-for"]["data"]
    return [tree, fire(client, base, "overview-figures", [asked])["overview-figures"]["children"]]


def components(tree, found=None):
    """Every component of a rendered layout with an id, by id."""
    found = {} if found is None else found
    if isinstance(tree, dict):
        props = tree.get("props", {})
        if "id" in props and isinstance(props["id"], str):
            found[props["id"]] = props
        for value in props.values():
            components(value, found)
    elif isinstance(tree, list):
        for item in tree:
            components(item, found)
    return found


def text(tree):
    return json.dumps(tree, ensure_ascii=False)


def shows_every_target(shown: str) -> bool:
    """Each of the five-target programme's targets appears, by its id or by its name."""
    return all(re.search(rf"\b{tid}\b", shown) or name in shown for tid, name in FIVE_TARGETS.items())


def test_the_overview_draws_each_programmes_targets_in_its_own_heat_map(shaped):
    _, server = shaped
    bureau = server.client("bureau")
    everything = components(overview(bureau, server.base))
    five = everything[f"overview-heatmap-{FIVE}"]["figure"]["data"][0]
    eight = everything["overview-heatmap-SZIPS-2024"]["figure"]["data"][0]
    assert list(five["x"]) == ["P1", "P2", "P3", "P4", "P5"] and list(eight["x"]) == [f"T{i}" for i in range(1, 9)]
    assert "overview-heatmap-SZIPS-2025" not in everything  # no project in it: no empty map
    picked = overview(bureau, server.base, f"?programme={FIVE}")
    shown = components(picked)
    assert {k for k in shown if k.startswith("overview-heatmap")} == {f"overview-heatmap-{FIVE}"}
    assert not EIGHT.search(text(picked)) and "/8" not in text(picked)
    assert "4/10" in text(picked)  # 5T-001 meets 4 of 5 targets, 5T-002 none of its 5
    assert f"overview-project-targets-{FIVE}" in shown
    assert list(shown[f"overview-project-targets-{FIVE}"]["figure"]["data"][0]["x"]) == ["P1", "P2", "P3", "P4", "P5"]
    district = components(overview(server.client("wuzhong"), server.base, f"?programme={FIVE}"))
    assert list(district[f"overview-heatmap-{FIVE}"]["figure"]["data"][0]["y"]) == ["吴中区"]


def test_the_project_list_risk_page_and_exports_show_the_programme_picked(shaped):
    _, server = shaped
    bureau, base = server.client("bureau"), server.base
    grid = components(page(bureau, base, "/projects", f"?programme={FIVE}"))["projects-grid"]
    picked = grid["filterModel"]  # the picker's address filters the grid on the programme column
    assert picked == {"programme": {"filterType": "text", "type": "equals", "filter": FIVE}}
    request = {"startRow": 0, "endRow": 100, "filterModel": picked}
    rows = fire(bureau, base, "projects-grid", [request])["projects-grid"]["getRowsResponse"]["rowData"]
    assert {r["programme"] for r in rows} == {FIVE}
    assert {r["project_code"].split("]")[0][1:]: r["targets_achieved"] for r in rows} == {"5T-001": "4/5",
                                                                                            "5T-002": "0/5"}
    every = fire(bureau, base, "projects-grid", [{"startRow": 0, "endRow": 100}])
    assert {r["programme"] for r in every["projects-grid"]["getRowsResponse"]["rowData"]} == {"SZIPS-2024", FIVE}
    sheet = workbook(fire(bureau, base, "projects-download", [1], [request]), "projects-download")
    header, *body = list(sheet.iter_rows(values_only=True))
    assert {r[header.index("计划")] for r in body} == {FIVE} and {r[header.index("目标")] for r in body} == {"4/5", "0/5"}
    risk = page(bureau, base, "/risk", f"?programme={FIVE}")
    assert "programme-picker" in components(risk) and "SZIPS-2024-" not in text(risk)


def workbook(response, output):
    content = base64.b64decode(response[output]["data"]["content"])
    return openpyxl.load_workbook(io.BytesIO(content)).active


def test_the_applications_page_lets_a_district_recommend_an_applicant_of_either_programme(shaped):
    _, server = shaped
    district, base = server.client("wuzhong"), server.base
    form = components(page(district, base, "/applications"))
    values = {o["value"] for o in form["recommend-uscc"]["options"]}
    assert {f"{FIVE}|{ENTERPRISE_1}", f"SZIPS-2024|{ENTERPRISE_1}"} <= values
    done = fire(district, base, "recommend-message", [1],
                [f"{FIVE}|{ENTERPRISE_1}", "district_recommended", None, None])
    message = done["recommend-message"]["children"]
    assert ENTERPRISE_1 in message and label(ApplicationState.DISTRICT_RECOMMENDED) in message
    # the application's state moved in the programme picked only
    sheet = workbook(fire(server.client("bureau"), base, "applications-download", [1], [FIVE]), "applications-download")
    header, *body = list(sheet.iter_rows(values_only=True))
    state = header.index(zh("col.recommendation"))
    mine = next(r for r in body if r[header.index(zh("col.uscc"))] == ENTERPRISE_1)
    assert {r[header.index(zh("col.programme"))] for r in body} == {FIVE}
    assert mine[state] == label(ApplicationState.DISTRICT_RECOMMENDED)
    eight = workbook(fire(server.client("bureau"), base, "applications-download", [1], ["SZIPS-2024"]),
                     "applications-download")
    header, *body = list(eight.iter_rows(values_only=True))
    mine = next(r for r in body if r[header.index(zh("col.uscc"))] == ENTERPRISE_1)
    assert mine[header.index(zh("col.recommendation"))] == label(ApplicationState.SUBMITTED)


def test_an_enterprise_with_projects_in_two_programmes_works_on_both(shaped):
    t, server = shaped
    ent, base = server.client("ent1"), server.base
    bench = page(ent, base, "/")
    found = components(bench)
    assert {"checklist-SZIPS-2024-001", "checklist-5T-001"} <= set(found)
    assert "（4/5）" in text(bench) and re.search(r"（\d/8）", text(bench))
    five_rows = text(found["checklist-5T-001"])
    assert shows_every_target(five_rows)
    assert not EIGHT.search(five_rows) and not any(name in five_rows for name in EIGHT_TARGETS)
    # the claim form offers each project's own programme's indicators
    options = fire(ent, base, "claim-indicator", ["5T-001"])
    ids = {o["value"] for o in options["claim-indicator"]["options"]}
    assert ids == {"pct_filings", "patent_navigation", "drafted_standards", "trained_staff", "licence_income_ratio",
                   "final_report"}
    eight = {o["value"] for o in fire(ent, base, "claim-indicator", ["SZIPS-2024-001"])["claim-indicator"]["options"]}
    assert "university_patents" in eight and not eight & ids
    # and a claim against a project is checked against that project's programme
    claimed = ent.post(f"{base}/api/projects/5T-001/achievements",
                       json={"indicator": "pct_filings", "date": "2025-08-01", "title": "PCT申请三",
                             "reference": "PCT/CN2025/000103"})
    assert claimed.status_code == 201, claimed.text
    refused = ent.post(f"{base}/api/projects/5T-001/achievements",
                       json={"indicator": "university_patents", "date": "2025-08-01", "title": "不属于本计划"})
    assert refused.status_code == 400
    records = [r for r in t.json("achievements", "list", "--project", "5T-001") if r["title"] == "PCT申请三"]
    assert [r["status"] for r in records] == ["claimed"]


def test_the_project_page_and_calendar_of_a_five_target_project(shaped):
    _, server = shaped
    bureau, base = server.client("bureau"), server.base
    project = page(bureau, base, "/project/5T-001")
    indicators = text(components(project)["project-indicators"])
    assert shows_every_target(indicators)
    assert not EIGHT.search(indicators) and not any(name in indicators for name in EIGHT_TARGETS)
    ics = bureau.get(f"{base}/api/projects/5T-001/calendar.ics")
    assert ics.status_code == 200
    body = ics.content.decode()
    assert "前2个月" in body.replace("\r\n ", "") and "-P45D" in body and "-P15D" in body and "-P60D" not in body
    api = bureau.get(f"{base}/api/projects/5T-001").json()
    assert (api["targets_achieved"], [t["id"] for t in api["targets"]]) == (4, ["P1", "P2", "P3", "P4", "P5"])


def test_the_project_api_lists_one_programme_and_names_the_known_codes_for_an_unknown_one(shaped):
    _, server = shaped
    bureau, base = server.client("bureau"), server.base
    every = {p["project_code"] for p in bureau.get(f"{base}/api/projects").json()}
    five = bureau.get(f"{base}/api/projects", params={"programme": FIVE})
    assert five.status_code == 200
    assert {p["project_code"] for p in five.json()} == {"5T-001", "5T-002"} < every
    eight = {p["project_code"] for p in bureau.get(f"{base}/api/projects", params={"programme": "SZIPS-2024"}).json()}
    assert eight == every - {"5T-001", "5T-002"} and eight
    assert bureau.get(f"{base}/api/projects", params={"programme": "SZIPS-2025"}).json() == []
    mine = {p["project_code"] for p in server.client("ent1").get(f"{base}/api/projects",
                                                                  params={"programme": FIVE}).json()}
    assert mine == {"5T-001"}  # the filter narrows what the user may see, never widens it
    unknown = bureau.get(f"{base}/api/projects", params={"programme": "SZIPS-2099"})
    assert unknown.status_code == 400
    [problem] = unknown.json()["errors"]
    assert problem["field"] == "programme" and "SZIPS-2099" in problem["message"]
    assert all(code in problem["message"] for code in ("SZIPS-2024", "SZIPS-2025", FIVE))
