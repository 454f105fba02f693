"""The bureau's day in a real browser (Playwright driving the system Chromium): it finds claims in
the review queue by filter, previews a claim's PDF in the page, returns one with a reason
(refused first without one), verifies the clean rest in bulk; each step is checked on the
screen without a reload, and photographed under tests/web/screenshots/."""
from __future__ import annotations

import requests

from support.browser import Visit, browser, choose, require_chromium  # noqa: F401 (browser: fixture)
from support.files import minimal_pdf

require_chromium()

PDF = minimal_pdf()

CLAIMS = [("patent_pool", "标准必要专利池一号"), ("patent_intensive_products", "专利密集型产品备案"),
          ("innovation_alliance", "协同创新联盟成立")]


def shot(visit: Visit, step: str) -> None:
    visit.shot(f"day-{step}")


def exported_rows(page, button: str, folder) -> list[tuple]:  # type: ignore[no-untyped-def]
    """Click an export button and read the workbook it downloads."""
    import openpyxl
    with page.expect_download() as download:
        page.click(button)
    saved = folder / download.value.suggested_filename
    download.value.save_as(saved)
    return list(openpyxl.load_workbook(saved).active.values)


def claim_with_pdf(server, indicator: str, title: str) -> int:
    client: requests.Session = server.client("ent1")
    r = client.post(f"{server.base}/api/projects/SZIPS-2024-001/achievements",
                    data={"indicator": indicator, "date": "2025-08-01", "title": title},
                    files={"file": ("evidence.pdf", PDF, "application/pdf")})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def test_the_bureau_filters_the_queue_previews_returns_one_and_verifies_the_rest_in_bulk(browser, sqlite_server):
    ids = [claim_with_pdf(sqlite_server, indicator, title) for indicator, title in CLAIMS]
    bureau = Visit(browser, sqlite_server.base, "bureau")
    page = bureau.page
    try:
        bureau.open("/reviews")
        page.wait_for_selector("#review-queue")
        everything = page.inner_text("#rq-count")
        assert "SZIPS-2024-002" in page.inner_text("#review-queue")
        choose(page, "rq-district", "吴中区")
        page.wait_for_function("t => document.getElementById('rq-count').innerText !== t", arg=everything)
        queue = page.inner_text("#review-queue")
        assert "SZIPS-2024-002" not in queue and all(title in queue for _, title in CLAIMS)
        choose(page, "rq-flag", "无标记")
        page.wait_for_selector("#review-queue tr.flagged", state="detached")
        shot(bureau, "1-filtered")

        first = page.locator(f"#rq-row-{ids[0]}")
        first.get_by_role("button", name="预览").click()
        frame = page.locator("#rq-preview-box iframe")
        frame.wait_for()
        assert frame.get_attribute("src") == f"/api/achievements/{ids[0]}/evidence?inline=1"
        inline = bureau.context.request.get(sqlite_server.base + frame.get_attribute("src"))
        assert inline.status == 200 and inline.headers["content-type"] == "application/pdf"
        assert "attachment" not in inline.headers.get("content-disposition", "")
        shot(bureau, "2-preview")

        first.get_by_role("button", name="退回修改").click()
        page.wait_for_selector("#rq-message.error:has-text('理由')")
        assert page.locator(f"#rq-row-{ids[0]}").count() == 1  # refused: still in the queue
        first.locator("input[type=text]").fill("专利池协议缺少签章页，请补充后重新提交")
        first.get_by_role("button", name="退回修改").click()
        page.wait_for_selector(f"#rq-message:has-text('成果记录 {ids[0]}')")
        page.wait_for_selector(f"#rq-row-{ids[0]}", state="detached")  # gone from the queue at once
        shot(bureau, "3-returned")

        for i in ids[1:]:
            page.locator(f"#rq-row-{i} input[type=checkbox]").check()
        page.fill("#rq-bulk-reason", "材料齐全")
        page.click("#rq-bulk")
        page.wait_for_selector("#rq-message:has-text('已批量核实 2 条')")
        for i in ids[1:]:
            page.wait_for_selector(f"#rq-row-{i}", state="detached")
        shot(bureau, "4-bulk-verified")
        assert bureau.errors == []
    finally:
        bureau.close()
    mine = {r["id"]: r for r in sqlite_server.client("ent1").get(
        f"{sqlite_server.base}/api/projects/SZIPS-2024-001/achievements").json()}
    assert mine[ids[0]]["status"] == "returned" and "签章页" in mine[ids[0]]["review_reason"]
    assert {mine[i]["status"] for i in ids[1:]} == {"verified"}
    assert {mine[i]["review_reason"] for i in ids[1:]} == {"材料齐全"}


def test_the_project_list_reads_as_people_read_it(browser, sqlite_server):
    bureau = Visit(browser, sqlite_server.base, "bureau")
    page = bureau.page
    try:
        page.set_viewport_size({"width": 1440, "height": 900})
        bureau.open("/projects")
        page.wait_for_selector("#projects-count:has-text('共 3 个项目')")
        for header in ("风险", "风险资金（万元）"):
            box = page.locator(".ag-header-cell", has_text=header).first.bounding_box()
            assert box is not None and box["x"] + box["width"] <= 1440, header  # no scrolling needed
        assert page.locator(".ag-pinned-left-header", has_text="项目编号").count() == 1
        paces = page.locator(".ag-center-cols-container [col-id=pace]").all_inner_texts()
        assert paces and all(p.endswith("%") for p in paces)
        page.locator(".ag-floating-filter[aria-colindex='5'] input").fill("已申请")  # 状态, partial
        page.wait_for_selector("#projects-count:has-text('共 0 个项目')")
        page.locator(".ag-floating-filter[aria-colindex='5'] input").fill("实施")
        page.wait_for_selector("#projects-count:has-text('共 3 个项目')")
        shot(bureau, "5-project-list")
        bureau.open("/projects?risk=high")
        page.wait_for_selector("#projects-count:has-text('共 1 个项目')")
        assert page.locator(".ag-pinned-left-cols-container").inner_text().strip() == "SZIPS-2024-001"
        assert bureau.errors == []
    finally:
        bureau.close()


