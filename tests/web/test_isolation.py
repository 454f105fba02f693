"""An enterprise walks every API route with every other project's code and every achievement id
that is not its own, and never gets another enterprise's data: the answer is the same 404 a
project or record that does not exist gets."""
import pytest

from support.web import ENTERPRISE_1
from support.files import minimal_pdf

OTHER_CODES = ["SZIPS-2024-002", "SZIPS-2024-003"]
MISSING_CODE = "SZIPS-2024-999"
PDF = minimal_pdf()


def routes(code=None, aid=None):
    """Every route that names a project or a record, with a well-formed request."""
    if code is not None:
        yield "get", f"/api/projects/{code}", {}
        yield "get", f"/api/projects/{code}?today=2026-11-25", {}
        yield "get", f"/api/projects/{code}/achievements", {}
        yield "post", f"/api/projects/{code}/achievements", {"json": {
            "indicator": "patent_pool", "date": "2025-08-01", "title": "x"}}
        yield "post", f"/api/projects/{code}/achievements", {
            "data": {"indicator": "patent_pool", "date": "2025-08-01", "title": "x"},
            "files": {"file": ("e.pdf", PDF, "application/pdf")}}
        yield "post", f"/api/projects/{code}/acceptance-request", {}
        yield "get", f"/api/projects/{code}/calendar.ics", {}
    if aid is not None:
        yield "post", f"/api/achievements/{aid}/review", {"json": {"decision": "verified"}}
        yield "post", f"/api/achievements/{aid}/review", {"json": {"decision": "nonsense"}}
        yield "get", f"/api/achievements/{aid}/evidence", {}


def test_an_enterprise_never_reaches_another_enterprises_data(sqlite_server, sqlite_portfolio):
    client = sqlite_server.client("ent1")
    own = {r["id"] for r in sqlite_portfolio.json("achievements", "list", "--project", "SZIPS-2024-001")}
    others = [r for r in sqlite_portfolio.json("achievements", "list") if r["id"] not in own]
    assert others, "the portfolio must hold other enterprises' records"
    secrets = {r["title"] for r in others} | {r["reference"] for r in others if r["reference"]} | {
        "91320571231669536Q", "91320583788194722P", "苏州示例生物医药股份有限公司", "昆山示例电子材料有限公司"}
    missing_bodies = {}
    for method, path, kwargs in routes(MISSING_CODE, 999999):
        r = getattr(client, method)(sqlite_server.base + path, **kwargs)
        assert r.status_code == 404, path
        missing_bodies[(method, path.replace(MISSING_CODE, "{code}").replace("999999", "{id}"),
                        str(kwargs))] = r.content
    before = sqlite_portfolio.snapshot()
    seen = 0
    for code in OTHER_CODES:
        for method, path, kwargs in routes(code=code):
            r = getattr(client, method)(sqlite_server.base + path, **kwargs)
            key = (method, path.replace(code, "{code}"), str(kwargs))
            assert (r.status_code, r.content) == (404, missing_bodies[key]), path
            seen += 1
    for record in others:
        for method, path, kwargs in routes(aid=record["id"]):
            r = getattr(client, method)(sqlite_server.base + path, **kwargs)
            key = (method, path.replace(str(record["id"]), "{id}"), str(kwargs))
            assert (r.status_code, r.content) == (404, missing_bodies[key]), path
            seen += 1
    for path in ("/api/projects", "/api/alerts", "/api/me"):
        text = client.get(sqlite_server.base + path).text
        assert not any(s in text for s in secrets), path
        seen += 1
    own_status = client.get(f"{sqlite_server.base}/api/projects/SZIPS-2024-001").json()
    assert own_status["uscc"] == ENTERPRISE_1
    after = sqlite_portfolio.snapshot()
    for volatile in ("web_sessions", "sign_in_counters"):
        before.pop(volatile), after.pop(volatile)
    assert after == before
    assert seen > 20


@pytest.mark.parametrize("path", ["/api/projects/SZIPS-2024-002", "/api/projects/SZIPS-2024-002/achievements",
                                  "/api/projects/SZIPS-2024-002/calendar.ics"])
def test_a_district_office_does_not_reach_another_districts_project(sqlite_server, path):
    assert sqlite_server.client("wuzhong").get(sqlite_server.base + path).status_code == 404
