"""The closing stage on the enterprise's workbench: a recall proposal with its response deadline
and the one statement it may file (text and a file), its acceptance review's findings and the
rectification countdown; over real HTTP, through the page's own callbacks."""
import base64
import json

import pytest

from support.files import minimal_pdf
from support.web import TODAY
from test_dash_callbacks import call, dependencies
from test_no_codes_visible import codes_in, forbidden_codes, visible_text

CODE = "SZIPS-2024-001"  # ent1's project
PANEL = "张教授、李研究员、王高工"
PDF = minimal_pdf("statement")


@pytest.fixture
def proposed(sqlite_portfolio):
    t = sqlite_portfolio
    t("funds", "disburse", CODE, "30", "--on", "2025-02-01", "--by", "市局财务")
    t("projects", "transition", CODE, "terminated", "--on", "2026-11-01")
    t("recall", "propose", CODE, "--on", "2026-11-20", "--by", "市局")  # response deadline 2026-11-30
    return t


def workbench(server, user):
    client = server.client(user)
    r = call(client, server.base, dependencies(client, server.base), "_pages_content", ["/", ""])
    assert r.status_code == 200, r.text[:300]
    tree = r.json()["response"]
    return tree, " ".join(visible_text(tree))


def file_statement(server, user, text, upload=None, filename=None):
    ids = {kind: {"code": CODE, "type": kind} for kind in
           ("statement-submit", "statement-text", "statement-upload", "statement-message")}
    client = server.client(user)
    output = next(o for o in dependencies(client, server.base) if "statement-message" in o)
    payload = {
        "output": output,
        "outputs": [{"id": ids["statement-message"], "property": "children"},
                    {"id": ids["statement-message"], "property": "className"}],
        "inputs": [{"id": ids["statement-submit"], "property": "submit_n_clicks", "value": 1}],
        "state": [{"id": ids["statement-submit"], "property": "id", "value": ids["statement-submit"]},
                  {"id": ids["statement-text"], "property": "value", "value": text},
                  {"id": ids["statement-upload"], "property": "contents", "value": upload},
                  {"id": ids["statement-upload"], "property": "filename", "value": filename}],
        "changedPropIds": [json.dumps(ids["statement-submit"], separators=(",", ":")) + ".submit_n_clicks"]}
    r = client.post(f"{server.base}/_dash-update-component", json=payload)
    assert r.status_code == 200, r.text[:500]
    out = next(iter(r.json()["response"].values()))
    return out["children"], out["className"]


def test_the_enterprise_sees_the_proposal_and_its_deadline_and_files_one_statement_with_a_file(proposed, sqlite_server):
    tree, text = workbench(sqlite_server, "ent1")
    assert "资金收回提议" in text and "30.00" in text and "已终止" in text
    assert "请在 2026-11-30 前提交陈述申辩，还剩 5 天" in text
    assert "statement-text" in json.dumps(tree)
    assert codes_in(iter(visible_text(tree)), forbidden_codes()) == set()
    # another enterprise forging the project code is told it does not exist, and nothing is written
    message, css = file_statement(sqlite_server, "ent2", "冒名")
    assert "不存在" in message and css == "message error"
    assert proposed.json("recall", "list")[0]["statement_on"] is None
    message, css = file_statement(sqlite_server, "ent1", "  ")
    assert "不能为空" in message and css == "message error"
    upload = "data:application/pdf;base64," + base64.b64encode(PDF).decode()
    message, css = file_statement(sqlite_server, "ent1", "项目因不可抗力终止，请求减免", upload, "说明.pdf")
    assert "陈述申辩已提交" in message and css == "message"
    case = proposed.json("recall", "list")[0]
    assert (case["statement_on"], case["statement"], case["statement_evidence"]["name"]) == (
        TODAY.isoformat(), "项目因不可抗力终止，请求减免", "说明.pdf")
    message, css = file_statement(sqlite_server, "ent1", "再补充")
    assert "不能再次提交" in message and css == "message error"
    tree, text = workbench(sqlite_server, "ent1")
    assert f"已于 {TODAY.isoformat()} 提交陈述申辩" in text and "项目因不可抗力终止，请求减免" in text
    assert "statement-text" not in json.dumps(tree)


def test_the_enterprise_sees_its_review_findings_and_the_rectification_countdown(sqlite_portfolio, sqlite_server):
    t = sqlite_portfolio
    t("projects", "transition", CODE, "acceptance_requested", "--on", "2026-09-01")
    t("acceptance", "review", CODE, "--on", "2026-10-20", "--panel", PANEL, "--conclusion", "rectify", "--by", "市局",
      "--reason", "企业承诺补齐")
    tree, text = workbench(sqlite_server, "ent1")
    assert "2026-10-20 评审结论：限期整改" in text and "理由：企业承诺补齐" in text
    assert "未达成" in text
    assert "整改期限 2027-01-20，还剩 56 天" in text  # 2026-10-20 + 3 months, a Wednesday
    assert codes_in(iter(visible_text(tree)), forbidden_codes()) == set()
    assert "评审结论" not in workbench(sqlite_server, "ent2")[1]