def test_the_auditor_filters_the_audit_trail_and_exports_it(browser, sqlite_server, tmp_path):
    auditor = Visit(browser, sqlite_server.base, "auditor")
    page = auditor.page
    try:
        auditor.open("/audit")
        page.wait_for_selector("#audit-table")
        everything = page.inner_text("#audit-count")
        assert "北京时间" in page.inner_text("#audit-table thead")
        choose(page, "audit-action", "立项")
        page.wait_for_function("t => document.getElementById('audit-count').innerText !== t", arg=everything)
        rows = page.locator("#audit-table tbody tr").all_inner_texts()
        assert len(rows) == 3 and all("SZIPS-2024-00" in r for r in rows)
        assert "共 3 条记录" in page.inner_text("#audit-count")
        shot(auditor, "6-audit-filtered")
        values = exported_rows(page, "#audit-export", tmp_path)
        assert values[0][0] == "时间（北京时间）" and len(values) == 4
        assert {v[3] for v in values[1:]} == {"项目 SZIPS-2024-001", "项目 SZIPS-2024-002", "项目 SZIPS-2024-003"}
        assert auditor.errors == []
    finally:
        auditor.close()


def test_the_bureau_follows_a_kpi_card_and_an_alert_to_the_projects_behind_them(browser, sqlite_server):
    bureau = Visit(browser, sqlite_server.base, "bureau")
    page = bureau.page
    try:
        bureau.open("/")
        overdue = page.inner_text("#overview-overdue")  # apart from the upcoming deadlines, with the company
        assert "SZIPS-2024-001" in overdue and "苏州示例精密机械有限公司" in overdue and "SZIPS-2024-002" not in overdue
        badge = page.locator("header nav.wide a[href='/alerts'] .badge-count").inner_text()
        assert int(badge) > 0
        page.click("#kpi-high")
        page.wait_for_selector("#projects-count:has-text('共 1 个项目')")
        assert page.url.endswith("/projects?risk=high")
        assert page.locator(".ag-pinned-left-cols-container").inner_text().strip() == "SZIPS-2024-001"
        shot(bureau, "7-kpi-to-projects")

        page.click("header nav.wide a[href='/alerts']")
        page.wait_for_selector("#alerts-table")
        assert f"共 {badge} 条提醒" in page.inner_text("#alerts-count")
        row = page.locator("#alerts-table tbody tr").first
        code = row.locator("a").inner_text()
        row.locator("input").fill("已电话督促")
        row.get_by_role("button", name="确认").click()
        page.wait_for_selector("#alerts-message:has-text('提醒已确认')")
        page.wait_for_selector(f"#alerts-count:has-text('共 {int(badge) - 1} 条提醒')")
        page.get_by_text("已确认", exact=True).click()
        page.wait_for_selector("#alerts-table:has-text('已电话督促')")
        shot(bureau, "8-alert-acknowledged")
        page.locator("#alerts-table a", has_text=code).first.click()
        page.wait_for_selector("#project-page")
        assert page.url.endswith(f"/project/{code}")
        assert bureau.errors == []
    finally:
        bureau.close()


def test_the_bureau_records_a_payment_and_a_confirmed_recall_and_exports_them(browser, sqlite_server, tmp_path):
    bureau = Visit(browser, sqlite_server.base, "bureau")
    page = bureau.page
    try:
        bureau.open("/project/SZIPS-2024-001")
        page.click("#project-funds-link")
        page.wait_for_selector("#funds-totals")
        assert page.input_value("#funds-new-project") == "SZIPS-2024-001"
        before = page.inner_text("#funds-totals")
        page.fill("#funds-new-amount", "12.5")
        page.fill("#funds-new-reason", "第二期拨付")
        page.click("#funds-new-submit")
        page.wait_for_selector("#funds-new-message:has-text('已登记：SZIPS-2024-001 拨付 12.50 万元')")
        page.wait_for_function("t => document.getElementById('funds-totals').innerText !== t", arg=before)
        assert "第二期拨付" in page.inner_text("#funds-table") and page.input_value("#funds-new-amount") == ""
        shot(bureau, "9-payment-recorded")

        page.get_by_text("收回", exact=True).click()
        page.fill("#funds-new-amount", "2")
        page.fill("#funds-new-reason", "部分目标未达成")
        page.click("#funds-new-submit")
        page.wait_for_selector("#funds-new-message.error:has-text('确认')")  # not without the confirmation
        assert "部分目标未达成" not in page.inner_text("#funds-table")
        page.get_by_text("我确认收回资金", exact=False).click()
        page.click("#funds-new-submit")
        page.wait_for_selector("#funds-table:has-text('部分目标未达成')")
        shot(bureau, "10-recall-recorded")

        values = exported_rows(page, "#funds-export", tmp_path)
        assert values[0][:3] == ("项目编号", "企业", "类型")
        assert {(v[2], v[6]) for v in values[1:]} >= {("拨付", "第二期拨付"), ("收回", "部分目标未达成")}
        assert bureau.errors == []
    finally:
        bureau.close()
