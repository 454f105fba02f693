"""An enterprise's claims after they are filed (issue 10): reviewers give reasons to reject or
return; the enterprise edits or withdraws a claim until it is reviewed, corrects and
resubmits a returned or rejected one, and cannot file the same form twice. On SQLite and
PostgreSQL, through the services, each step in its own transaction as the entry points do."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.errors import Conflict, InputError, NotFound, StateError
from tracker.models import Achievement, AuditEvent, ClaimKey
from tracker.principal import Principal
from tracker.queries.achievements import list_achievements
from tracker.queries.status import portfolio_status
from tracker.services.achievements import review_achievement
from tracker.services.claim_changes import withdraw_claim
from tracker.services.claims import amend_from_fields, claim_from_fields

ON = dt.date(2025, 9, 1)
CODE = "SZIPS-2024-001"
ENT1 = Principal("企业一", "enterprise", uscc="91320506301104144E")
ENT2 = Principal("企业二", "enterprise", uscc="91320571231669536Q")
BUREAU = Principal("市局审核员", "bureau")
FIELDS = {"indicator": "certified_staff", "date": "2025-08-01", "title": "三人通过知识产权标准化培训认证",
          "quantity": "3", "reference": "CERT-2025-01"}


@pytest.fixture
def engine(tracker, examples):
    tracker("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    tracker("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    e = tracker.engine()
    yield e
    e.dispose()


def step(engine, call):
    """Run one call in its own committed transaction, like one request."""
    with Session(engine, expire_on_commit=False) as s, s.begin():
        return call(s)


def claim(engine, fields=FIELDS, who=ENT1, key=None) -> int:
    return step(engine, lambda s: claim_from_fields(s, who, CODE, dict(fields), evidence=None, filename=None,
                                                    on=ON, key=key)).id


def record(engine, achievement_id) -> Achievement:
    with Session(engine) as s:
        a = s.get(Achievement, achievement_id)
        s.expunge(a)
        return a


def claimed_figure(engine, indicator="certified_staff") -> int:
    with Session(engine) as s:
        status = portfolio_status(s, BUREAU, ON, CODE)[0]
    return next(r.claimed for t in status.targets for r in t.indicators if r.id == indicator)


def audit_actions(engine, achievement_id) -> list[str]:
    with Session(engine) as s:
        return list(s.scalars(select(AuditEvent.action).where(
            AuditEvent.entity == "achievement", AuditEvent.entity_key == str(achievement_id))
            .order_by(AuditEvent.id)))


def review(engine, achievement_id, decision, reason=None):
    return step(engine, lambda s: review_achievement(s, achievement_id, decision, actor=BUREAU, on=ON,
                                                     reason=reason))


@pytest.mark.parametrize("decision", ["rejected", "returned"])
@pytest.mark.parametrize("reason", [None, "", "   "])
def test_rejecting_or_returning_without_a_reason_is_refused_and_changes_nothing(engine, decision, reason):
    a = claim(engine)
    with pytest.raises(InputError) as refused:
        review(engine, a, decision, reason)
    assert [p.field for p in refused.value.problems] == ["reason"]
    assert record(engine, a).status == "claimed"
    assert audit_actions(engine, a) == ["achievement.claimed"]


def test_verifying_needs_no_reason(engine):
    a = claim(engine)
    review(engine, a, "verified")
    assert record(engine, a).status == "verified"


def test_a_returned_claim_goes_back_to_the_enterprise_with_the_reason_and_stops_counting(engine):
    a = claim(engine)
    assert claimed_figure(engine) == 3
    review(engine, a, "returned", "证书扫描件不清晰，请补充清晰的证书")
    r = record(engine, a)
    assert (r.status, r.reviewed_by, r.reviewed_on, r.review_reason) == (
        "returned", "市局审核员", ON, "证书扫描件不清晰，请补充清晰的证书")
    assert claimed_figure(engine) == 0
    with Session(engine) as s:
        shown = next(x for x in list_achievements(s, ENT1, CODE) if x["id"] == a)
    assert shown["status"] == "returned" and shown["review_reason"] == "证书扫描件不清晰，请补充清晰的证书"


def test_a_returned_claim_is_not_reviewed_again_until_resubmitted(engine):
    a = claim(engine)
    review(engine, a, "returned", "缺少证书编号")
    with pytest.raises(StateError):
        review(engine, a, "verified")
    assert record(engine, a).status == "returned"


def test_the_enterprise_edits_a_claim_awaiting_review_and_it_stays_awaiting_review(engine):
    a = claim(engine)
    step(engine, lambda s: amend_from_fields(s, ENT1, a, {**FIELDS, "quantity": "4", "title": "四人认证"},
                                             evidence=None, filename=None, on=ON, version=1))
    r = record(engine, a)
    assert (r.status, r.quantity, r.title, r.version) == ("claimed", 4, "四人认证", 2)
    assert claimed_figure(engine) == 4
    assert audit_actions(engine, a) == ["achievement.claimed", "achievement.edited"]


def test_an_edit_made_from_an_old_version_is_refused(engine):
    a = claim(engine)
    step(engine, lambda s: amend_from_fields(s, ENT1, a, {**FIELDS, "quantity": "4"}, evidence=None,
                                             filename=None, on=ON, version=1))
    with pytest.raises(Conflict):
        step(engine, lambda s: amend_from_fields(s, ENT1, a, {**FIELDS, "quantity": "5"}, evidence=None,
                                                 filename=None, on=ON, version=1))
    assert record(engine, a).quantity == 4


def test_an_edit_with_bad_fields_names_them_and_changes_nothing(engine):
    a = claim(engine)
    with pytest.raises(InputError) as refused:
        step(engine, lambda s: amend_from_fields(s, ENT1, a, {**FIELDS, "quantity": "0", "date": "someday"},
                                                 evidence=None, filename=None, on=ON))
    assert {p.field for p in refused.value.problems} == {"quantity", "date"}
    assert record(engine, a).version == 1


@pytest.mark.parametrize("change", ["edit", "withdraw"])
def test_a_verified_claim_can_be_neither_edited_nor_withdrawn(engine, change):
    a = claim(engine)
    review(engine, a, "verified")
    with pytest.raises(StateError):
        if change == "edit":
            step(engine, lambda s: amend_from_fields(s, ENT1, a, {**FIELDS, "quantity": "9"}, evidence=None,
                                                     filename=None, on=ON))
        else:
            step(engine, lambda s: withdraw_claim(s, ENT1, a, on=ON))
    r = record(engine, a)
    assert (r.status, r.quantity) == ("verified", 3)


def test_a_withdrawn_claim_leaves_the_ledger_counts_for_nothing_and_stays_in_the_audit_trail(engine):
    a = claim(engine)
    step(engine, lambda s: withdraw_claim(s, ENT1, a, on=ON))
    assert record(engine, a).status == "withdrawn"
    assert claimed_figure(engine) == 0
    with Session(engine) as s:
        assert a not in [x["id"] for x in list_achievements(s, ENT1, CODE)]
    assert audit_actions(engine, a) == ["achievement.claimed", "achievement.withdrawn"]
    with pytest.raises(StateError):
        step(engine, lambda s: withdraw_claim(s, ENT1, a, on=ON))
    with pytest.raises(StateError):
        review(engine, a, "verified")


def test_another_enterprise_cannot_touch_the_claim_it_cannot_see(engine):
    a = claim(engine)
    with pytest.raises(NotFound):
        step(engine, lambda s: withdraw_claim(s, ENT2, a, on=ON))
    with pytest.raises(NotFound):
        step(engine, lambda s: amend_from_fields(s, ENT2, a, dict(FIELDS), evidence=None, filename=None, on=ON))
    assert record(engine, a).status == "claimed"


@pytest.mark.parametrize("decision", ["returned", "rejected"])
def test_a_corrected_claim_is_resubmitted_as_the_same_record_with_its_history_in_the_audit_trail(engine, decision):
    a = claim(engine, {**FIELDS, "date": "2024-06-01"})  # before the window: does not count
    review(engine, a, decision, "日期早于实施期")
    step(engine, lambda s: amend_from_fields(s, ENT1, a, dict(FIELDS), evidence=None, filename=None, on=ON,
                                             version=1))
    r = record(engine, a)
    assert (r.status, r.date, r.version) == ("claimed", dt.date(2025, 8, 1), 2)
    assert (r.reviewed_by, r.reviewed_on, r.review_reason) == (None, None, None)
    assert claimed_figure(engine) == 3
    assert audit_actions(engine, a) == ["achievement.claimed", "achievement.reviewed", "achievement.resubmitted"]
    with Session(engine) as s:
        resubmitted = s.scalars(select(AuditEvent).where(
            AuditEvent.entity_key == str(a), AuditEvent.action == "achievement.resubmitted")).one()
    assert resubmitted.before["status"] == decision and resubmitted.before["review_reason"] == "日期早于实施期"
    assert resubmitted.before["date"] == "2024-06-01" and resubmitted.after["date"] == "2025-08-01"
    review(engine, a, "verified")
    assert record(engine, a).status == "verified"


def test_the_same_form_submitted_twice_is_stored_once(engine):
    key = "form-7d1c0b8e-4f7a-4a55"
    first = claim(engine, key=key)
    with pytest.raises(Conflict) as refused:
        claim(engine, key=key)
    assert str(first) in str(refused.value)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Achievement)) == 1
        assert s.scalar(select(func.count()).select_from(ClaimKey)) == 1
    second = claim(engine, key="form-another-key-0001")  # a new form is a new claim
    assert second != first


def test_keys_are_unique_per_enterprise_not_across_enterprises(engine):
    key = "form-shared-key-123"
    claim(engine, key=key)
    other = step(engine, lambda s: claim_from_fields(
        s, ENT2, "SZIPS-2024-002", dict(FIELDS), evidence=None, filename=None, on=ON, key=key))
    assert other.status == "claimed"


@pytest.mark.parametrize("key", ["short", "has space in it", "x" * 65, 12345678])
def test_a_malformed_key_is_bad_input_naming_the_field(engine, key):
    with pytest.raises(InputError) as refused:
        claim(engine, key=key)
    assert [p.field for p in refused.value.problems] == ["idempotency_key"]


def test_the_cli_returns_a_claim_with_a_reason_and_refuses_a_rejection_without_one(engine, tracker):
    a = claim(engine)
    refused = tracker("achievements", "review", str(a), "--reject", "--by", "市局", expect=2)
    assert "理由" in refused.stderr and record(engine, a).status == "claimed"
    done = tracker("achievements", "review", str(a), "--return", "--by", "市局", "--reason", "请补充证书")
    assert "已退回修改" in done.stdout
    assert record(engine, a).status == "returned"
