"""The bureau's decisions that close a project, on the project page in Chromium: the claims still
pending and the targets not achieved are shown first, a reason is required, the button says the
decision cannot be undone, and the page shows the new state at once, without a reload."""
from __future__ import annotations

from support.browser import Visit, browser, choose, require_chromium  # noqa: F401 (browser: fixture)

require_chromium()

from playwright.sync_api import expect  # noqa: E402

CODE = "SZIPS-2024-001"


def test_closing_a_project_shows_what_is_open_needs_a_reason_and_updates_the_page(browser, sqlite_server,
                                                                                  sqlite_portfolio):
    sqlite_portfolio("projects", "transition", CODE, "acceptance_requested", "--on", "2026-11-20")
    pending = sum(1 for r in sqlite_portfolio.json("achievements", "list", "--project", CODE)
                  if r["status"] == "claimed")
    before = sqlite_portfolio.snapshot()["audit_events"]
    bureau = Visit(browser, sqlite_server.base, "bureau")
    try:
        page = bureau.page
        bureau.open(f"/project/{CODE}")
        checks = page.locator("#move-checks")
        expect(checks).to_contain_text("不能撤回")
        expect(checks).to_contain_text(f"待审核或待改正的成果记录：{pending} 条")
        expect(checks).to_contain_text("未达成的绩效目标：T1")
        button = page.get_by_role("button", name="确认变更（不可撤回）")
        choose(page, "move-state", "已通过验收")
        button.click()
        expect(page.locator("#move-message")).to_have_text("结束项目的决定必须填写理由")
        assert sqlite_portfolio.snapshot()["audit_events"] == before  # nothing written
        page.fill("#move-reason", "专家组现场验收通过")
        bureau.shot("project-closing-check")
        button.click()
        expect(page.locator("#move-message")).to_have_text(f"项目 {CODE} 已变更为「已通过验收」")
        expect(page.locator("#project-state")).to_contain_text("已通过验收")
        expect(page.locator("#move-state")).to_have_count(0)  # an accepted project has no further state
        bureau.shot("project-closed")
        assert bureau.errors == []
    finally:
        bureau.close()
    assert sqlite_portfolio.json("status", "--project", CODE)[0]["state"] == "accepted"
