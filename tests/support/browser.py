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
# No Dash component still loading, no figures still to come, and every graph drawn by Plotly.
DRAWN = """() => !document.querySelector('[data-dash-is-loading="true"], .figures-pending')
    && [...document.querySelectorAll('.dash-graph')].every(g => g.querySelector('.main-svg'))"""
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError("CI must install chromium (see .ci/run)")
        pytest.skip("no system Chromium on this machine", allow_module_level=True)


def choose(page, dropdown_id: str, text: str, exact: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Pick the option named `text` in a Dash dropdown: search, click that very option, and
    check the dropdown shows it (typing and pressing Enter could pick a neighbour)."""
    any_option = page.get_by_role("option")
    for _ in range(5):  # a click before the component is ready opens nothing: try again
        # a callback still in flight re-renders the form and closes a menu opened meanwhile
        page.wait_for_load_state("networkidle")
        # centred, so that the menu has room to open below it inside the window
        page.locator(f"#{dropdown_id}").evaluate("e => e.scrollIntoView({block: 'center'})")
        page.locator(f"#{dropdown_id}").click()
        try:
            any_option.first.wait_for(timeout=3000)
            break
        except Exception:  # noqa: BLE001 - Playwright's timeout; retried
            page.keyboard.press("Escape")
    page.keyboard.type(text)
    option = page.get_by_role("option", name=text, exact=exact)
    option.first.wait_for()
    option.first.click()
    page.wait_for_function(
        "([id, text]) => (document.getElementById(id + '-value') || {}).innerText?.includes(text)",
        arg=[dropdown_id, text])


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
