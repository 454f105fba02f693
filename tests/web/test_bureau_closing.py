"""The bureau's closing-stage forms on the project page, over real HTTP through the page's own
callbacks: the acceptance review with the rule's conclusion beside the panel's findings and a
reason required to depart, the recall proposal with the rule's amount, and the decision."""
import json

import pytest

from test_dash_callbacks import dependencies
from test_no_codes_visible import codes_in, forbidden_codes, visible_text
from tracker.paths import programmes_dir
from tracker.programme import load_programme_file

PROGRAMME = load_programme_file(programmes_dir() / "szips-2024.toml")
TARGETS = [tg.id for tg in PROGRAMME.targets]


def page(server, user, code):
    client = server.client(user)
    deps = dependencies(client, server.base)
    r = client.post(f"{server.base}/_dash-update-component", json=_payload(deps, "_pages_content", [
        ("url", "pathname", f"/project/{code}"), ("url", "search", "")]))
    assert r.status_code == 200, r.text[:300]
    tree = r.json()["response"]
    return json.dumps(tree, ensure_ascii=False), " ".join(visible_text(tree))


def _payload(deps, prefix, inputs, state=()):
    output = next(o for o in deps if prefix in o)
    dep = deps[output]

    def spec(items, given):
        out = []
        for item, (ident, prop, value) in zip(items, given):
            if isinstance(ident, list):  # an ALL wildcard: one entry per matched component
                out.append([{"id": i, "property": prop, "value": v} for i, v in zip(ident, value)])
            else:
                out.append({"id": json.loads(item["id"]) if item["id"].startswith("{") else item["id"],
                            "property": prop, "value": value})
        return out
    outputs = ([{"id": o.split(".")[0], "property": o.split(".")[1]} for o in output.strip(".").split("...")]
               if output.startswith("..") else {"id": output.rsplit(".", 1)[0], "property": output.rsplit(".", 1)[1]})
    first = dep["inputs"][0]
    return {"output": output, "outputs": outputs, "inputs": spec(dep["inputs"], inputs),
            "state": spec(dep["state"], state), "changedPropIds": [f"{first['id']}.{first['property']}"]}


def fire(server, user, prefix, inputs, state=()):
    client = server.client(user)
    r = client.post(f"{server.base}/_dash-update-component",
                    json=_payload(dependencies(client, server.base), prefix, inputs, state))
    assert r.status_code == 200, r.text[:500]
    return r.json()["response"]


def findings_ids():
    return [{"type": "ar-finding", "target": tg} for tg in TARGETS]


def review(server, findings, conclusion, reason, code="SZIPS-2024-001"):
    data = {"code": code, "ledger": {tg: "unmet" for tg in TARGETS}, "min": 6, "re": False}
    out = fire(server, "bureau", "ar-message", [("ar-submit", "submit_n_clicks", 1)], [
        ("ar-code", "data", data), ("ar-on", "date", "2026-11-25"), ("ar-panel", "value", "张教授、李研究员、王高工"),
        (findings_ids(), "value", findings), ("ar-conclusion", "value", conclusion), ("ar-reason", "value", reason)])
    return out["ar-message"]["children"], out["ar-message"]["className"]


def test_the_review_form_shows_the_rule_beside_the_panel_and_asks_a_reason_to_depart(sqlite_portfolio, sqlite_server):
    t, s = sqlite_portfolio, sqlite_server
    t("projects", "transition", "SZIPS-2024-001", "acceptance_requested", "--on", "2026-09-01")
    raw, text = page(s, "bureau", "SZIPS-2024-001")
    assert "记录验收评审" in text and "规则结论：不通过（达成 0/8 项目标）" in text and "依台账" in text
    assert codes_in(iter([text]), forbidden_codes()) == set()
    assert "ar-submit" not in page(s, "auditor", "SZIPS-2024-001")[0]
    assert "ar-submit" not in page(s, "wuzhong", "SZIPS-2024-001")[0]
    six = ["met"] * 6 + ["unmet"] * 2
    ruled = fire(s, "bureau", "ar-rule", [(findings_ids(), "value", six)], [("ar-code", "data", {
        "code": "SZIPS-2024-001", "ledger": {tg: "unmet" for tg in TARGETS}, "min": 6, "re": False})])
    assert ruled["ar-rule"]["children"] == "规则结论：限期整改（达成 6/8 项目标）"
    message, css = review(s, six, "passed", None)
    assert css == "message error" and "理由" in message
    assert t.json("status", "--project", "SZIPS-2024-001")[0]["state"] == "acceptance_requested"
    message, css = review(s, six, "rectify", "专家组现场核实了六项目标")
    assert css == "message" and "评审已记录" in message
    status = t.json("status", "--project", "SZIPS-2024-001")[0]
    assert (status["state"], status["acceptance"]["flags"]) == ("rectifying", ["finding_overridden"])


def test_the_bureau_proposes_the_rule_amount_and_decides_only_when_due(sqlite_portfolio, sqlite_server):
    t, s = sqlite_portfolio, sqlite_server
    t("funds", "disburse", "SZIPS-2024-002", "20", "--on", "2025-04-01", "--by", "市局财务")
    t("projects", "transition", "SZIPS-2024-002", "terminated", "--on", "2026-11-01")
    raw, text = page(s, "bureau", "SZIPS-2024-002")
    assert "按规则应收回 20.00 万元（已终止；净拨付 20.00 万元）" in text
    out = fire(s, "bureau", "recall-message", [("recall-submit", "submit_n_clicks", 1)], [
        ("recall-code", "data", "SZIPS-2024-002"), ("recall-on", "date", "2026-11-25"),
        ("recall-amount", "value", "20.00"), ("recall-reason", "value", "")])
    assert out["recall-message"]["className"] == "message" and "已提出" in out["recall-message"]["children"]
    raw, text = page(s, "bureau", "SZIPS-2024-002")
    assert "企业尚未提交陈述申辩" in text and "decide-submit" in raw and "recall-submit" not in raw

    def decide(on):
        out = fire(s, "bureau", "decide-message", [("decide-submit", "submit_n_clicks", 1)], [
            ("decide-code", "data", "SZIPS-2024-002"), ("decide-on", "date", on),
            ("decide-amount", "value", "20"), ("decide-reason", "value", None)])
        return out["decide-message"]["children"], out["decide-message"]["className"]
    message, css = decide("2026-11-26")
    assert css == "message error"
    assert t.json("recall", "list")[0]["state"] == "proposed"
    message, css = decide("2026-12-08")  # after the effective response deadline (2026-12-07, a Monday)
    assert css == "message" and "决定已记录" in message
    assert t.json("status", "--project", "SZIPS-2024-002")[0]["state"] == "funds_recalled"
