"""The pages in a real browser (Playwright driving the system Chromium): every role signs in,
walks every page of its navigation with no console error, and sees what it should; an
enterprise claims with a PDF, the bureau verifies, the enterprise's checklist changes.
A screenshot of every page is saved under tests/web/screenshots/."""
from __future__ import annotations

import pytest

from support.browser import Visit, browser, choose, require_chromium  # noqa: F401 (browser: fixture)

from support.files import minimal_pdf

require_chromium()

ROLE_USERS = {"bureau": "bureau", "district": "wuzhong", "enterprise": "ent1", "auditor": "auditor"}
NAVIGATION = {"bureau": ["/", "/projects", "/alerts", "/reviews", "/applications", "/funds", "/risk", "/closing", "/audit"],
              "district": ["/", "/projects", "/alerts", "/reviews", "/applications", "/funds"],
              "enterprise": ["/"], "auditor": ["/", "/projects", "/alerts", "/funds", "/risk", "/closing", "/audit"]}
PDF = minimal_pdf()


def test_the_login_page_has_labelled_inputs_and_a_sign_in_button(browser, sqlite_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(sqlite_server.base + "/projects")
    assert page.url.endswith("/login")
    assert page.get_by_label("用户名").is_visible() and page.get_by_label("密码").is_visible()
    page.get_by_label("用户名").fill("bureau")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    assert "用户名或密码错误" in page.inner_text("body")
    context.close()


@pytest.mark.parametrize("role", sorted(ROLE_USERS))
def test_each_role_walks_every_page_without_console_errors(browser, sqlite_server, role):
    visit = Visit(browser, sqlite_server.base, ROLE_USERS[role])
    try:
        texts = {path: visit.open(path) for path in NAVIGATION[role]}
        if role != "enterprise":
            texts["/project/SZIPS-2024-001"] = visit.open("/project/SZIPS-2024-001")
        assert visit.errors == []
        home = texts["/"]
        if role == "enterprise":
            assert "SZIPS-2024-001" in home and "SZIPS-2024-002" not in home
            assert "已超过验收申请截止日" in home  # 2026-09-30 has passed on the test day
            assert "还需" in home and "绩效目标清单" in home
        else:
            assert "风险资金" in home and "各地区绩效目标达成率" in home
        if role in ("bureau", "auditor"):
            visit.page.goto(sqlite_server.base + "/projects")
            visit.page.wait_for_selector("text=SZIPS-2024-003")
            assert "SZIPS-2024-002" in visit.page.inner_text("body")
        if role == "district":
            visit.page.goto(sqlite_server.base + "/projects")
            visit.page.wait_for_selector("text=SZIPS-2024-001")
            body = visit.page.inner_text("body")
            assert "SZIPS-2024-002" not in body and "SZIPS-2024-003" not in body
            assert "无权" in visit.open("/audit")  # not in its navigation, and refused if typed
        if role == "auditor":
            assert "变更" not in texts["/project/SZIPS-2024-001"]  # nothing that writes
    finally:
        visit.close()


def test_an_enterprise_claims_with_a_pdf_the_bureau_verifies_and_the_checklist_changes(browser, sqlite_server,
                                                                                       tmp_path):
    evidence = tmp_path / "专利池.pdf"
    evidence.write_bytes(PDF)
    ent = Visit(browser, sqlite_server.base, "ent1")
    try:
        choose(ent.page, "claim-indicator", "专利池", exact=False)
        ent.page.fill("#claim-date", "2025-08-01")
        ent.page.fill("#claim-title", "标准必要专利池建立")
        ent.page.set_input_files("#claim-upload input[type=file]", str(evidence))
        ent.page.click("#claim-submit")
        ent.page.wait_for_selector("#claim-message:has-text('已提交')")
        row = ent.page.locator("#checklist-SZIPS-2024-001 tr", has_text="专利池")
        before = row.inner_text()
        assert "还需" in before
    finally:
        ent.close()
    bureau = Visit(browser, sqlite_server.base, "bureau")
    try:
        text = bureau.open("/reviews")
        assert "标准必要专利池建立" in text
        row = bureau.page.locator("#review-queue tr", has_text="标准必要专利池建立")
        row.get_by_role("button", name="核实").click()
        bureau.page.wait_for_selector("#rq-message:has-text('已核实')")
        assert bureau.errors == []
    finally:
        bureau.close()
    ent = Visit(browser, sqlite_server.base, "ent1")
    try:
        ent.open("/")
        after = ent.page.locator("#checklist-SZIPS-2024-001 tr", has_text="专利池").inner_text()
        assert "已达成" in after and after != before
        assert ent.errors == []
    finally:
        ent.close()


def test_a_district_recommends_its_applicant_from_the_page_and_the_language_switches(browser, sqlite_server,
                                                                                    sqlite_portfolio):
    visit = Visit(browser, sqlite_server.base, "wuzhong")
    try:
        text = visit.open("/applications")
        assert "91320506301104144E" in text and "91320571231669536Q" not in text  # its district only
        choose(visit.page, "recommend-uscc", "91320506301104144E", exact=False)
        row = visit.page.locator("#applications-table tr", has_text="91320506301104144E")
        assert "地区已推荐" not in row.inner_text()
        visit.page.click("#recommend-submit")
        visit.page.wait_for_selector("#recommend-message:has-text('申报 91320506301104144E：地区已推荐')")
        visit.page.wait_for_selector("#applications-table tr:has-text('91320506301104144E'):has-text('地区已推荐')")
        visit.shot("day-recommended")  # the row changed in place, without a reload
        visit.page.get_by_text("English").click()
        visit.page.wait_for_load_state("networkidle")
        assert "Overview" in visit.page.inner_text("header") and "Sign out" in visit.page.inner_text("header")
        assert visit.errors == []
    finally:
        visit.close()
    states = {r["uscc"]: r["state"] for r in sqlite_portfolio.json("applications", "screen", "--programme", "SZIPS-2024")}
    assert states["91320506301104144E"] == "district_recommended"
