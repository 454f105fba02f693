"""Applications: import, state transitions with their audit trail, and approval."""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.access import Action, can, require
from tracker.commands import ApplicantInput
from tracker.errors import InputError, NotFound, Problem, StateError
from tracker.models import Application, Enterprise, Project, ProgrammeRow
from tracker.models.application import FACT_FIELDS
from tracker.principal import Principal
from tracker.programme import Programme
from tracker.catalogue import label, phrase
from tracker.rules.states import APPLICATION_TRANSITIONS, allowed_next, refusal
from tracker.vocab import ApplicationState
from tracker.services import audit
from tracker.services.enterprises import existing_enterprises, upsert_enterprise
from tracker.services.projects import create_project, validate_new_project

DISTRICT_DECISIONS = ("district_recommended", "district_rejected")


def import_applicants(session: Session, programme_row: ProgrammeRow, parsed: list[ApplicantInput],
                      actor: Principal, file: str, progress: Callable[[int], None] | None = None
                      ) -> tuple[int, int]:
    """Create applications, or refresh those still `submitted`; (created, updated).
    An application already past `submitted` is an input error: its facts were judged."""
    require(actor, Action.IMPORT)
    known = existing_enterprises(session, (p.facts.uscc for p in parsed))
    current = {a.enterprise.uscc: a for a in session.scalars(
        select(Application).join(Enterprise).where(
            Application.programme_id == programme_row.id,
            Enterprise.uscc.in_([e for e in known])))} if known else {}
    problems = [Problem(f"{p.facts.uscc} 的申报已处于 {current[p.facts.uscc].state} 状态，不能再导入覆盖",
                        file=file, row=p.row, column="统一社会信用代码", field="uscc")
                for p in parsed if p.facts.uscc in current and current[p.facts.uscc].state != "submitted"]
    if problems:
        raise InputError(problems)
    created = updated = 0
    now = dt.datetime.now(dt.timezone.utc)
    for p in parsed:
        f = p.facts
        enterprise = upsert_enterprise(session, known, uscc=f.uscc, name=f.name, district=f.district,
                                       industry_cluster=f.industry_cluster, actor=actor.name)
        values = {k: getattr(f, k) for k in FACT_FIELDS}
        values.update(revenue_1=f.revenues[0], revenue_2=f.revenues[1], revenue_3=f.revenues[2],
                      profit_1=f.profits[0], profit_2=f.profits[1], profit_3=f.profits[2],
                      honours=list(f.honours))
        application = current.get(f.uscc)
        if application is None:
            session.add(Application(programme_id=programme_row.id, enterprise=enterprise,
                                    state="submitted", imported_at=now, **values))
            created += 1
            action = "application.imported"
        else:
            for k, v in values.items():
                setattr(application, k, v)
            application.imported_at = now
            updated += 1
            action = "application.reimported"
        audit.record(session, actor=actor.name, action=action, entity="application",
                     key=f"{programme_row.code}/{f.uscc}", after=dataclasses.asdict(f),
                     reason=f"导入 {file} 第{p.row}行")
        if progress:
            progress(1)
    return created, updated


def get_application(session: Session, programme_row: ProgrammeRow, uscc: str) -> Application:
    application = session.scalar(
        select(Application).join(Enterprise).where(
            Application.programme_id == programme_row.id, Enterprise.uscc == uscc)
        .with_for_update())
    if application is None:
        raise NotFound(f"计划 {programme_row.code} 中没有统一社会信用代码为 {uscc} 的申报")
    return application


def _refuse(uscc: str, current: str, target: str) -> StateError:
    return StateError(refusal(phrase("application.subject").format(uscc=uscc), ApplicationState,
                              APPLICATION_TRANSITIONS, current, target),
                      current=current, allowed=allowed_next(APPLICATION_TRANSITIONS, current))


def transition_application(session: Session, programme_row: ProgrammeRow, programme: Programme,
                           uscc: str, target: str, *, on: dt.date, actor: Principal,
                           reason: str | None = None) -> Application:
    application = get_application(session, programme_row, uscc)
    if not can(actor, Action.SEE, application):
        raise NotFound(f"计划 {programme_row.code} 中没有统一社会信用代码为 {uscc} 的申报")
    require(actor, Action.RECOMMEND if target in DISTRICT_DECISIONS else Action.DECIDE_APPLICATION,
            application)
    if target not in allowed_next(APPLICATION_TRANSITIONS, application.state):
        raise _refuse(uscc, application.state, target)
    if target == "approved":
        raise StateError(f"申报 {uscc} 的立项请使用 tracker applications approve"
                         f"（需项目编号、资助金额与实施期），当前状态为 {label(application.state, of=ApplicationState)}")
    before = {"state": application.state}
    after: dict[str, object] = {"state": target}
    if target in DISTRICT_DECISIONS:
        application.district_decision_on = on
        application.late_district_recommendation = on > programme.recommendation_deadline
        after["late_district_recommendation"] = application.late_district_recommendation
    application.state = target
    audit.record(session, actor=actor.name, action="application.transition", entity="application",
                 key=f"{programme_row.code}/{uscc}", before=before, after=after, reason=reason,
                 on_date=on)
    return application


def approve_application(session: Session, programme_row: ProgrammeRow, programme: Programme,
                        uscc: str, *, project_code: str, grant_wan: Decimal, start: dt.date,
                        end: dt.date, title: str | None, extension_reason: str | None,
                        on: dt.date, actor: Principal, reason: str | None = None) -> Project:
    """Approve an application under expert review, creating its project."""
    application = get_application(session, programme_row, uscc)
    if not can(actor, Action.SEE, application):
        raise NotFound(f"计划 {programme_row.code} 中没有统一社会信用代码为 {uscc} 的申报")
    require(actor, Action.DECIDE_APPLICATION, application)
    if "approved" not in allowed_next(APPLICATION_TRANSITIONS, application.state):
        raise _refuse(uscc, application.state, "approved")
    validate_new_project(programme, project_code, grant_wan, start, end, extension_reason)
    if session.scalar(select(Project.id).where(Project.code == project_code)) is not None:
        raise InputError(Problem(f"项目编号 {project_code} 已存在", field="project_code"))
    application.state = "approved"
    audit.record(session, actor=actor.name, action="application.transition", entity="application",
                 key=f"{programme_row.code}/{uscc}", before={"state": "under_expert_review"},
                 after={"state": "approved", "project_code": project_code}, reason=reason, on_date=on)
    return create_project(
        session, programme_row, programme, application.enterprise, code=project_code,
        title=title or f"{application.enterprise.name}知识产权和标准融合项目", grant_wan=grant_wan,
        start_date=start, end_date=end, extension_reason=extension_reason, actor=actor,
        application_id=application.id, on_date=on)
