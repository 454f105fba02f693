"""Every service refuses exactly what the access policy refuses, on a real database: a thing out
of the principal's reach is NotFound (as if missing), a visible thing the role may not act on
is Forbidden, and a refused call writes nothing. Each call runs in its own rolled-back session."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from support.db import Tracker
from tracker.access import Action, can, within_reach
from tracker.commands import AchievementInput
from tracker.errors import Forbidden, InputError, NotFound, StateError
from tracker.models import Achievement, Application, AuditEvent, Enterprise, Project, ProgrammeRow
from tracker.principal import Principal
from tracker.programme.loaded import programme_of
from tracker.queries.activity import audit_trail
from tracker.services import achievements, applications, contacts, funds, projects

ON = dt.date(2026, 6, 1)
ENT1, ENT2 = "91320506301104144E", "91320571231669536Q"  # 吴中区 (SZIPS-2024-001), 苏州工业园区 (002)
PRINCIPALS = {
    "bureau": Principal("市局", "bureau"), "auditor": Principal("审计", "auditor"),
    "wuzhong": Principal("吴中", "district", district="吴中区"),
    "sip": Principal("园区", "district", district="苏州工业园区"),
    "ent1": Principal("企业一", "enterprise", uscc=ENT1), "ent2": Principal("企业二", "enterprise", uscc=ENT2),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, examples):
    t = Tracker(f"sqlite:///{tmp_path_factory.mktemp('access') / 'tracker.sqlite3'}")
    t("init")
    t("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    t("achievements", "import", str(examples / "achievements.csv"))
    e = t.engine()
    yield e
    e.dispose()


def outcome(engine, call) -> str:
    """'not_found', 'forbidden' or 'allowed' (anything past the access checks, including a
    refused state change); the session is rolled back whatever happened."""
    with Session(engine) as s:
        try:
            call(s)
        except NotFound:
            return "not_found"
        except Forbidden:
            return "forbidden"
        except (StateError, InputError):  # refused for its state or input: access was granted
            return "allowed"
        finally:
            s.rollback()
    return "allowed"


def expected(principal: Principal, action: Action, thing=None) -> str:
    if thing is not None and not within_reach(principal, thing):
        return "not_found"
    return "allowed" if can(principal, action, thing) else "forbidden"


def _project(engine, code="SZIPS-2024-001") -> Project:
    with Session(engine, expire_on_commit=False) as s:
        project = s.scalar(select(Project).where(Project.code == code))
        s.expunge_all()
        return project


def _application(engine, uscc=ENT1):
    with Session(engine, expire_on_commit=False) as s:
        a = s.scalar(select(Application).join(Enterprise).where(Enterprise.uscc == uscc))
        s.expunge_all()
        return a


def _programme(s: Session):
    row = s.scalar(select(ProgrammeRow).where(ProgrammeRow.code == "SZIPS-2024"))
    return row, programme_of(row)


def _claimed_record(engine, code="SZIPS-2024-001") -> int:
    with Session(engine) as s:
        return s.scalar(select(func.min(Achievement.id)).join(Project).where(
            Project.code == code, Achievement.status == "claimed"))


CLAIM = AchievementInput(project_code="SZIPS-2024-001", indicator="patent_pool", date=ON, title="专利池")


@pytest.mark.parametrize("who", sorted(PRINCIPALS))
def test_project_services_refuse_what_the_policy_refuses(engine, who):
    p = PRINCIPALS[who]
    project = _project(engine)
    record = _claimed_record(engine)
    cases = {
        "terminate": (lambda s: projects.transition_project(s, "SZIPS-2024-001", "terminated", on=ON, actor=p,
                                                            programme_of=programme_of),
                      expected(p, Action.MOVE_PROJECT, project)),
        "request acceptance": (lambda s: projects.request_acceptance(s, p, "SZIPS-2024-001", on=ON,
                                                                     programme_of=programme_of),
                               expected(p, Action.REQUEST_ACCEPTANCE, project)),
        "claim": (lambda s: achievements.claim_achievement(s, CLAIM, p, on=ON), expected(p, Action.CLAIM, project)),
        "review": (lambda s: achievements.review_achievement(s, record, "verified", actor=p, on=ON),
                   expected(p, Action.REVIEW, project)),
        "disburse": (lambda s: funds.disburse(s, "SZIPS-2024-001", Decimal("1"), on=ON, actor=p),
                     expected(p, Action.RECORD_FUNDS)),
        "import records": (lambda s: achievements.import_achievements(s, [CLAIM], p, on=ON),
                           expected(p, Action.IMPORT)),
        "import projects": (lambda s: projects.import_projects(s, *_programme(s), [], p, "p.csv"),
                            expected(p, Action.IMPORT)),
        "import contacts": (lambda s: contacts.import_contacts(s, [], p), expected(p, Action.IMPORT)),
    }
    got = {name: outcome(engine, call) for name, (call, _) in cases.items()}
    assert got == {name: want for name, (_, want) in cases.items()}


@pytest.mark.parametrize("who", sorted(PRINCIPALS))
def test_application_services_refuse_what_the_policy_refuses(engine, who):
    p = PRINCIPALS[who]
    application = _application(engine)

    def move(target):
        return lambda s: applications.transition_application(s, *_programme(s), ENT1, target, on=ON, actor=p)

    def approve(s):
        return applications.approve_application(
            s, *_programme(s), ENT1, project_code="X-1", grant_wan=Decimal("10"), start=ON,
            end=ON + dt.timedelta(days=300), title=None, extension_reason=None, on=ON, actor=p)
    got = {"recommend": outcome(engine, move("district_recommended")),
           "expert review": outcome(engine, move("under_expert_review")),
           "approve": outcome(engine, approve),
           "import": outcome(engine, lambda s: applications.import_applicants(s, _programme(s)[0], [], p, "a.csv"))}
    assert got == {"recommend": expected(p, Action.RECOMMEND, application),
                   "expert review": expected(p, Action.DECIDE_APPLICATION, application),
                   "approve": expected(p, Action.DECIDE_APPLICATION, application),
                   "import": expected(p, Action.IMPORT)}


def test_the_outcomes_are_the_ones_domain_section_8_describes(engine):
    """The table above, pinned for the roles a reader knows (not only derived from the policy)."""
    project, record = _project(engine), _claimed_record(engine)
    review = {who: outcome(engine, lambda s, p=p: achievements.review_achievement(
        s, record, "verified", actor=p, on=ON)) for who, p in PRINCIPALS.items()}
    assert review == {"bureau": "allowed", "wuzhong": "allowed", "auditor": "forbidden", "ent1": "forbidden",
                      "sip": "not_found", "ent2": "not_found"}
    claim = {who: outcome(engine, lambda s, p=p: achievements.claim_achievement(s, CLAIM, p, on=ON))
             for who, p in PRINCIPALS.items()}
    assert claim == {"bureau": "forbidden", "wuzhong": "forbidden", "auditor": "forbidden", "ent1": "allowed",
                     "sip": "not_found", "ent2": "not_found"}
    assert project.code == "SZIPS-2024-001"


def test_an_enterprise_files_its_acceptance_request_through_a_transition_too(engine):
    for who, want in (("ent1", "allowed"), ("ent2", "not_found"), ("wuzhong", "forbidden"), ("bureau", "allowed")):
        p = PRINCIPALS[who]
        got = outcome(engine, lambda s: projects.transition_project(
            s, "SZIPS-2024-001", "acceptance_requested", on=ON, actor=p, programme_of=programme_of))
        assert got == want, who


def test_a_refused_call_writes_nothing(engine):
    with Session(engine) as s:
        before = s.scalar(select(func.count()).select_from(AuditEvent))
    assert outcome(engine, lambda s: (achievements.claim_achievement(s, CLAIM, PRINCIPALS["ent2"], on=ON),
                                      s.commit())) == "not_found"
    assert outcome(engine, lambda s: (projects.transition_project(
        s, "SZIPS-2024-001", "terminated", on=ON, actor=PRINCIPALS["wuzhong"], programme_of=programme_of),
        s.commit())) == "forbidden"
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == before


def test_the_audit_trail_shows_each_principal_only_what_it_may_see(engine):
    with Session(engine) as s:
        everything = audit_trail(s, PRINCIPALS["auditor"], limit=10_000)
        wuzhong = audit_trail(s, PRINCIPALS["wuzhong"], limit=10_000)
        ids_001 = {str(i) for i in s.scalars(select(Achievement.id).join(Project).where(
            Project.code == "SZIPS-2024-001"))}
        with pytest.raises(NotFound):
            audit_trail(s, PRINCIPALS["ent2"], "SZIPS-2024-001")
        own = audit_trail(s, PRINCIPALS["ent1"], "SZIPS-2024-001", limit=10_000)
    assert {e["entity"] for e in everything} >= {"programme", "application", "project", "achievement"}
    assert wuzhong and all((e["entity"], e["key"]) == ("project", "SZIPS-2024-001")
                           or (e["entity"] == "achievement" and e["key"] in ids_001) for e in wuzhong)
    assert {e["key"] for e in own if e["entity"] == "project"} == {"SZIPS-2024-001"}
