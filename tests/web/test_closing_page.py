"""The closing page for auditors and the bureau: recall totals, the cases, and the decisions that
departed from the rule, filtered by flag; all in words."""
import json

import pytest

from test_dash_callbacks import call, dependencies
from test_no_codes_visible import codes_in, forbidden_codes, visible_text, workbook_text

PANEL = "张教授、李研究员、王高工"


@pytest.fixture
def departed(sqlite_portfolio):
    """SZIPS-2024-001 failed by a panel against the rule's rectify... and recalled below the rule;
    SZIPS-2024-002 amended after its deadline is not possible (in progress, deadline ahead), so
    it is amended normally and must not be listed."""
    t = sqlite_portfolio
    t("funds", "disburse", "SZIPS-2024-001", "40", "--on", "2025-02-01", "--by", "市局财务")
    t("projects", "transition", "SZIPS-2024-001", "acceptance_requested", "--on", "2026-09-01")
    t("acceptance", "review", "SZIPS-2024-001", "--on", "2026-09-20", "--panel", PANEL, "--conclusion", "failed",
      "--by", "市局", "--finding", "T1=met", "--reason", "专家组认定")
    t("recall", "propose", "SZIPS-2024-001", "--on", "2026-09-21", "--by", "市局", "--amount", "10",
      "--reason", "部分完成")
    t("projects", "amend", "SZIPS-2024-002", "--on", "2026-01-10", "--by", "市局", "--reason", "延期",
      "--end", "2027-06-30")
    return t


def page(server, role, query=""):
    client = server.client(role)
    r = call(client, server.base, dependencies(client, server.base), "_pages_content", ["/closing", query])
    assert r.status_code == 200, r.text[:300]
    return r.json()["response"], " ".join(visible_text(r.json()["response"]))


def test_the_auditor_sees_totals_cases_and_departures_in_words_and_filters_them_by_flag(departed, sqlite_server):
    tree, text = page(sqlite_server, "auditor")
    assert "收回案件数" in text and "10.00" in text and "40.00" in text  # proposed 10 of a net 40
    assert "SZIPS-2024-001" in text and "待决定" in text and "金额与规则金额不同" in text
    assert "专家组改变了依台账得出的目标结论" in text and "部分完成" in text
    assert "SZIPS-2024-002" not in text.split("资金收回案件")[0]  # its amendment departed from nothing
    assert codes_in(iter(visible_text(tree)), forbidden_codes()) == set()
    _tree, filtered = page(sqlite_server, "auditor", "?flag=amount_differs_from_rule")
    departures = filtered.split("与规则结论或规则金额不同的决定")[1].split("资金收回案件")[0]
    assert "部分完成" in departures and "专家组认定" not in departures


def test_the_closing_page_is_for_the_bureau_and_auditors_only(departed, sqlite_server):
    assert "收回案件数" in page(sqlite_server, "bureau")[1]
    for role in ("wuzhong", "ent1"):
        assert "收回案件数" not in page(sqlite_server, role)[1]


def test_the_closing_exports_and_the_dossier_show_no_code(departed, sqlite_server):
    import io
    import zipfile
    client, base, codes = sqlite_server.client("bureau"), sqlite_server.base, forbidden_codes()
    for path in ("/api/acceptance/export.xlsx", "/api/recall/export.xlsx"):
        text = list(workbook_text(client.get(base + path).content))
        assert "SZIPS-2024-001" in text and codes_in(iter(text), codes) == set(), path
    z = zipfile.ZipFile(io.BytesIO(client.get(base + "/api/projects/SZIPS-2024-001/dossier.zip").content))
    assert codes_in(iter(workbook_text(z.read("ledger.xlsx"))), codes) == set()
    assert codes_in(iter(workbook_text(z.read("audit.xlsx"))), codes) == set()
