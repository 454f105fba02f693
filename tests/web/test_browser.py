"""The pages in a real browser (Playwright driving the system Chromium): every role signs in,
walks every page of its navigation with no console error, and sees what it should; an
enterprise claims with a PDF, the bureau verifies, the enterprise's checklist changes.
A screenshot of every page is saved under tests/web/screenshots/."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from support.web import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parent / "screenshots"
if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must install chromium (see .ci/run)")
    pytest.skip("no system Chromium on this machine", allow_module_level=True)

from playwright.sync_api import Page, sync_playwright  # noqa: E402

ROLE_USERS = {"bureau": "bureau", "district": "wuzhong", "enterprise": "ent1", "auditor": "auditor"}
NAVIGATION = {"bureau": ["/", "/projects", "/reviews", "/applications", "/risk", "/audit"],
              "district": ["/", "/projects", "/reviews", "/applications"],
              "enterprise": ["/"], "auditor": ["/", "/projects", "/risk", "/audit"]}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# No Dash component still loading, and every graph drawn by Plotly.
DRAWN = """() => !document.querySelector('[data-dash-is-loading="true"]')
    && [...document.querySelectorAll('.dash-graph')].every(g => g.querySelector('.main-svg'))"""


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


def choose(page: Page, dropdown_id: str, text: str, exact: bool = True) -> None:
    """Pick the option named `text` in a Dash dropdown: search, click that very option, and
    check the dropdown shows it (typing and pressing Enter could pick a neighbour)."""
    any_option = page.get_by_role("option")
    for _ in range(5):  # a click before the component is ready opens nothing: try again
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
    def __init__(self, browser, base: str, username: str):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        self.page: Page = self.context.new_page()
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
        SHOTS.mkdir(exist_ok=True)
        name = path.strip("/").replace("/", "_") or "home"
        self.page.screenshot(path=str(SHOTS / f"{self.username}-{name}.png"), full_page=True)
        return self.page.inner_text("body")

    def close(self) -> None:
        self.context.close()


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
        choose(visit.page, "recommend-uscc", "91320506301104144E")
        visit.page.click("#recommend-submit")
        visit.page.wait_for_selector("#recommend-message:has-text('已处理')")
        visit.page.get_by_text("English").click()
        visit.page.wait_for_load_state("networkidle")
        assert "Overview" in visit.page.inner_text("header") and "Sign out" in visit.page.inner_text("header")
        assert visit.errors == []
    finally:
        visit.close()
    states = {r["uscc"]: r["state"] for r in sqlite_portfolio.json("applications", "screen")}
    assert states["91320506301104144E"] == "district_recommended"
