"""The closing stage in Chromium: the bureau records an acceptance review on the project page
(the rule's conclusion follows the panel's findings; departing needs a reason) and proposes a
recall with the rule's amount; the enterprise sees the proposal and files its one statement
behind a confirmation, and sees its review and rectification countdown; the bureau decides;
the auditor reads the totals and the departures, filters them, and downloads the dossier.
Screenshots of each step go under tests/web/screenshots/."""
from __future__ import annotations

import io
import zipfile

from support.browser import Visit, browser, require_chromium  # noqa: F401 (browser: fixture)

require_chromium()

from playwright.sync_api import expect  # noqa: E402

REVIEWED, RECALLED = "SZIPS-2024-001", "SZIPS-2024-002"  # ent1's (吴中区) and ent2's projects


def confirm_click(page, button_text: str) -> None:  # type: ignore[no-untyped-def]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=button_text).click()


def test_the_bureau_the_enterprise_and_the_auditor_close_projects_in_the_browser(browser, sqlite_portfolio,
                                                                                   sqlite_server):
    t, base = sqlite_portfolio, sqlite_server.base
    t("projects", "transition", REVIEWED, "acceptance_requested", "--on", "2026-09-01")
    t("funds", "disburse", RECALLED, "20", "--on", "2025-04-01", "--by", "市局财务")
    t("projects", "transition", RECALLED, "terminated", "--on", "2026-11-01")

    bureau = Visit(browser, base, "bureau")
    try:
        page = bureau.page
        bureau.open(f"/project/{REVIEWED}")
        rule = page.locator("#ar-rule")
        expect(rule).to_contain_text("规则结论：不通过")
        first_target = page.locator("#review-findings tbody tr").first
        first_target.get_by_label("达成", exact=True).check()
        expect(rule).to_contain_text("达成 1/8")
        page.fill("#ar-panel", "张教授、李研究员、王高工")
        page.locator("#ar-conclusion").get_by_label("限期整改").check()
        confirm_click(page, "记录评审结论")
        expect(page.locator("#ar-message")).to_contain_text("理由")
        page.fill("#ar-reason", "专家组现场核实：协同创新工作体系已建立，其余目标限期整改")
        confirm_click(page, "记录评审结论")
        expect(page.locator("#ar-message")).to_contain_text("评审已记录")
        bureau.shot("closing-review")
        assert t.json("status", "--project", REVIEWED)[0]["state"] == "rectifying"

        bureau.open(f"/project/{RECALLED}")
        expect(page.locator("#recall-rule")).to_contain_text("按规则应收回 20.00 万元")
        confirm_click(page, "提出收回")
        expect(page.locator("#recall-message")).to_contain_text("资金收回已提出")
        bureau.shot("closing-proposal")
        assert bureau.errors == []
    finally:
        bureau.close()

    ent2 = Visit(browser, base, "ent2")
    try:
        page = ent2.page
        home = ent2.open("/")
        assert "市局于 2026-11-25 提议收回 20.00 万元（已终止）" in home
        assert "请在 2026-12-07 前提交陈述申辩，还剩 12 天" in home  # 12-05 is a Saturday
        page.locator(".statement-form textarea").fill("项目因核心团队变动终止，已完成部分培训，请求减免收回金额")
        confirm_click(page, "提交陈述申辩")
        expect(page.locator(".statement-form .message")).to_contain_text("陈述申辩已提交")
        ent2.shot("closing-statement")
        assert ent2.errors == []
    finally:
        ent2.close()
    assert t.json("recall", "list")[0]["statement"].startswith("项目因核心团队变动终止")

    ent1 = Visit(browser, base, "ent1")
    try:
        home = ent1.open("/")
        assert "2026-11-25 评审结论：限期整改（达成 1/8 项目标）" in home
        assert "整改期限 2027-02-25，还剩 92 天" in home
        ent1.shot("closing-rectification")
    finally:
        ent1.close()

    bureau = Visit(browser, base, "bureau")
    try:
        page = bureau.page
        text = bureau.open(f"/project/{RECALLED}")
        assert "项目因核心团队变动终止" in text
        page.fill("#decide-amount", "15")
        page.fill("#decide-reason", "考虑已完成的培训")
        confirm_click(page, "作出决定")
        expect(page.locator("#decide-message")).to_contain_text("决定已记录")
        bureau.shot("closing-decision")
    finally:
        bureau.close()
    assert t.json("status", "--project", RECALLED)[0]["state"] == "funds_recalled"

    auditor = Visit(browser, base, "auditor")
    try:
        page = auditor.page
        text = auditor.open("/closing")
        totals = page.locator("#recall-totals").inner_text()
        assert "20.00" in totals and "15.00" in totals
        departures = page.locator("#departures").inner_text()
        assert REVIEWED in departures and "专家组改变了依台账得出的目标结论" in departures
        page.locator("#flag-amount_differs_from_rule").click()
        expect(page.locator("#closing-page")).to_contain_text("没有这样的决定")
        auditor.shot("closing-filtered")
        page.locator("#flag-finding_overridden").click()
        expect(page.locator("#departures")).to_contain_text(REVIEWED)
        auditor.open(f"/project/{REVIEWED}")
        href = page.locator("#project-dossier").get_attribute("href")
        archive = zipfile.ZipFile(io.BytesIO(page.request.get(base + href).body()))
        assert "限期整改" in archive.read("summary.html").decode("utf-8")
        assert auditor.errors == []
    finally:
        auditor.close()
