"""Services called directly with a session (DOMAIN.md sections 4, 5, 7 and 8), on both databases,
with data from the factories; the CLI's own wording is tested in test_lifecycle.py."""
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tracker.errors import Forbidden, NotFound, StateError
from tracker.commands import AchievementInput
from tracker.models import AuditEvent, FundMovement
from tracker.principal import Principal
from tracker.services.achievements import claim_achievement, review_achievement
from tracker.services.funds import disburse, recall, totals
from tracker.services.programmes import programme_of
from tracker.services.projects import request_acceptance, transition_project

BUREAU = Principal.bureau("财务处")
ON = dt.date(2025, 3, 1)


def audit_actions(session, key):
    return session.scalars(select(AuditEvent.action).where(AuditEvent.entity_key == key)
                           .order_by(AuditEvent.id)).all()


def test_money_moves_within_the_grant_and_what_was_disbursed(db_session, make_project):
    project = make_project(grant_wan="50")
    disburse(db_session, project.code, Decimal("30"), on=ON, actor=BUREAU)
    with pytest.raises(StateError, match="50"):
        disburse(db_session, project.code, Decimal("20.01"), on=ON, actor=BUREAU)
    disburse(db_session, project.code, Decimal("20"), on=ON, actor=BUREAU)
    with pytest.raises(StateError):
        recall(db_session, project.code, Decimal("50.01"), on=ON, actor=BUREAU, reason="验收未通过")
    recall(db_session, project.code, Decimal("10"), on=ON, actor=BUREAU, reason="部分收回")
    assert totals(db_session, project.id) == (Decimal("50.00"), Decimal("10.00"))
    assert audit_actions(db_session, project.code)[-3:] == ["funds.disbursement", "funds.disbursement",
                                                             "funds.recall"]


@pytest.mark.parametrize("role", ["district", "enterprise", "auditor"])
def test_only_the_bureau_moves_money(db_session, make_project, role):
    project = make_project()
    who = Principal("x", role, district="吴中区" if role == "district" else None,
                    uscc=project.enterprise.uscc if role == "enterprise" else None)
    with pytest.raises(Forbidden):
        disburse(db_session, project.code, Decimal("1"), on=ON, actor=who)
    assert db_session.scalar(select(func.count()).select_from(FundMovement)) == 0


def test_a_terminated_project_gets_no_more_money_and_stays_terminated(db_session, make_project):
    project = make_project()
    transition_project(db_session, project.code, "terminated", on=ON, actor=BUREAU, programme_of=programme_of)
    with pytest.raises(StateError, match="不能再拨付"):
        disburse(db_session, project.code, Decimal("1"), on=ON, actor=BUREAU)
    with pytest.raises(StateError):
        transition_project(db_session, project.code, "in_progress", on=ON, actor=BUREAU, programme_of=programme_of)


def test_an_enterprise_requests_acceptance_of_its_own_project_only(db_session, make_project):
    own, other = make_project(), make_project()
    owner = Principal("ip", "enterprise", uscc=own.enterprise.uscc)
    with pytest.raises(NotFound):  # another enterprise's project does not exist for it
        request_acceptance(db_session, owner, other.code, on=ON, programme_of=programme_of)
    request_acceptance(db_session, owner, own.code, on=dt.date(2026, 9, 1), programme_of=programme_of)
    assert (own.state, own.acceptance_requested_on) == ("acceptance_requested", dt.date(2026, 9, 1))
    assert other.state == "in_progress"


def test_claims_are_made_by_the_owning_enterprise_and_reviewed_in_its_district(db_session, make_enterprise,
                                                                               make_project):
    project = make_project(enterprise=make_enterprise(district="吴中区"))
    owner = Principal("ip", "enterprise", uscc=project.enterprise.uscc)
    item = AchievementInput(project_code=project.code, indicator="certified_staff", date=ON, title="证书")
    with pytest.raises(Forbidden):
        claim_achievement(db_session, item, BUREAU, on=ON)
    record = claim_achievement(db_session, item, owner, on=ON)
    assert record.status == "claimed" and record.claimed_by == "ip"
    with pytest.raises(NotFound):  # another district's office does not see the record
        review_achievement(db_session, record.id, "verified", actor=Principal("d", "district", district="园区"),
                           on=ON)
    with pytest.raises(Forbidden):
        review_achievement(db_session, record.id, "verified", actor=owner, on=ON)
    review_achievement(db_session, record.id, "verified", actor=Principal("wz", "district", district="吴中区"),
                       on=ON)
    assert (record.status, record.reviewed_by) == ("verified", "wz")
    assert audit_actions(db_session, str(record.id)) == ["achievement.claimed", "achievement.reviewed"]
