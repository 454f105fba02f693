"""The closing stage over real HTTP: reviews, the recall case and the history for whoever may
see the project (404 otherwise, like a missing one), and the enterprise's statement as a POST."""
import pytest

from support.files import minimal_pdf
from support.web import TODAY

CODE = "SZIPS-2024-001"  # ent1's project, in 吴中区
BASE = f"/api/projects/{CODE}"


@pytest.fixture
def proposed(sqlite_portfolio):
    """SZIPS-2024-001 terminated, 30 disbursed, a recall proposed five days before TODAY."""
    t = sqlite_portfolio
    t("funds", "disburse", CODE, "30", "--on", "2025-02-01", "--by", "市局财务")
    t("projects", "transition", CODE, "terminated", "--on", "2026-11-01")
    t("recall", "propose", CODE, "--on", "2026-11-20", "--by", "市局")
    return t


def test_whoever_sees_the_project_reads_its_recall_case_and_others_get_404(proposed, sqlite_server):
    s = sqlite_server
    for user in ("ent1", "bureau", "auditor", "wuzhong"):
        r = s.client(user).get(s.base + BASE + "/recall")
        assert r.status_code == 200 and r.json()["proposed_amount_wan"] == "30.00", user
    for user in ("ent2", "sip"):
        for path in ("/recall", "/reviews", "/history"):
            assert s.client(user).get(s.base + BASE + path).status_code == 404
    assert s.client(None).get(s.base + BASE + "/recall").status_code == 401
    missing = s.client("bureau").get(s.base + "/api/projects/NOPE/history")
    assert missing.status_code == 404
    assert s.client("ent1").get(s.base + "/api/projects/SZIPS-2024-002/recall").json() == missing.json()


def test_the_enterprise_files_its_statement_once_with_evidence_checked_like_every_upload(proposed, sqlite_server):
    s = sqlite_server
    ent1 = s.client("ent1")
    url = s.base + BASE + "/recall/statement"
    assert ent1.post(url, data={"statement": "申辩"}, files={"file": ("a.pdf", b"GIF89a")}).status_code == 415
    assert ent1.post(url, json={"statement": "  "}).json()["errors"][0]["field"] == "statement"
    assert s.client("auditor").post(url, json={"statement": "x"}).status_code == 403
    assert s.client("wuzhong").post(url, json={"statement": "x"}).status_code == 403
    assert s.client("ent2").post(url, json={"statement": "x"}).status_code == 404
    assert proposed.json("recall", "list")[0]["statement_on"] is None
    r = ent1.post(url, data={"statement": "项目因不可抗力终止，请求减免"},
                  files={"file": ("说明.pdf", minimal_pdf("statement"))})
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["statement_on"], body["flags"], body["statement_evidence"]["type"]) == (TODAY.isoformat(), [], "pdf")
    assert ent1.post(url, json={"statement": "再补充"}).status_code == 409
    kinds = [h["kind"] for h in ent1.get(s.base + BASE + "/history").json()]
    assert kinds == ["recall_proposed", "recall_statement"]
    # the statement lets the bureau decide before the response deadline (2026-11-30)
    proposed("recall", "decide", CODE, "--on", "2026-11-26", "--amount", "30", "--by", "市局")
    assert ent1.get(s.base + BASE).json()["state"] == "funds_recalled"


def test_reviews_are_read_as_recorded(sqlite_portfolio, sqlite_server):
    t = sqlite_portfolio
    t("projects", "transition", CODE, "acceptance_requested", "--on", "2026-09-01")
    t("acceptance", "review", CODE, "--on", "2026-11-02", "--panel", "甲;乙;丙", "--conclusion", "failed", "--by", "市局")
    reviews = sqlite_server.client("ent1").get(sqlite_server.base + BASE + "/reviews").json()
    assert [(r["reviewed_on"], r["conclusion"], r["panel"]) for r in reviews] == [("2026-11-02", "failed", ["甲", "乙", "丙"])]
    assert sqlite_server.client("ent1").get(sqlite_server.base + BASE + "/recall").json() is None


def test_a_statements_evidence_counts_in_the_enterprises_quota(proposed, sqlite_server, monkeypatch):
    monkeypatch.setenv("TRACKER_EVIDENCE_QUOTA_MB", "0.01")  # 10 KB, for both uploads
    s = sqlite_server
    ent1 = s.client("ent1")
    claim = {"indicator": "certified_staff", "date": "2025-10-01", "title": "证书", "reference": "CERT-Q-1"}
    assert ent1.post(s.base + BASE + "/achievements", data=claim,
                     files={"file": ("a.pdf", minimal_pdf("a" * 6000))}).status_code == 201
    over = ent1.post(s.base + BASE + "/recall/statement", data={"statement": "申辩"},
                     files={"file": ("说明.pdf", minimal_pdf("b" * 6000))})
    assert over.status_code == 413 and "上限" in over.json()["message"]
    assert proposed.json("recall", "list")[0]["statement_on"] is None  # nothing half-written
    small = ent1.post(s.base + BASE + "/recall/statement", data={"statement": "申辩"},
                      files={"file": ("说明.pdf", minimal_pdf("b" * 2000))})
    assert small.status_code == 201, small.text
    # the statement's file now counts: a claim that fitted beside the first file no longer does
    again = ent1.post(s.base + BASE + "/achievements", data={**claim, "reference": "CERT-Q-2"},
                      files={"file": ("c.pdf", minimal_pdf("c" * 2500))})
    assert again.status_code == 413
