"""The project dossier over real HTTP: a ZIP for whoever may see the project (the bureau, the
auditor, the project's district office, its own enterprise), 404 for everyone else."""
import io
import zipfile

CODE = "SZIPS-2024-001"  # ent1's project, in 吴中区
URL = f"/api/projects/{CODE}/dossier.zip"


def test_whoever_sees_the_project_downloads_its_dossier_and_others_get_404(sqlite_server):
    s = sqlite_server
    for user in ("bureau", "auditor", "wuzhong", "ent1"):
        r = s.client(user).get(s.base + URL)
        assert r.status_code == 200, user
        assert r.headers["Content-Type"] == "application/zip"
        assert f'filename="dossier-{CODE}.zip"' in r.headers["Content-Disposition"]
        z = zipfile.ZipFile(io.BytesIO(r.content))
        assert {"summary.html", "ledger.xlsx", "decisions.json", "audit.xlsx", "audit.csv"} <= set(z.namelist())
        assert "苏州示例精密机械有限公司" in z.read("summary.html").decode("utf-8")
    for user in ("ent2", "sip"):
        assert s.client(user).get(s.base + URL).status_code == 404, user
    assert s.client("ent2").get(s.base + URL).json() == s.client("bureau").get(
        s.base + "/api/projects/NOPE/dossier.zip").json()
    assert s.client(None).get(s.base + URL).status_code == 401


def test_the_english_dossier_is_asked_for_with_lang(sqlite_server):
    s = sqlite_server
    r = s.client("auditor").get(s.base + URL + "?lang=en")
    assert "Project dossier" in zipfile.ZipFile(io.BytesIO(r.content)).read("summary.html").decode("utf-8")


def test_the_portfolio_exports_are_downloaded_by_the_roles_that_see_the_portfolio_scoped_to_it(sqlite_portfolio, sqlite_server):
    from openpyxl import load_workbook
    t, s = sqlite_portfolio, sqlite_server
    for code in (CODE, "SZIPS-2024-002"):
        t("projects", "transition", code, "acceptance_requested", "--on", "2026-09-01")
        t("acceptance", "review", code, "--on", "2026-09-20", "--panel", "张教授、李研究员、王高工",
          "--conclusion", "failed", "--by", "市局")
    rows = {}
    for user in ("bureau", "auditor", "wuzhong"):
        r = s.client(user).get(s.base + "/api/acceptance/export.xlsx")
        assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/vnd.openxmlformats")
        rows[user] = [row[0] for row in load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True)]
    assert rows["bureau"] == rows["auditor"] == ["项目编号", CODE, "SZIPS-2024-002"]
    assert rows["wuzhong"] == ["项目编号", CODE]  # the district office sees its district's only
    assert s.client("ent1").get(s.base + "/api/recall/export.xlsx").status_code == 403
    assert s.client(None).get(s.base + "/api/recall/export.xlsx").status_code == 401
