"""Posting straight to Dash's callback endpoint as an enterprise, with other projects' codes and
other enterprises' record ids in every input, never returns their data or changes anything:
callbacks take the signed-in principal from the session, never from the browser."""
import base64
import io
import json

import openpyxl
import pytest
from support.files import minimal_pdf

OTHER = ["SZIPS-2024-002", "SZIPS-2024-003"]
OTHER_SECRETS = ("91320571231669536Q", "91320583788194722P", "苏州示例生物医药股份有限公司", "昆山示例电子材料有限公司",
                 "生物制药标准必要专利布局", "电子材料标准化", "CERT-B-1", "CERT-C-1")
PDF = "data:application/pdf;base64," + base64.b64encode(minimal_pdf()).decode()


def dependencies(client, base):
    return {d["output"]: d for d in client.get(f"{base}/_dash-dependencies").json()}


def by_input(deps, input_id):
    """The callback fired by the component `input_id` (several may write one output)."""
    return next(d for d in deps.values() if any(i["id"] == input_id for i in d["inputs"]))


def call(client, base, deps, output_prefix, inputs, state=(), changed=None, dep=None):
    """Fire the callback whose output starts with `output_prefix` (or `dep`) with these values."""
    dep = dep or next(d for o, d in deps.items() if output_prefix in o)
    def spec(items, values):
        return [{"id": i["id"] if not i["id"].startswith("{") else json.loads(i["id"]), "property": i["property"],
                 "value": v} for i, v in zip(items, values)]
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in
               dep["output"].strip(".").split("...")] if dep["output"].startswith("..") else \
              {"id": dep["output"].rsplit(".", 1)[0], "property": dep["output"].rsplit(".", 1)[1]}
    payload = {"output": dep["output"], "outputs": outputs, "inputs": spec(dep["inputs"], inputs),
               "state": spec(dep["state"], state),
               "changedPropIds": changed or [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"]}
    return client.post(f"{base}/_dash-update-component", json=payload)


def fire_pattern(client, base, dep, component_id, prop, state=()):
    """Fire a callback whose input is a pattern-matching ALL, as if `component_id` was clicked."""
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in dep["output"].strip(".").split("...")]
    payload = {"output": dep["output"], "outputs": outputs,
               "inputs": [[{"id": component_id, "property": prop, "value": 1}]],
               "state": [{"id": s["id"], "property": s["property"], "value": v} for s, v in zip(dep["state"], state)],
               "changedPropIds": [json.dumps(component_id, separators=(",", ":")) + "." + prop]}
    return client.post(f"{base}/_dash-update-component", json=payload)


def decoded(response) -> str:
    """The answer as text with Chinese unescaped, so that a leaked name would be seen."""
    try:
        return json.dumps(response.json(), ensure_ascii=False)
    except ValueError:
        return response.text


def assert_clean(response):
    text = decoded(response)
    assert response.status_code in (200, 204), text
    assert not any(secret in text for secret in OTHER_SECRETS), text


def test_forged_callback_inputs_never_reach_another_enterprise(sqlite_server, sqlite_portfolio):
    client, base = sqlite_server.client("ent1"), sqlite_server.base
    deps = dependencies(client, base)
    others = [r for r in sqlite_portfolio.json("achievements", "list") if r["project_code"] in OTHER]
    before = sqlite_portfolio.snapshot()
    for code in OTHER:
        # the page router with another project's page
        r = call(client, base, deps, "_pages_content", [f"/project/{code}", ""])
        assert_clean(r)
        # a claim for another project, with evidence
        fields = ["patent_pool", "2025-08-01", "伪造", 1, None, None, None, None, None, None]
        r = call(client, base, deps, "", [1], [code, *fields, PDF, "a.pdf", f"forged-{code}", None],
                 dep=by_input(deps, "claim-submit"))
        assert_clean(r)
        assert "不存在" in decoded(r)
        # the acceptance request of another project (the code is in the pattern-matching id)
        r = fire_pattern(client, base, by_input(deps, '{"code":["ALL"],"type":"accept-confirm"}'),
                         {"code": code, "type": "accept-confirm"}, "n_clicks")
        assert_clean(r)
        assert "不存在" in decoded(r)
        # a state change of another project
        assert_clean(call(client, base, deps, "move-message", [1], [code, "terminated", "伪造"]))
        # the grid and its export, filtered on another project
        request = {"startRow": 0, "endRow": 100, "sortModel": [],
                   "filterModel": {"project_code": {"filterType": "text", "type": "equals", "filter": code}}}
        r = call(client, base, deps, "projects-grid", [request])
        assert_clean(r)
        assert json.loads(r.text)["response"]["projects-grid"]["getRowsResponse"]["rowCount"] == 0
        r = call(client, base, deps, "projects-download", [1], [request])
        assert_clean(r)
    for record in others:
        r = call(client, base, deps, "review-message", [1], [record["id"], "verified", "伪造"])
        assert_clean(r)
        # another enterprise's record edited, loaded into the form, or withdrawn
        r = call(client, base, deps, "", [1], ["SZIPS-2024-001", *fields, None, None, None,
                                               {"id": record["id"], "version": 1, "status": "claimed"}],
                 dep=by_input(deps, "claim-submit"))
        assert_clean(r)
        assert "不存在" in decoded(r)
        for kind, prop, state in (("ledger-edit", "n_clicks", ["SZIPS-2024-001"]),
                                  ("ledger-withdraw", "submit_n_clicks", [])):
            r = fire_pattern(client, base, by_input(deps, '{"id":["ALL"],"type":"%s"}' % kind),
                             {"id": record["id"], "type": kind}, prop, state)
            assert_clean(r)
            assert "不存在" in decoded(r)
    # the unfiltered grid and export hold the enterprise's own project only
    r = call(client, base, deps, "projects-grid", [{"startRow": 0, "endRow": 100}])
    rows = json.loads(r.text)["response"]["projects-grid"]["getRowsResponse"]["rowData"]
    assert [row["project_code"] for row in rows] == ["[SZIPS-2024-001](/project/SZIPS-2024-001)"]
    r = call(client, base, deps, "projects-download", [1], [{"startRow": 0, "endRow": 100}])
    content = base64.b64decode(json.loads(r.text)["response"]["projects-download"]["data"]["content"])
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["SZIPS-2024-001"]
    r = call(client, base, deps, "applications-download", [1], [None])
    assert_clean(r)
    after = sqlite_portfolio.snapshot()
    for volatile in ("web_sessions", "sign_in_counters", "project_snapshots", "project_evaluations", "project_target_snapshots", "snapshot_state"):
        before.pop(volatile, None), after.pop(volatile, None)
    assert after == before


def test_a_malformed_callback_request_is_400_not_500(sqlite_server):
    client = sqlite_server.client("ent1")
    for body in ({}, {"output": "nothing.children", "inputs": [], "state": []}, [1, 2]):
        assert client.post(f"{sqlite_server.base}/_dash-update-component", json=body).status_code == 400


def test_dash_endpoints_refuse_anyone_not_signed_in(sqlite_server):
    import requests
    assert requests.get(f"{sqlite_server.base}/_dash-layout").status_code == 401
    assert requests.post(f"{sqlite_server.base}/_dash-update-component", json={}).status_code == 401
    assert requests.get(f"{sqlite_server.base}/projects", allow_redirects=False).headers["Location"].endswith("/login")
