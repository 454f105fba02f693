"""At 390 px (a phone) the navigation folds behind a menu button, the overview's charts stack,
and no page of any role scrolls sideways (document.scrollWidth <= window.innerWidth)."""
from __future__ import annotations

import pytest

from support.browser import DRAWN, browser, require_chromium  # noqa: F401 (browser: fixture)
from support.web import PASSWORD

require_chromium()

PAGES = {"bureau": ["/", "/projects", "/alerts", "/reviews", "/applications", "/funds", "/risk", "/audit",
                    "/project/SZIPS-2024-001"],
         "wuzhong": ["/", "/projects", "/alerts", "/reviews", "/applications", "/funds"],
         "ent1": ["/"], "auditor": ["/", "/audit", "/funds"]}


@pytest.mark.parametrize("username", sorted(PAGES))
def test_no_page_scrolls_sideways_on_a_phone_and_the_navigation_is_a_menu(browser, sqlite_server, username):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    try:
        page.goto(sqlite_server.base + "/login")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state("networkidle")
        wide = {}
        for path in PAGES[username]:
            page.goto(sqlite_server.base + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_function(DRAWN)
            assert page.locator("main.page h2, main.page .cards, main.page #workbench").first.is_visible(), path
            width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if width[0] > width[1]:
                wide[path] = width
        assert wide == {}
        assert not page.locator("header.top nav.wide").is_visible()
        menu = page.locator("details.menu nav")
        assert not menu.is_visible()
        page.get_by_text("☰ 菜单").click()
        assert menu.is_visible() and menu.locator("a").count() >= 1
        if username == "bureau":
            page.goto(sqlite_server.base + "/")
            page.wait_for_function(DRAWN)
            boxes = [page.locator(f"#{g}").bounding_box() for g in ("overview-district", "overview-cluster")]
            assert boxes[1]["y"] >= boxes[0]["y"] + boxes[0]["height"] - 1  # stacked, not side by side
        page.screenshot(path=str(__import__("support.browser", fromlist=["SHOTS"]).SHOTS / f"phone-{username}.png"),
                        full_page=True)
    finally:
        context.close()
