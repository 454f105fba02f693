"""DOMAIN.md section 8 over real HTTP: each role sees exactly its projects, alerts and evidence;
every write a role may not make is refused (403/404) and changes nothing."""
import pytest
from support.files import minimal_pdf


ALL = {"SZIPS-2024-001", "SZIPS-2024-002", "SZIPS-2024-003"}
SEES = {"bureau": ALL, "auditor": ALL, "wuzhong": {"SZIPS-2024-001"}, "sip": {"SZIPS-2024-002"},
        "ent1": {"SZIPS-2024-001"}, "ent2": {"SZIPS-2024-002"}}
PDF = minimal_pdf()


def codes(response):
    assert response.status_code == 200, response.text
    return {item["project_code"] for item in response.json()}


@pytest.mark.parametrize("user", sorted(SEES))
def test_each_role_sees_exactly_its_projects_alerts_and_records(server, user):
    c = server.client(user)
    b = server.base
    assert codes(c.get(f"{b}/api/projects")) == SEES[user]
    assert codes(c.get(f"{b}/api/alerts")) == SEES[user]
    for code in sorted(ALL):
        one = c.get(f"{b}/api/projects/{code}")
        records = c.get(f"{b}/api/projects/{code}/achievements")
        ics = c.get(f"{b}/api/projects/{code}/calendar.ics")
        if code in SEES[user]:
            assert one.status_code == 200 and one.json()["project_code"] == code
            assert records.status_code == 200 and {r["project_code"] for r in records.json()} <= {code}
            assert ics.status_code == 200 and code.encode() in ics.content
        else:
            assert (one.status_code, records.status_code, ics.status_code) == (404, 404, 404)
    me = c.get(f"{b}/api/me").json()
    assert me["username"] == user


def test_evidence_is_downloaded_only_by_those_who_may_see_the_project(server):
    ent1 = server.client("ent1")
    r = ent1.post(f"{server.base}/api/projects/SZIPS-2024-001/achievements",
                  data={"indicator": "patent_pool", "date": "2025-08-01", "title": "专利池"},
                  files={"file": ("../../etc/passwd.pdf", PDF, "application/pdf")})
    assert r.status_code == 201, r.text
    record = r.json()
    import hashlib
    assert record["evidence_sha256"] == hashlib.sha256(PDF).hexdigest() and record["evidence_type"] == "pdf"
    url = f"{server.base}/api/achievements/{record['id']}/evidence"
    for user, allowed in (("ent1", True), ("bureau", True), ("auditor", True), ("wuzhong", True),
                          ("ent2", False), ("sip", False)):
        got = server.client(user).get(url)
        assert (got.status_code == 200) is allowed, (user, got.status_code)
        if allowed:
            assert got.content == PDF and got.headers["Content-Type"] == "application/pdf"
            assert "passwd" not in got.headers["Content-Disposition"]
    assert server.client().get(url).status_code == 401
    stored = list((server.app.extensions["tracker.settings"].evidence_root).rglob("*"))
    assert any(p.name == record["evidence_sha256"] for p in stored)
    assert not any("passwd" in str(p) for p in stored)


WRITES = [
    ("post", "/api/projects/{code}/achievements", {"indicator": "patent_pool", "date": "2025-08-01", "title": "x"}),
    ("post", "/api/projects/{code}/acceptance-request", None),
    ("post", "/api/achievements/{aid}/review", {"decision": "verified", "reason": "ok"}),
]


def _first_achievement(tracker, code):
    return next(r["id"] for r in tracker.json("achievements", "list", "--project", code))


@pytest.mark.parametrize("user, method, path, expected", [
    # auditors change nothing, anywhere
    ("auditor", *WRITES[0][:2], 403), ("auditor", *WRITES[1][:2], 403), ("auditor", *WRITES[2][:2], 403),
    # districts may review in their district, claim nothing, request nothing
    ("wuzhong", *WRITES[0][:2], 403), ("wuzhong", *WRITES[1][:2], 403),
    ("sip", *WRITES[2][:2], 404),
    # the bureau does not claim or request for an enterprise
    ("bureau", *WRITES[0][:2], 403), ("bureau", *WRITES[1][:2], 403),
    # an enterprise reviews nothing, and another enterprise's project does not exist for it
    ("ent1", *WRITES[2][:2], 403),
    ("ent2", *WRITES[0][:2], 404), ("ent2", *WRITES[1][:2], 404), ("ent2", *WRITES[2][:2], 404),
])
def test_every_write_a_role_may_not_make_is_refused_and_changes_nothing(server, portfolio, user, method, path,
                                                                         expected):
    body = next(b for m, p, b in WRITES if p == path)
    url = server.base + path.format(code="SZIPS-2024-001", aid=_first_achievement(portfolio, "SZIPS-2024-001"))
    client = server.client(user)  # signing in is a write of its own (last login), so first
    before = portfolio.snapshot()
    response = getattr(client, method)(url, json=body)
    assert response.status_code == expected, response.text
    after = portfolio.snapshot()
    for volatile in ("web_sessions", "sign_in_counters"):
        before.pop(volatile), after.pop(volatile)
    assert after == before


def test_allowed_writes_succeed_and_are_in_the_audit_trail_with_their_user(server, portfolio):
    from sqlalchemy import select
    from sqlalchemy.orm import Session
    from tracker.models import AuditEvent
    ent1, wuzhong = server.client("ent1"), server.client("wuzhong")
    claim = ent1.post(f"{server.base}/api/projects/SZIPS-2024-001/achievements",
                      json={"indicator": "university_patents", "date": "2025-09-01", "title": "受让专利",
                            "source_type": "高校", "reference": "ZL2025X"})
    assert claim.status_code == 201 and claim.json()["status"] == "claimed"
    review = wuzhong.post(f"{server.base}/api/achievements/{claim.json()['id']}/review",
                          json={"decision": "rejected", "reason": "合同未备案"})
    assert review.status_code == 200 and review.json()["status"] == "rejected"
    request = ent1.post(f"{server.base}/api/projects/SZIPS-2024-001/acceptance-request")
    assert request.status_code == 200 and request.json()["state"] == "acceptance_requested"
    again = ent1.post(f"{server.base}/api/projects/SZIPS-2024-001/acceptance-request")
    assert again.status_code == 409 and "当前状态为 已申请验收" in again.json()["message"]
    assert again.json()["current"] == "acceptance_requested" and again.json()["allowed"] == [
        "accepted", "acceptance_failed"]
    engine = portfolio.engine()
    with Session(engine) as s:
        events = s.execute(select(AuditEvent.action, AuditEvent.actor).order_by(AuditEvent.id)).all()
    engine.dispose()
    assert ("achievement.claimed", "ent1") in events
    assert ("achievement.reviewed", "wuzhong") in events
    assert ("project.transition", "ent1") in events


def test_a_bureau_review_in_any_district_and_a_district_in_its_own(server, portfolio):
    aid = _first_achievement(portfolio, "SZIPS-2024-002")
    assert server.client("sip").post(f"{server.base}/api/achievements/{aid}/review",
                                     json={"decision": "verified"}).status_code == 200
    assert server.client("bureau").post(f"{server.base}/api/achievements/{aid}/review",
                                        json={"decision": "rejected", "reason": "重复"}).status_code == 200
