"""The JSON API of an enterprise's claims after filing: review decision `returned`, reasons
required, edit (PUT) and withdraw routes, idempotency keys; over real HTTP."""
from __future__ import annotations

import pytest

CLAIMS = "/api/projects/SZIPS-2024-001/achievements"
FIELDS = {"indicator": "certified_staff", "date": "2025-08-01", "title": "三人认证", "quantity": 3}


def file_claim(server, **extra):
    r = server.client("ent1").post(server.base + CLAIMS, json={**FIELDS, **extra})
    assert r.status_code == 201, r.text
    return r.json()


def test_a_reviewer_returns_a_claim_with_a_reason_and_the_enterprise_reads_it(sqlite_server):
    a = file_claim(sqlite_server)
    bureau = sqlite_server.client("bureau")
    url = f"{sqlite_server.base}/api/achievements/{a['id']}/review"
    refused = bureau.post(url, json={"decision": "returned"})
    assert refused.status_code == 400 and [e["field"] for e in refused.json()["errors"]] == ["reason"]
    r = bureau.post(url, json={"decision": "returned", "reason": "请补充证书编号"})
    assert r.status_code == 200 and r.json()["status"] == "returned"
    mine = sqlite_server.client("ent1").get(sqlite_server.base + CLAIMS).json()
    shown = next(x for x in mine if x["id"] == a["id"])
    assert (shown["status"], shown["review_reason"], shown["reviewed_by"]) == ("returned", "请补充证书编号", "bureau")


def test_rejecting_without_a_reason_is_400(sqlite_server):
    a = file_claim(sqlite_server)
    r = sqlite_server.client("bureau").post(f"{sqlite_server.base}/api/achievements/{a['id']}/review",
                                            json={"decision": "rejected", "reason": "  "})
    assert r.status_code == 400


