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
