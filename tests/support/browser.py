"""Driving the system Chromium with Playwright: sign in as a user, open pages with a
screenshot each, pick options in Dash dropdowns. Screenshots go under tests/web/screenshots/."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from support.web import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parent.parent / "web" / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError("CI must install chromium (see .ci/run)")
        pytest.skip("no system Chromium on this machine", allow_module_level=True)


# Dash is idle: no callback requested, waiting, running or being applied. Picking an option fires
# callbacks at once (the claim form shows and hides its field groups); the next step waits for them,
# not for Playwright's "networkidle", which once reached for a page resolves at once. Until the
# renderer is hydrated (layout fetched, initial callbacks requested) an empty store looks idle too.
DASH_IDLE = """() => (window.dash_stores || []).length > 0 && window.dash_stores.every(store => {
    const state = store.getState(), pending = state.callbacks || {};
    return state.appLifecycle === 'HYDRATED' && !state.isLoading && ['requested', 'prioritized', 'blocked', 'executing', 'watched', 'executed', 'stored']
        .every(stage => !(pending[stage] || []).length);
})"""


# Dash idle (the page's own callbacks answered: before they are, a page has no graph to wait
# for), no component loading, no figures still to come, and every graph drawn by Plotly.
DRAWN = f"""() => ({DASH_IDLE})() && !document.querySelector('[data-dash-is-loading="true"], .figures-pending')
    && [...document.querySelectorAll('.dash-graph')].every(g => g.querySelector('.main-svg'))"""


def dash_idle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until every Dash callback has answered and been applied to the page."""
    page.wait_for_function(DASH_IDLE)


# The dropdown's menu as choose() needs it: open with its search box focused (typed Chinese goes
# in as inserted text, which a focused button would drop), or closed again.
MENU = """id => {
    const trigger = document.getElementById(id), open = trigger.getAttribute('aria-expanded') === 'true';
    if (!trigger.wasOpened) return null;  // the click not yet answered
    return !open ? 'closed' : document.activeElement?.matches('.dash-dropdown-search') ? 'searching' : null;
}"""
# Marks the trigger once its menu has opened, however briefly (MENU above reads the mark).
WATCH_OPENING = """trigger => { trigger.wasOpened = false;
    new MutationObserver((_, watcher) => { if (trigger.getAttribute('aria-expanded') === 'true') {
        trigger.wasOpened = true; watcher.disconnect(); } })
        .observe(trigger, {attributes: true, attributeFilter: ['aria-expanded']}); }"""
# After the search: the option shown, or the menu closed again.
PICKABLE = """([id, text, exact]) => document.getElementById(id).getAttribute('aria-expanded') !== 'true' ? 'closed'
    : [...document.querySelectorAll('[role=option]')].some(o => exact ? o.innerText.trim() === text
                                                                    : o.innerText.includes(text)) ? 'shown' : null"""


def choose(page, dropdown_id: str, text: str, exact: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Pick the option named `text` in a Dash dropdown: open it once Dash is idle, type into its
    search box once that has the focus, click that very option, and wait until the pick is shown
    and its own callbacks have answered (typing and Enter could pick a neighbour).

    A menu can close by itself just after opening: Radix (under Dash 4's dropdown) restores the
    focus to the field typed in before, a few tens of ms later, and reads that as a focus outside
    the menu (seen in the browser's focus events: search box focused, then the previous input,
    then the menu gone). The menu is then opened again: a state checked, not a delay."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    dash_idle(page)
    trigger = page.locator(f"#{dropdown_id}")
    # centred, so that the menu has room to open below it inside the window
    trigger.evaluate("e => e.scrollIntoView({block: 'center'})")
    for _ in range(3):
        trigger.evaluate(WATCH_OPENING)
        trigger.click()
        if page.wait_for_function(MENU, arg=dropdown_id).json_value() == "closed":
            continue
        page.keyboard.type(text)
        if page.wait_for_function(PICKABLE, arg=[dropdown_id, text, exact]).json_value() == "shown":
            break
    page.get_by_role("option", name=text, exact=exact).first.click()
    page.wait_for_function(
        "([id, text]) => (document.getElementById(id + '-value') || {}).innerText?.includes(text)",
        arg=[dropdown_id, text])
    dash_idle(page)


class Visit:
    """One signed-in browser context; `errors` collects console errors and page errors."""

    def __init__(self, browser, base: str, username: str):  # type: ignore[no-untyped-def]
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.base = base
        self.page.goto(base + "/login")
        self.page.get_by_label("用户名").fill(username)
        self.page.get_by_label("密码").fill(PASSWORD)
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_load_state("networkidle")
        self.username = username

    def open(self, path: str) -> str:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        dash_idle(self.page)
        self.page.wait_for_function(DRAWN)  # the figures, before the screenshot
        name = path.strip("/").replace("/", "_") or "home"
        self.shot(name)
        return self.page.inner_text("body")

    def shot(self, name: str, full_page: bool = True) -> None:
        SHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{self.username}-{name}.png"), full_page=full_page)

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """One Chromium per test module (import this fixture into the module)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()