def test_the_enterprise_corrects_and_resubmits_a_returned_claim(sqlite_server):
    a = file_claim(sqlite_server)
    sqlite_server.client("bureau").post(f"{sqlite_server.base}/api/achievements/{a['id']}/review",
                                        json={"decision": "returned", "reason": "请补充证书编号"})
    ent = sqlite_server.client("ent1")
    r = ent.put(f"{sqlite_server.base}/api/achievements/{a['id']}",
                json={**FIELDS, "reference": "CERT-2025-07", "version": a["version"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["status"], body["reference"], body["review_reason"], body["version"]) == (
        "claimed", "CERT-2025-07", None, a["version"] + 1)
    stale = ent.put(f"{sqlite_server.base}/api/achievements/{a['id']}", json={**FIELDS, "version": a["version"]})
    assert stale.status_code == 409


def test_an_edit_with_bad_fields_is_400_naming_them(sqlite_server):
    a = file_claim(sqlite_server)
    r = sqlite_server.client("ent1").put(f"{sqlite_server.base}/api/achievements/{a['id']}",
                                         json={**FIELDS, "quantity": 0, "version": "v2"})
    assert r.status_code == 400
    assert {"version"} <= {e["field"] for e in r.json()["errors"]}


def test_the_enterprise_withdraws_a_claim_and_it_leaves_the_list(sqlite_server):
    a = file_claim(sqlite_server)
    ent = sqlite_server.client("ent1")
    r = ent.post(f"{sqlite_server.base}/api/achievements/{a['id']}/withdraw", json={"version": a["version"]})
    assert r.status_code == 200 and r.json()["status"] == "withdrawn"
    assert a["id"] not in [x["id"] for x in ent.get(sqlite_server.base + CLAIMS).json()]
    again = ent.post(f"{sqlite_server.base}/api/achievements/{a['id']}/withdraw")
    assert again.status_code == 409


def test_a_verified_claim_cannot_be_edited_or_withdrawn(sqlite_server):
    a = file_claim(sqlite_server)
    sqlite_server.client("bureau").post(f"{sqlite_server.base}/api/achievements/{a['id']}/review",
                                        json={"decision": "verified"})
    ent = sqlite_server.client("ent1")
    assert ent.put(f"{sqlite_server.base}/api/achievements/{a['id']}", json=FIELDS).status_code == 409
    assert ent.post(f"{sqlite_server.base}/api/achievements/{a['id']}/withdraw").status_code == 409


@pytest.mark.parametrize("who, status", [("ent2", 404), ("bureau", 403), ("auditor", 403)])
def test_only_the_owning_enterprise_may_edit_or_withdraw(sqlite_server, who, status):
    a = file_claim(sqlite_server)
    c = sqlite_server.client(who)
    assert c.put(f"{sqlite_server.base}/api/achievements/{a['id']}", json=FIELDS).status_code == status
    assert c.post(f"{sqlite_server.base}/api/achievements/{a['id']}/withdraw").status_code == status


def test_the_same_claim_sent_twice_with_one_key_is_stored_once(server):
    ent = server.client("ent1")
    before = len(ent.get(server.base + CLAIMS).json())
    first = ent.post(server.base + CLAIMS, json=FIELDS, headers={"Idempotency-Key": "k-0001-abcdef"})
    second = ent.post(server.base + CLAIMS, json={**FIELDS, "idempotency_key": "k-0001-abcdef"})
    assert first.status_code == 201 and second.status_code == 409
    assert str(first.json()["id"]) in second.json()["message"]
    assert len(ent.get(server.base + CLAIMS).json()) == before + 1


def test_a_double_submission_racing_itself_is_stored_once(server):
    """Two requests with one key at the same moment: the unique key lets exactly one through."""
    from concurrent.futures import ThreadPoolExecutor
    clients = [server.client("ent1") for _ in range(4)]
    before = len(clients[0].get(server.base + CLAIMS).json())
    with ThreadPoolExecutor(len(clients)) as pool:
        answers = list(pool.map(lambda c: c.post(server.base + CLAIMS, json={**FIELDS, "idempotency_key": "race-key-42"}),
                                clients))
    assert sorted(a.status_code for a in answers) == [201, 409, 409, 409]
    assert len(clients[0].get(server.base + CLAIMS).json()) == before + 1


def test_the_openapi_description_names_the_new_routes_and_decision(sqlite_server):
    spec = sqlite_server.client().get(sqlite_server.base + "/api/openapi.json").json()
    assert "put" in spec["paths"]["/api/achievements/{id}"]
    assert "post" in spec["paths"]["/api/achievements/{id}/withdraw"]
    review = spec["paths"]["/api/achievements/{id}/review"]["post"]["requestBody"]["content"]["application/json"]
    assert "returned" in review["schema"]["properties"]["decision"]["enum"]


def test_claims_filed_at_once_on_one_project_are_all_stored(server):
    """Concurrent claims on one project wait for each other instead of deadlocking (PostgreSQL)."""
    from concurrent.futures import ThreadPoolExecutor
    clients = [server.client("ent1") for _ in range(4)]
    before = len(clients[0].get(server.base + CLAIMS).json())
    with ThreadPoolExecutor(len(clients)) as pool:
        answers = list(pool.map(lambda ic: ic[1].post(server.base + CLAIMS, json={**FIELDS, "title": f"认证{ic[0]}"}),
                                enumerate(clients)))
    assert [a.status_code for a in answers] == [201] * 4
    assert len(clients[0].get(server.base + CLAIMS).json()) == before + 4


@pytest.mark.parametrize("date, flagged", [("2020-01-01", True), ("2025-08-01", False)])
def test_a_claims_answer_is_the_record_as_listed_flags_included(server, date, flagged):
    """The answer reuses the flags the read model's refresh computed: they must be the ones a
    fresh read of the list shows."""
    a = file_claim(server, date=date, title=f"认证 {date}")
    listed = next(x for x in server.client("ent1").get(server.base + CLAIMS).json() if x["id"] == a["id"])
    assert listed == a
    assert ("outside_window" in a["flags"]) is flagged
