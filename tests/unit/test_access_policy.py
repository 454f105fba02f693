"""The access policy (DOMAIN.md section 8) as a table: every role x every action, without and
with a thing in and out of the principal's reach; and the SQL conditions it gives, on SQLite."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from tracker.access import ROLES, Action, Reach, can, enterprise_condition, within_reach
from tracker.models import Base, Enterprise
from tracker.principal import Principal

A = Action
BUREAU = Principal("b", "bureau")
DISTRICT = Principal("d", "district", district="吴中区")
ENTERPRISE = Principal("e", "enterprise", uscc="91320506301104144E")
AUDITOR = Principal("a", "auditor")
PRINCIPALS = {"bureau": BUREAU, "district": DISTRICT, "enterprise": ENTERPRISE, "auditor": AUDITOR}

# What each role may do at all (DOMAIN.md section 8); everything else is refused.
MAY = {
    "bureau": {A.SEE, A.VIEW_PORTFOLIO, A.VIEW_APPLICATIONS, A.VIEW_RISK, A.READ_AUDIT, A.REVIEW, A.RECOMMEND,
               A.DECIDE_APPLICATION, A.MOVE_PROJECT, A.RECORD_FUNDS, A.IMPORT,
               A.REVIEW_ACCEPTANCE, A.RECALL, A.RESPOND_RECALL, A.AMEND, A.INSPECT, A.ACKNOWLEDGE_ALERT},
    "district": {A.SEE, A.VIEW_PORTFOLIO, A.VIEW_APPLICATIONS, A.REVIEW, A.RECOMMEND, A.ACKNOWLEDGE_ALERT},
    "enterprise": {A.SEE, A.CLAIM, A.REQUEST_ACCEPTANCE, A.RESPOND_RECALL},
    "auditor": {A.SEE, A.VIEW_PORTFOLIO, A.VIEW_RISK, A.READ_AUDIT},
}

OWN = SimpleNamespace(enterprise=Enterprise(uscc="91320506301104144E", district="吴中区"))  # a project of it
SAME_DISTRICT = SimpleNamespace(enterprise=Enterprise(uscc="91320571231669536Q", district="吴中区"))
ELSEWHERE = SimpleNamespace(district="昆山市", uscc="91320583788194722P")  # a status bundle's shape

# Which of those things each role's reach covers.
REACHES = {
    "bureau": {"own": True, "same_district": True, "elsewhere": True},
    "auditor": {"own": True, "same_district": True, "elsewhere": True},
    "district": {"own": True, "same_district": True, "elsewhere": False},
    "enterprise": {"own": True, "same_district": False, "elsewhere": False},
}
THINGS = {"own": OWN, "same_district": SAME_DISTRICT, "elsewhere": ELSEWHERE}


def test_the_table_covers_every_role_the_policy_knows():
    assert set(MAY) == set(ROLES)


@pytest.mark.parametrize("role", sorted(MAY))
@pytest.mark.parametrize("action", list(Action))
def test_each_role_may_do_exactly_its_actions(role, action):
    assert can(PRINCIPALS[role], action) is (action in MAY[role])


@pytest.mark.parametrize("role", sorted(MAY))
@pytest.mark.parametrize("where", sorted(THINGS))
@pytest.mark.parametrize("action", list(Action))
def test_an_action_on_a_thing_needs_the_action_and_the_thing_in_reach(role, where, action):
    expected = action in MAY[role] and REACHES[role][where]
    assert can(PRINCIPALS[role], action, THINGS[where]) is expected


def test_an_unknown_role_or_a_principal_without_its_district_or_uscc_may_do_nothing():
    for principal in (Principal("x", "visitor"), Principal("d", "district"), Principal("e", "enterprise")):
        assert not any(can(principal, action) and can(principal, action, OWN) for action in Action)
        assert not within_reach(principal, OWN)


def test_reaches_are_what_domain_section_8_says():
    assert {r: p.reach for r, p in ROLES.items()} == {
        "bureau": Reach.EVERYTHING, "auditor": Reach.EVERYTHING, "district": Reach.DISTRICT,
        "enterprise": Reach.OWN}


def test_the_sql_condition_selects_the_same_enterprises_as_the_reach():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine, tables=[Enterprise.__table__])
    rows = [("91320506301104144E", "吴中区"), ("91320571231669536Q", "吴中区"), ("91320583788194722P", "昆山市")]
    with Session(engine) as s:
        s.add_all(Enterprise(uscc=u, name=u, district=d, industry_cluster="高端装备") for u, d in rows)
        s.commit()
        for principal in [*PRINCIPALS.values(), Principal("x", "visitor"), Principal("d", "district")]:
            chosen = set(s.scalars(select(Enterprise.uscc).where(enterprise_condition(principal))))
            reached = {e.uscc for e in s.scalars(select(Enterprise)) if within_reach(principal, e)}
            assert chosen == reached, principal
        assert set(s.scalars(select(Enterprise.uscc).where(enterprise_condition(DISTRICT)))) == {
            "91320506301104144E", "91320571231669536Q"}
    engine.dispose()
