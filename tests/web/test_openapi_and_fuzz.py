"""The OpenAPI description covers every route; malformed input to any route never gets a 500."""
import json
import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dashboards.api.openapi import SPEC


def test_the_description_names_every_api_route_and_nothing_else(sqlite_server):
    served = set()
    for rule in sqlite_server.app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "{" + ("id" if m.group(1) == "achievement_id" else m.group(1)) + "}",
                          rule.rule)
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                served.add((path, method.lower()))
    described = {(path, method) for path, item in SPEC["paths"].items() for method in item}
    assert served == described
    import requests
    spec = requests.get(f"{sqlite_server.base}/api/openapi.json").json()
    assert spec["openapi"].startswith("3.") and spec["paths"].keys() == SPEC["paths"].keys()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12)
field_names = st.sampled_from(["indicator", "date", "title", "quantity", "level", "source_type", "year", "value",
                               "text", "reference", "evidence", "decision", "reason", "username", "password"])
bodies = st.one_of(json_values, st.dictionaries(field_names, json_values, max_size=8))
segments = st.one_of(st.sampled_from(["SZIPS-2024-001", "SZIPS-2024-002", "1", "2", "999999", "-1", "0"]),
                     st.text(min_size=1, max_size=20))
ROUTES = [(path, method) for path, item in SPEC["paths"].items() for method in item]


USERS = [None, "ent1", "bureau", "auditor", "wuzhong"]


@pytest.fixture
def clients(sqlite_server):
    """Signed in before any fuzzing: random failed logins may later throttle this address."""
    return {user: sqlite_server.client(user) if user else sqlite_server.client() for user in USERS}


@settings(max_examples=250, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(ROUTES), segment=segments, body=bodies, today=st.none() | st.text(max_size=12),
       user=st.sampled_from(USERS), as_form=st.booleans())
def test_malformed_input_to_any_route_never_gets_a_500(sqlite_server, clients, route, segment, body, today, user,
                                                       as_form):
    path, method = route
    url = sqlite_server.base + re.sub(r"\{\w+\}", quote(segment, safe=""), path)
    client = clients[user]
    params = {"today": today} if today is not None else None
    if method == "get":
        r = client.get(url, params=params)
    elif as_form and isinstance(body, dict):
        r = client.post(url, data={k: json.dumps(v) if not isinstance(v, str) else v for k, v in body.items()})
    else:
        r = client.post(url, params=params, data=json.dumps(body), headers={"Content-Type": "application/json"})
    assert r.status_code < 500, (method, url, body, r.text)
    if r.headers.get("Content-Type", "").startswith("application/json"):
        r.json()
