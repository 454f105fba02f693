"""The review queue's target filter through Dash's own endpoints over real HTTP, with two
programmes whose targets share their ids: the options follow the programme filter, and one
programme's T2 shows that programme's claims only."""
import json

import pytest

from support.examples_db import two_programmes_claiming_t2
from support.web import PASSWORD, USERS, Server
from test_dash_callbacks import call, dependencies


@pytest.fixture
def queue_server(tmp_path, examples):
    t = two_programmes_claiming_t2(tmp_path, examples)
    t("users", "add", "bureau", *USERS["bureau"], "--password-stdin", input=PASSWORD + "\n")
    server = Server(t.url, tmp_path / "evidence")
    yield server
    server.close()


def found(tree, component_id):
    """The props of the component `component_id` in a rendered layout."""
    if isinstance(tree, dict):
        props = tree.get("props", {})
        if props.get("id") == component_id:
            return props
        tree = list(props.values())
    if isinstance(tree, list):
        return next((hit for item in tree if (hit := found(item, component_id)) is not None), None)
    return None


def test_the_target_filter_follows_the_programme_and_keeps_two_programmes_t2_apart(queue_server):
    bureau, base = queue_server.client("bureau"), queue_server.base
    deps = dependencies(bureau, base)
    page = call(bureau, base, deps, "_pages_content", ["/reviews", ""]).json()["response"]
    every = found(page["_pages_content"]["children"], "rq-target")["options"]
    t2 = [o for o in every if o["label"].startswith("T2 ")]
    assert len(t2) == 2 and len({o["value"] for o in every}) == len(every) == 16
    assert ["2024" in t2[0]["label"], "2025" in t2[1]["label"]] == [True, True]  # each names its programme

    picked = call(bureau, base, deps, "rq-target.options", ["SZIPS-2025"], [t2[0]["value"]]).json()["response"]
    options = picked["rq-target"]["options"]
    assert len(options) == 8 and all(json.loads(o["value"])[0] == "SZIPS-2025" for o in options)
    assert all("2025" not in o["label"] for o in options)  # the programme is already said by its filter
    assert picked["rq-target"]["value"] is None  # 2024's T2 is not among them: cleared

    def shown(target_value):
        answer = call(bureau, base, deps, "..rq-body.children", [None, None, target_value, None, None, 0, 0])
        assert answer.status_code == 200, answer.text
        return json.dumps(answer.json()["response"]["rq-body"], ensure_ascii=False)
    of_2024, of_2025 = shown(t2[0]["value"]), shown(t2[1]["value"])
    assert "ZL-2024-T2" in of_2024 and "ZL-2025-T2" not in of_2024
    assert "ZL-2025-T2" in of_2025 and "ZL-2024-T2" not in of_2025
