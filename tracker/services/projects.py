"""Projects: creation (by approval or import), state transitions, the acceptance request."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.access import Action, can, require, visible_project
from tracker.commands import ProjectInput, check_grant, check_project_code, check_window
from tracker.errors import InputError, NotFound, Problem, StateError
from tracker.models import Enterprise, Project, ProjectIndicator, ProgrammeRow
from tracker.principal import Principal
from tracker.programme import Programme
from tracker.rules.calendar import acceptance_request_deadline, effective_deadline
from tracker.catalogue import phrase
from tracker.rules.states import BARE_TRANSITIONS, PROJECT_TRANSITIONS, allowed_next, refusal
from tracker.vocab import ProjectState
from tracker.services import audit
from tracker.services.enterprises import existing_enterprises, upsert_enterprise
from tracker.services.reviews import record_review


def _describe(project: Project) -> dict[str, object]:
    return {"code": project.code, "title": project.title, "grant_wan": project.grant_wan,
            "start_date": project.start_date, "end_date": project.end_date,
            "extension_reason": project.extension_reason, "state": project.state}


def create_project(session: Session, programme_row: ProgrammeRow, programme: Programme,
                   enterprise: Enterprise, *, code: str, title: str, grant_wan: Decimal,
                   start_date: dt.date, end_date: dt.date, extension_reason: str | None,
                   actor: Principal, required: dict[str, int] | None = None,
                   application_id: int | None = None, on_date: dt.date | None = None) -> Project:
    project = Project(
        code=code, programme_id=programme_row.id, enterprise=enterprise,
        application_id=application_id, title=title, grant_wan=grant_wan, start_date=start_date,
        end_date=end_date, extension_reason=extension_reason, state="in_progress",
        created_at=dt.datetime.now(dt.timezone.utc))
    session.add(project)
    raised = required or {}
    project.indicators = [ProjectIndicator(indicator_id=i.id, required=raised.get(i.id, i.required))
                          for i in programme.indicators]
    audit.record(session, actor=actor.name, action="project.created", entity="project", key=code,
                 after={**_describe(project), "uscc": enterprise.uscc, "required": raised},
                 on_date=on_date)
    return project


def import_projects(session: Session, programme_row: ProgrammeRow, programme: Programme,
                    parsed: list[ProjectInput], actor: Principal, file: str,
                    progress: Callable[[int], None] | None = None) -> int:
    """Create every project of the file, or none (InputError) when any code already exists."""
    require(actor, Action.IMPORT)
    codes = [p.code for p in parsed]
    taken: set[str] = set()
    for i in range(0, len(codes), 500):
        taken.update(session.scalars(select(Project.code).where(Project.code.in_(codes[i:i + 500]))))
    problems = [Problem(f"项目编号 {p.code} 已存在", file=file, row=p.row, column="项目编号",
                        field="project_code") for p in parsed if p.code in taken]
    if problems:
        raise InputError(problems)
    known = existing_enterprises(session, (p.uscc for p in parsed))
    for p in parsed:
        enterprise = upsert_enterprise(session, known, uscc=p.uscc, name=p.name, district=p.district,
                                       industry_cluster=p.industry_cluster, actor=actor.name)
        create_project(session, programme_row, programme, enterprise, code=p.code, title=p.title,
                       grant_wan=p.grant_wan, start_date=p.start_date, end_date=p.end_date,
                       extension_reason=p.extension_reason, actor=actor, required=p.required)
        if progress:
            progress(1)
    return len(parsed)


def validate_new_project(programme: Programme, code: str, grant_wan: Decimal, start: dt.date,
                         end: dt.date, extension_reason: str | None) -> None:
    problems = []
    message = check_project_code(code)
    if message:
        problems.append(Problem(message, field="project_code"))
    message = check_grant(grant_wan)
    if message:
        problems.append(Problem(message, field="grant_wan"))
    message = check_window(start, end, extension_reason, programme)
    if message:
        problems.append(Problem(message, field="end_date"))
    if problems:
        raise InputError(problems)


def request_acceptance(session: Session, principal: Principal, code: str, *, on: dt.date,
                       programme_of: Callable[[ProgrammeRow], Programme]) -> Project:
    """The enterprise files the acceptance request of its own project."""
    project = visible_project(session, principal, code)
    require(principal, Action.REQUEST_ACCEPTANCE, project)
    return transition_project(session, code, "acceptance_requested", on=on, actor=principal,
                              reason="项目承担单位提出验收申请", programme_of=programme_of)


def get_project(session: Session, code: str, *, for_update: bool = False) -> Project:
    stmt = select(Project).where(Project.code == code)
    if for_update:
        stmt = stmt.with_for_update(key_share=True)  # as access.visible_project
    project = session.scalar(stmt)
    if project is None:
        raise NotFound(f"项目 {code} 不存在")
    return project


def transition_project(session: Session, code: str, target: str, *, on: dt.date,
                       actor: Principal, reason: str | None = None,
                       programme_of: Callable[[ProgrammeRow], Programme]) -> Project:
    """Move a project to `target`; refused (StateError) unless the state machine allows it.
    Moving projects is the bureau's; filing the acceptance request, the project's own enterprise's."""
    project = visible_project(session, actor, code, for_update=True)
    if not (target == "acceptance_requested" and can(actor, Action.REQUEST_ACCEPTANCE, project)):
        require(actor, Action.MOVE_PROJECT, project)
    allowed = allowed_next(BARE_TRANSITIONS, project.state)
    if target not in allowed:
        message = refusal(phrase("project.subject").format(code=code), ProjectState, BARE_TRANSITIONS,
                          project.state, target)
        if target in allowed_next(PROJECT_TRANSITIONS, project.state):  # only by review or decision
            message += {ProjectState.RECTIFYING: "（限期整改只能由验收评审得出：tracker acceptance review）",
                        ProjectState.FUNDS_RECALLED: "（收回资金只能由收回决定完成：tracker recall decide）"}[target]
        raise StateError(message, current=project.state, allowed=allowed)
    if target in ("accepted", "acceptance_failed"):
        # The old shorthand: recorded as a review with the ledger's findings and no panel.
        record_review(session, actor, code, on=on, panel=[], reason=reason, panel_recorded=False,
                      conclusion="passed" if target == "accepted" else "failed")
        return project
    before = {"state": project.state}
    after: dict[str, object] = {"state": target}
    if target == "acceptance_requested":
        programme = programme_of(session.get(ProgrammeRow, project.programme_id))
        deadline = acceptance_request_deadline(project.end_date, programme.acceptance_lead_months)
        effective = effective_deadline(deadline).day
        project.acceptance_requested_on = on
        after.update(acceptance_requested_on=on, acceptance_request_deadline=deadline,
                     late=on > effective)
    project.state = target
    audit.record(session, actor=actor.name, action="project.transition", entity="project",
                 key=code, before=before, after=after, reason=reason, on_date=on)
    return project
