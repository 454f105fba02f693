"""Inspections (DOMAIN.md section 12): mid-term and spot checks of projects in progress, a
rectification demand with a due date, and its resolution."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.access import Action, can, require, visible_project
from tracker.errors import InputError, NotFound, Problem, StateError
from tracker.models import Inspection, Project
from tracker.principal import Principal
from tracker.rules.calendar import effective_deadline
from tracker.rules.inspections import inspection_problems
from tracker.catalogue import label
from tracker.vocab import ProjectState
from tracker.services import audit



def record_inspection(session: Session, principal: Principal, code: str, *, on: dt.date, kind: str,
                      panel: list[str], conclusion: str, findings: str,
                      due: dt.date | None = None) -> Inspection:
    project = visible_project(session, principal, code, for_update=True)
    require(principal, Action.INSPECT, project)
    if project.state != "in_progress":
        raise StateError(f"项目 {code} 当前状态为 {label(project.state, of=ProjectState)}（{project.state}），"
                         f"不能记录中期检查或抽查；允许的状态：实施中（in_progress）",
                         current=project.state, allowed=(ProjectState.IN_PROGRESS,))
    names = [n.strip() for n in panel if n.strip()]
    problems = inspection_problems(on=on, kind=kind, panel=names, conclusion=conclusion,
                                   findings=findings, due=due)
    if problems:
        raise InputError([Problem(m, field=f) for f, m in problems])
    inspection = Inspection(
        project_id=project.id, inspected_on=on, kind=kind, panel=names, findings=findings.strip(),
        conclusion=conclusion, due=due if conclusion == "rectify" else None,
        due_effective=effective_deadline(due).day if conclusion == "rectify" and due else None,
        by=principal.name, recorded_at=dt.datetime.now(dt.timezone.utc))
    session.add(inspection)
    session.flush()
    audit.record(session, actor=principal.name, action="inspection.recorded", entity="project", key=code,
                 after={"id": inspection.id, "kind": kind, "panel": names, "conclusion": conclusion,
                        "due": inspection.due}, on_date=on)
    return inspection


def resolve_inspection(session: Session, principal: Principal, inspection_id: int, *, on: dt.date
                       ) -> tuple[Inspection, str]:
    """The rectification an inspection asked for is done; returns it with its project's code."""
    inspection = session.scalar(select(Inspection).where(Inspection.id == inspection_id).with_for_update())
    project = session.get(Project, inspection.project_id) if inspection else None
    if inspection is None or project is None or not can(principal, Action.SEE, project):
        raise NotFound(f"检查记录 {inspection_id} 不存在")
    require(principal, Action.INSPECT, project)
    if inspection.conclusion != "rectify":
        raise StateError(f"检查记录 {inspection_id} 的结论为 satisfactory（合格），没有需要整改的事项")
    if inspection.resolved_on is not None:
        raise StateError(f"检查记录 {inspection_id} 的整改已于 {inspection.resolved_on} 确认完成")
    if on < inspection.inspected_on:
        raise InputError(Problem(f"确认日期 {on} 早于检查日期 {inspection.inspected_on}", field="on"))
    inspection.resolved_on, inspection.resolved_by = on, principal.name
    audit.record(session, actor=principal.name, action="inspection.resolved", entity="project",
                 key=project.code, after={"id": inspection.id, "resolved_on": on}, on_date=on)
    return inspection, project.code
