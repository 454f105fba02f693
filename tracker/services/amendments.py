"""Amendments (DOMAIN.md section 11): the bureau extends the window, changes the grant or
raises a requirement of a project in progress; the before and the change are both kept."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Mapping

from sqlalchemy.orm import Session

from tracker.access import Action, require, visible_project
from tracker.errors import InputError, Problem, StateError
from tracker.models import Amendment, ProjectIndicator
from tracker.principal import Principal
from tracker.queries.portfolio import load_portfolio
from tracker.rules.amendments import plan_amendment
from tracker.catalogue import label
from tracker.vocab import ProjectState
from tracker.services import audit



def amend(session: Session, principal: Principal, code: str, *, on: dt.date, reason: str,
          end: dt.date | None = None, grant: Decimal | None = None,
          required: Mapping[str, int] | None = None) -> Amendment:
    project = visible_project(session, principal, code, for_update=True)
    require(principal, Action.AMEND, project)
    bundle = load_portfolio(session, Principal.bureau("amend"), code).projects[0]
    programme = bundle.programme
    current = {i.id: i.required for i in bundle.indicators}
    problems, plan = plan_amendment(
        state=project.state, on=on, start=project.start_date, end=project.end_date,
        grant=project.grant_wan, gross_disbursed=bundle.disbursed,
        lead_months=programme.acceptance_lead_months, max_years=programme.window_max_years,
        current_required=current, programme_required={i.id: i.required for i in programme.indicators},
        new_end=end, new_grant=grant, new_required=dict(required or {}), reason=reason)
    if problems and problems[0][0] == "state":
        raise StateError(f"项目 {code} 当前状态为 {label(project.state, of=ProjectState)}（{project.state}），不能变更；"
                         f"只有实施中（in_progress）的项目可以变更（提出验收申请后不再接受变更）",
                         current=project.state, allowed=(ProjectState.IN_PROGRESS,))
    if plan is None:
        raise InputError([Problem(m, field=f) for f, m in problems])
    before = {"end_date": project.end_date.isoformat(), "grant_wan": f"{project.grant_wan:.2f}",
              "required": current}
    changes: dict[str, object] = {}
    if plan.end_date != project.end_date:
        changes["end_date"] = [project.end_date.isoformat(), plan.end_date.isoformat()]
        project.end_date = plan.end_date
        if "extended_window" in plan.flags and not project.extension_reason:
            project.extension_reason = reason
    if plan.grant_wan != project.grant_wan:
        changes["grant_wan"] = [f"{project.grant_wan:.2f}", f"{plan.grant_wan:.2f}"]
        project.grant_wan = plan.grant_wan
    if plan.required:
        rows = {r.indicator_id: r for r in project.indicators}
        for indicator, value in plan.required.items():
            if indicator in rows:
                rows[indicator].required = value
            else:
                project.indicators.append(ProjectIndicator(indicator_id=indicator, required=value))
        changes["required"] = {k: [current[k], v] for k, v in sorted(plan.required.items())}
    if not changes:
        raise InputError(Problem("变更后的值与当前相同，没有要变更的内容", field="changes"))
    flags = [f for f in plan.flags if f == "amended_after_deadline"]
    amendment = Amendment(project_id=project.id, on_date=on, by=principal.name, reason=reason.strip(),
                          before=before, changes=changes, flags=flags,
                          recorded_at=dt.datetime.now(dt.timezone.utc))
    session.add(amendment)
    audit.record(session, actor=principal.name, action="project.amended", entity="project", key=code,
                 before=before, after={"changes": changes, "flags": flags}, reason=reason, on_date=on)
    session.flush()
    return amendment
