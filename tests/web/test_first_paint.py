"""First paint in Chromium: how long after the click on 登录 the first page shows its content
(the overview's KPI cards, the enterprise's countdown), and how long until the overview's
figures are all drawn. Each figure is the median of several sign-ins, with a cold browser cache
(a new browser context: what a new user meets) and a warm one (signing in again in the same
context). The figures are printed, for the README; nothing is timed-asserted, since the
machine's load varies, but the content itself must appear and be right."""
from __future__ import annotations

import re
import statistics
import time

from support.browser import DRAWN, browser, require_chromium  # noqa: F401 (browser: fixture)
from support.web import PASSWORD, TODAY

require_chromium()

RUNS = 5
OVERVIEW_GRAPHS = ("overview-heatmap-SZIPS-2024", "overview-pace", "overview-district", "overview-cluster",
                   "overview-timeline", "overview-project-targets-SZIPS-2024")


def signed_in(page, base: str, username: str, content: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Sign in; (the click's moment, seconds from it until `content` is on the screen)."""
    page.goto(base + "/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    started = time.perf_counter()
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector(content)
    return started, time.perf_counter() - started


def card_value(page, label: str) -> str:  # type: ignore[no-untyped-def]
    named = page.locator(".label", has_text=re.compile(f"^{re.escape(label)}$"))
    return page.locator("#overview .card").filter(has=named).locator(".value").inner_text()


def overview_times(page, base: str, projects: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(first paint, every figure drawn) of the bureau's overview, checking what each shows."""
    clicked, first = signed_in(page, base, "bureau", "#overview .card .value")
    assert card_value(page, "项目") == str(projects)  # the cards carry the portfolio's numbers
    page.wait_for_function(DRAWN)
    drawn = time.perf_counter() - clicked
    for graph in OVERVIEW_GRAPHS:  # each figure is there and drawn by Plotly
        assert page.locator(f"#{graph} .main-svg").count() >= 1, graph
    return first, drawn


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s (runs {min(values):.2f}–{max(values):.2f})"


def test_first_paint_and_overview_figures_are_measured(browser, sqlite_server):
    base = sqlite_server.base
    portfolio = sqlite_server.client("bureau").get(f"{base}/api/projects", params={"today": TODAY.isoformat()}).json()
    cold_first, cold_drawn, warm_first, warm_drawn, workbench = [], [], [], [], []
    for _ in range(RUNS):
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
        page = context.new_page()
        try:
            first, drawn = overview_times(page, base, len(portfolio))
            cold_first.append(first), cold_drawn.append(drawn)
            context.clear_cookies()  # signed out; the browser keeps its cache
            first, drawn = overview_times(page, base, len(portfolio))
            warm_first.append(first), warm_drawn.append(drawn)
        finally:
            context.close()
    ent1 = sqlite_server.client("ent1").get(f"{base}/api/projects", params={"today": TODAY.isoformat()}).json()
    for _ in range(RUNS):
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
        page = context.new_page()
        try:
            code = ent1[0]["project_code"]
            workbench.append(signed_in(page, base, "ent1", f"#countdown-{code}")[1])
            assert page.inner_text(f"#countdown-{code}").split()[0] == str(ent1[0]["days_to_acceptance_request_deadline"])
        finally:
            context.close()
    print(f"\nfirst paint after sign-in, median of {RUNS}: bureau overview's cards cold {median(cold_first)}, "
          f"warm {median(warm_first)}; every overview figure drawn cold {median(cold_drawn)}, "
          f"warm {median(warm_drawn)}; enterprise workbench cold {median(workbench)}")
    assert all(f <= d for f, d in zip(cold_first + warm_first, cold_drawn + warm_drawn))
