"""The enterprise's day in Chromium (issue 10): it claims every indicator of every target of its
programme (T5's and T8's trends and the 5,000-character summary included) with evidence,
sees each claim in its ledger and its checklist move at once, cannot store one form twice,
withdraws a claim, fixes a claim the bureau returned, and requests acceptance through a
confirmation that shows what is missing and says the request cannot be withdrawn. Every step
checks the screen without a reload; a screenshot of each step goes under tests/web/screenshots/."""
from __future__ import annotations

from support.browser import Visit, browser, choose, dash_idle, require_chromium  # noqa: F401 (browser: fixture)
from support.files import minimal_pdf
from tracker.programme import load_programme_file
from tracker.paths import programmes_dir

require_chromium()

from playwright.sync_api import expect  # noqa: E402

CODE = "SZIPS-2024-001"
PDF = minimal_pdf()
SUMMARY = ("本公司建立知识产权与标准融合管理体系，推进专利技术转化为标准，培养复合型人才。" * 160)[:5200]
YEARS = {"ipstd_spend_ratio": [(2025, "4.1"), (2026, "4.6")], "market_share": [(2025, "12.5"), (2026, "13.2")]}


def claims_of(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator("#ledger-table tbody tr").all_inner_texts()


def checklist_claimed(page, name: str) -> str:  # type: ignore[no-untyped-def]
    """The 申报 (claimed) cell of an indicator's checklist row."""
    return page.locator(f"#checklist-{CODE} tr", has_text=name).first.locator("td").nth(3).inner_text()


def fill_claim(page, indicator, title: str, evidence, year=None, value=None, text_file=None):  # type: ignore[no-untyped-def]
    choose(page, "claim-indicator", indicator.name, exact=False)
    page.fill("#claim-date", "2025-08-01")
    page.fill("#claim-title", title)
    if indicator.kind == "count":
        expect(page.locator("#claim-group-quantity")).to_be_visible()
        page.fill("#claim-quantity", str(indicator.required))
        page.fill("#claim-reference", f"REF-{indicator.id}")
    if indicator.kind == "flag":
        expect(page.locator("#claim-group-quantity")).to_be_hidden()
    if indicator.source_types:
        choose(page, "claim-source_type", "高校")
    if indicator.levels or indicator.id == "converted_standards":
        expect(page.locator("#claim-group-level")).to_be_visible()
        choose(page, "claim-level", "国家标准")
    if indicator.kind == "trend":
        expect(page.locator("#claim-group-trend")).to_be_visible()
        page.fill("#claim-year", str(year))
        page.fill("#claim-value", value)
    if indicator.kind == "text":
        expect(page.locator("#claim-group-text")).to_be_visible()
        page.set_input_files("#claim-text-upload input[type=file]", str(text_file))
        expect(page.locator("#claim-text-count")).to_contain_text("已达到 5000 字要求")
    if indicator.help:
        expect(page.locator("#claim-help")).to_contain_text(indicator.help[:12])
    page.set_input_files("#claim-upload input[type=file]", str(evidence))
    expect(page.locator("#claim-file-name")).to_contain_text(evidence.name)


def test_an_enterprise_claims_every_indicator_fixes_a_returned_one_and_requests_acceptance(
        browser, sqlite_server, sqlite_portfolio, tmp_path):
    programme = load_programme_file(programmes_dir() / "szips-2024.toml")
    evidence = tmp_path / "佐证材料.pdf"
    evidence.write_bytes(PDF)
    summary = tmp_path / "工作总结.txt"
    summary.write_text(SUMMARY, encoding="gb18030")  # what Chinese Windows saves
    ent = Visit(browser, sqlite_server.base, "ent1")
    try:
        ent.open("/")
        page = ent.page
        # 1. Every indicator of every target, with evidence; each shows up at once.
        for indicator in programme.indicators:
            for n, (year, value) in enumerate(YEARS.get(indicator.id, [(None, None)])):
                title = f"{indicator.name}（{year}）" if year else f"{indicator.name}·申报"
                before = checklist_claimed(page, indicator.name)
                fill_claim(page, indicator, title, evidence, year=year, value=value, text_file=summary)
                page.click("#claim-submit")
                expect(page.locator("#claim-message")).to_have_text(f"已提交「{title}」，等待审核")
                row = page.locator("#ledger-table tbody tr", has_text=title)
                expect(row).to_have_count(1)
                expect(row).to_contain_text("待审核")
                expect(row).to_contain_text(evidence.name)
                expect(page.locator("#claim-title")).to_have_value("")  # the form is cleared
                expect(page.locator("#claim-file-name")).to_have_text("尚未选择文件")
                if indicator.kind in ("count", "text") or (indicator.kind == "trend" and n == 1):
                    assert checklist_claimed(page, indicator.name) != before, indicator.id
                if indicator.id in ("university_patents", "ipstd_spend_ratio", "work_summary"):
                    ent.shot(f"day-claimed-{indicator.id}")
        texts = claims_of(page)
        assert all(any(i.name in t for t in texts) for i in programme.indicators)
        ent.shot("day-ledger-complete")

        # 2. The same form sent twice (a double click) is stored once.
        indicator = programme.indicator("media_publicity")
        fill_claim(page, indicator, "央视报道典型经验", evidence)
        page.dblclick("#claim-submit")
        expect(page.locator("#claim-title")).to_have_value("")
        dash_idle(page)  # both clicks answered: a second row would be there by now
        expect(page.locator("#ledger-table tbody tr", has_text="央视报道典型经验")).to_have_count(1)

        # 3. Withdrawing it, through a confirmation that says it cannot be undone.
        prompts: list[str] = []
        page.once("dialog", lambda d: (prompts.append(d.message), d.accept()))
        page.locator("#ledger-table tbody tr", has_text="央视报道典型经验").get_by_role(
            "button", name="撤回（不可恢复）").click()
        expect(page.locator("#work-message")).to_have_text("已撤回「央视报道典型经验」")
        expect(page.locator("#ledger-table tbody tr", has_text="央视报道典型经验")).to_have_count(0)
        assert "不能恢复" in prompts[0]
        assert ent.errors == []
    finally:
        ent.close()

    # 4. The bureau verifies the claims and returns one with a reason (through the CLI's service).
    records = [r for r in sqlite_portfolio.json("achievements", "list", "--project", CODE)
               if r["status"] == "claimed"]
    returned = next(r for r in records if r["indicator"] == "certified_staff" and r["reference"] == "REF-certified_staff")
    for r in records:
        if r["id"] == returned["id"]:
            sqlite_portfolio("achievements", "review", str(r["id"]), "--return", "--by", "市局审核员",
                             "--reason", "证书编号与证书扫描件不一致，请核对")
        else:
            sqlite_portfolio("achievements", "review", str(r["id"]), "--verify", "--by", "市局审核员")

    ent = Visit(browser, sqlite_server.base, "ent1")
    try:
        ent.open("/")
        page = ent.page
        row = page.locator(f"#ledger-row-{returned['id']}")
        expect(row).to_contain_text("已退回修改")
        expect(row).to_contain_text("证书编号与证书扫描件不一致，请核对")
        expect(row).to_contain_text("市局审核员")
        expect(page.locator(f"#checklist-{CODE} tr", has_text="通过考核并获得相关证书")).to_contain_text("还需")
        ent.shot("day-returned")

        # 5. Correct and resubmit it: the same record goes back to review.
        row.get_by_role("button", name="改正并重新提交").click()
        expect(page.locator("#claim-banner")).to_contain_text("此记录已退回修改，理由：证书编号与证书扫描件不一致")
        expect(page.locator("#claim-banner")).to_contain_text(f"已有佐证材料：{evidence.name}")
        expect(page.locator("#claim-submit")).to_have_text("改正后重新提交")
        expect(page.locator("#claim-title")).to_have_value(returned["title"])
        page.fill("#claim-reference", "CERT-2025-0101")
        page.locator("#claim-panel").scroll_into_view_if_needed()
        ent.shot("day-correcting", full_page=False)
        page.click("#claim-submit")
        expect(page.locator("#claim-message")).to_have_text(f"已重新提交「{returned['title']}」，等待审核")
        expect(row).to_contain_text("待审核")
        expect(row).to_contain_text("CERT-2025-0101")
        expect(row).not_to_contain_text("证书编号与证书扫描件不一致")
        expect(page.locator("#claim-submit")).to_have_text("提交申报")

        # 6. The acceptance request: the checklist of what is missing, and a confirmation.
        page.get_by_role("button", name="提出验收申请…").click()
        dialog = page.get_by_role("dialog")
        expect(dialog).to_be_visible()
        expect(dialog).to_contain_text("不能撤回")
        expect(dialog).to_contain_text("T6")  # certified_staff waits for its review again
        expect(dialog).to_contain_text("1 条成果记录待审核或待改正")
        ent.shot("day-acceptance-confirm", full_page=False)
        dialog.get_by_role("button", name="取消").click()
        expect(dialog).to_be_hidden()
        page.get_by_role("button", name="提出验收申请…").click()
        page.get_by_role("button", name="确认提交验收申请（不可撤回）").click()
        expect(page.locator("#work-message")).to_have_text("已于 2026-11-25 提交验收申请，等待市局组织验收")
        expect(page.locator(f"#state-{CODE}")).to_contain_text("已申请验收")
        expect(page.get_by_role("button", name="提出验收申请…")).to_have_count(0)
        ent.shot("day-acceptance-requested")
        assert ent.errors == []
    finally:
        ent.close()
    status = sqlite_portfolio.json("status", "--project", CODE, "--today", "2026-11-25")[0]
    assert status["state"] == "acceptance_requested"
    assert status["targets_achieved"] == 7  # T6 waits for the corrected certificate's review
