"""First paint in Chromium: how long after signing in the first page shows content, and the
overview its figures. The figures are printed (and kept for the README); nothing is timed-asserted,
since the machine's load varies, but the content itself must appear."""
from __future__ import annotations

import time

from support.browser import DRAWN, LAUNCH_ARGS, browser, require_chromium  # noqa: F401 (browser: fixture)
from support.web import PASSWORD

require_chromium()


def sign_in_and_time(browser, base: str, username: str, content: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(base + "/login")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(PASSWORD)
        started = time.perf_counter()
        page.get_by_role("button", name="登录").click()
        page.wait_for_selector(content)
        first = time.perf_counter() - started
        page.wait_for_function(DRAWN)
        return first, time.perf_counter() - started
    finally:
        context.close()


def test_first_paint_and_overview_figures_are_measured(browser, sqlite_server):
    # a cold browser cache first (what a new user meets), then a warm one
    cold = sign_in_and_time(browser, sqlite_server.base, "bureau", "#overview .card")
    warm = sign_in_and_time(browser, sqlite_server.base, "bureau", "#overview .card")
    ent = sign_in_and_time(browser, sqlite_server.base, "ent1", "#workbench, .countdown")
    print(f"\nfirst paint after sign-in (bureau overview): cold {cold[0]:.2f} s, warm {warm[0]:.2f} s; "
          f"overview with every figure drawn: cold {cold[1]:.2f} s, warm {warm[1]:.2f} s; "
          f"enterprise workbench: {ent[0]:.2f} s")
    assert cold[0] <= cold[1] and warm[0] <= warm[1]
