"""Bad input never gets a 500: the values attackers tried over the API and over every Dash
callback, and a seeded fuzz of every callback with hostile values."""
from __future__ import annotations

import json

import pytest
import requests
from hypothesis import HealthCheck, given, settings, strategies as st

from test_dash_callbacks import dependencies

HUGE = 2**64
CLAIM = {"indicator": "certified_staff", "date": "2025-10-01", "title": "证书", "reference": "H-1"}


def test_unknown_api_paths_answer_a_json_404(sqlite_server):
    for path in ("/api/nothing", "/api/projects/SZIPS-2024-001/nothing", "/api/"):
        r = requests.get(sqlite_server.base + path)
        assert r.status_code == 404 and r.headers["Content-Type"].startswith("application/json"), path


def test_the_hostile_values_of_the_attack_get_4xx_on_both_databases(server):
    b = server.base
    ent, bureau = server.client("ent1"), server.client("bureau")
    claim = f"{b}/api/projects/SZIPS-2024-001/achievements"
    attempts = [
        bureau.post(f"{b}/api/achievements/{HUGE}/review", json={"decision": "verified"}),
        bureau.get(f"{b}/api/achievements/{HUGE}/evidence"),
        bureau.post(f"{b}/api/achievements/1/review", json={"decision": "rejected", "reason": "坏\x00理由"}),
        ent.post(claim, json={**CLAIM, "quantity": 10**30}),
        ent.post(claim, data='{"indicator": "certified_staff", "date": "2025-10-01", "title": "t", "quantity": 1e999999}',
                 headers={"Content-Type": "application/json"}),
        ent.post(claim, json={**CLAIM, "quantity": "1e999999"}),
        ent.post(claim, json={**CLAIM, "quantity": 2**31}),
        ent.post(claim, json={**CLAIM, "title": "名" * 301}),
        ent.post(claim, json={**CLAIM, "reference": "R" * 121}),
        ent.post(claim, json={**CLAIM, "title": "NUL\x00"}),
        ent.post(claim, data="[" * 100_000 + "]" * 100_000, headers={"Content-Type": "application/json"}),
        ent.get(f"{b}/api/projects/%00"),
        ent.get(f"{b}/api/projects", params={"today": "\x00"}),
        requests.post(f"{b}/api/login", json={"username": "ent1\x00", "password": "x" * 12}),
    ]
    for r in attempts:
        assert 400 <= r.status_code < 500, (r.request.method, r.request.url[:120], r.status_code, r.text[:300])
        r.json()
    assert len([a for a in ent.get(f"{b}/api/projects/SZIPS-2024-001/achievements").json()]) > 0


def post_callback(client, base, dep, inputs, state):
    def spec(items, values):
        return [{"id": json.loads(i["id"]) if i["id"].startswith("{") else i["id"], "property": i["property"],
                 "value": v} for i, v in zip(items, values)]
    out = dep["output"]
    def one(o):
        ident, prop = o.rsplit(".", 1)
        return {"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop}
    outputs = [one(o) for o in out[2:-2].split("...")] if out.startswith("..") else one(out)
    payload = {"output": out, "outputs": outputs, "inputs": spec(dep["inputs"], inputs),
               "state": spec(dep["state"], state),
               "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"]}
    # json.dumps writes NaN and Infinity as JavaScript does; Dash's parser accepts them.
    return client.post(f"{base}/_dash-update-component", data=json.dumps(payload),
                       headers={"Content-Type": "application/json"})


hostile_scalars = st.one_of(
    st.none(), st.booleans(), st.sampled_from([2**64, -2**63, 10**30, 0, -1, 2**31]),
    st.floats(allow_nan=True, allow_infinity=True), st.integers(),
    st.sampled_from(["project/x", "/project/", "/project/%00", "1e999999", "NaN", "../../etc", "\x00", "\x1b[2J",
                     "SZIPS-2024-002", "=1+1", "名" * 400, "/project/SZIPS-2024-001", "/", "/nowhere"]),
    st.text(max_size=20))
grid_requests = st.fixed_dictionaries({}, optional={
    "startRow": hostile_scalars, "endRow": hostile_scalars,
    "sortModel": st.lists(st.fixed_dictionaries({"colId": hostile_scalars, "sort": hostile_scalars}), max_size=2),
    "filterModel": st.dictionaries(st.text(max_size=12), st.fixed_dictionaries(
        {}, optional={"filter": hostile_scalars, "type": hostile_scalars, "filterType": hostile_scalars}),
        max_size=2)})
hostile_values = st.one_of(hostile_scalars, grid_requests, st.lists(hostile_scalars, max_size=3),
                           st.dictionaries(st.text(max_size=8), hostile_scalars, max_size=3))


@pytest.fixture
def signed_in(sqlite_server):
    clients = {u: sqlite_server.client(u) for u in ("bureau", "ent1", "wuzhong", "auditor")}
    return clients, dependencies(clients["bureau"], sqlite_server.base)


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_every_callback_with_hostile_values_never_gets_a_500(sqlite_server, signed_in, data):
    clients, deps = signed_in
    dep = data.draw(st.sampled_from(sorted(deps.values(), key=lambda d: d["output"])), label="callback")
    user = data.draw(st.sampled_from(sorted(clients)), label="user")
    inputs = [data.draw(hostile_values) for _ in dep["inputs"]]
    state = [data.draw(hostile_values) for _ in dep["state"]]
    r = post_callback(clients[user], sqlite_server.base, dep, inputs, state)
    assert r.status_code < 500, (dep["output"], user, inputs, state, r.text[:500])

