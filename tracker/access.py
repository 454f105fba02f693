"""The one access policy (DOMAIN.md section 8): what a principal may see, as SQL conditions,
and what it may do, as `can(principal, action, thing)`. Services, queries, the API, the pages
and the navigation all ask here; a new role is one entry in `ROLES` (plus its labels).

Seeing comes first: a thing outside the principal's reach answers exactly like a missing one
(NotFound); a visible thing the role may not act on is Forbidden."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, false, or_, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from tracker.errors import Forbidden, NotFound
from tracker.models import Achievement, Alert, Application, AuditEvent, Enterprise, Project
from tracker.principal import Principal


class Action(enum.StrEnum):
    SEE = "see"                                # read a thing within reach
    VIEW_PORTFOLIO = "view_portfolio"          # overview, project list, project pages
    VIEW_APPLICATIONS = "view_applications"    # screening, 汇总表
    VIEW_RISK = "view_risk"                    # funds at risk
    READ_AUDIT = "read_audit"                  # the whole audit trail
    CLAIM = "claim"                            # claim achievements, upload evidence (the workbench)
    REQUEST_ACCEPTANCE = "request_acceptance"  # the acceptance request of an own project
    REVIEW = "review"                          # verify or reject claimed achievements
    RECOMMEND = "recommend"                    # district recommendation of an application
    DECIDE_APPLICATION = "decide_application"  # every other application state, approval
    MOVE_PROJECT = "move_project"              # project state changes
    RECORD_FUNDS = "record_funds"              # disbursements and recalls
    ACKNOWLEDGE_ALERT = "acknowledge_alert"    # mark an alert as seen and handled
    IMPORT = "import"                          # bulk imports of projects and achievements
    REVIEW_ACCEPTANCE = "review_acceptance"    # acceptance reviews and re-reviews (DOMAIN.md 9)
    RECALL = "recall"                          # recall proposals and decisions (DOMAIN.md 10)
    RESPOND_RECALL = "respond_recall"          # the statement answering a recall proposal
    AMEND = "amend"                            # amendments of projects in progress (DOMAIN.md 11)
    INSPECT = "inspect"                        # inspections and their resolution (DOMAIN.md 12)


class Reach(enum.Enum):
    """Which enterprises' things a role sees."""
    EVERYTHING = "everything"
    DISTRICT = "district"    # the enterprises of the principal's district
    OWN = "own"              # the principal's own enterprise (by USCC)


@dataclass(frozen=True)
class RolePolicy:
    reach: Reach
    actions: frozenset[Action]


A = Action
ROLES: dict[str, RolePolicy] = {
    "bureau": RolePolicy(Reach.EVERYTHING, frozenset({
        A.SEE, A.VIEW_PORTFOLIO, A.VIEW_APPLICATIONS, A.VIEW_RISK, A.READ_AUDIT, A.REVIEW,
        A.RECOMMEND, A.DECIDE_APPLICATION, A.MOVE_PROJECT, A.RECORD_FUNDS, A.IMPORT,
        # the bureau also enters a statement handed in on paper (the CLI's `recall respond`)
        A.REVIEW_ACCEPTANCE, A.RECALL, A.RESPOND_RECALL, A.AMEND, A.INSPECT, A.ACKNOWLEDGE_ALERT})),
    "district": RolePolicy(Reach.DISTRICT, frozenset({
        A.SEE, A.VIEW_PORTFOLIO, A.VIEW_APPLICATIONS, A.REVIEW, A.RECOMMEND, A.ACKNOWLEDGE_ALERT})),
    "enterprise": RolePolicy(Reach.OWN, frozenset({A.SEE, A.CLAIM, A.REQUEST_ACCEPTANCE,
                                                   A.RESPOND_RECALL})),
    "auditor": RolePolicy(Reach.EVERYTHING, frozenset({
        A.SEE, A.VIEW_PORTFOLIO, A.VIEW_RISK, A.READ_AUDIT})),
}

# Why a refusal happened, in the words the person reads (CLI, API body, page message).
REFUSALS: dict[Action, str] = {
    A.CLAIM: "只有项目承担单位可以申报本项目的成果",
    A.REQUEST_ACCEPTANCE: "只有项目承担单位可以提出验收申请",
    A.REVIEW: "只有市局或项目所在地区的管理部门可以审核成果",
    A.RECOMMEND: "地区管理部门只能推荐或不推荐本地区的申报；其余状态由市局变更",
    A.DECIDE_APPLICATION: "地区管理部门只能推荐或不推荐本地区的申报；其余状态由市局变更",
    A.MOVE_PROJECT: "只有市局可以变更项目状态（项目承担单位可以提出验收申请）",
    A.RECORD_FUNDS: "只有市局可以登记拨付或收回资金",
    A.IMPORT: "只有市局可以批量导入",
    A.REVIEW_ACCEPTANCE: "只有市局可以记录验收评审",
    A.RECALL: "只有市局可以提出资金收回或作出收回决定",
    A.RESPOND_RECALL: "只有项目承担单位可以就本项目的资金收回提出陈述申辩",
    A.AMEND: "只有市局可以变更项目",
    A.INSPECT: "只有市局可以记录检查或确认检查整改完成",
    A.ACKNOWLEDGE_ALERT: "只有市局或项目所在地区的管理部门可以确认提醒",
}


def policy(principal: Principal) -> RolePolicy | None:
    return ROLES.get(principal.role)


def reach(principal: Principal) -> Reach | None:
    p = policy(principal)
    return p.reach if p else None


def sees_everything(principal: Principal) -> bool:
    return reach(principal) is Reach.EVERYTHING


def needs_district(role: str) -> bool:
    """Whether an account of this role must name a district (its reach is one)."""
    return role in ROLES and ROLES[role].reach is Reach.DISTRICT


def needs_uscc(role: str) -> bool:
    return role in ROLES and ROLES[role].reach is Reach.OWN


def _owner(thing: Any) -> tuple[str | None, str | None]:
    """(district, uscc) of an enterprise, or of what belongs to one (a project, an application,
    a status bundle carrying `district` and `uscc`)."""
    holder = getattr(thing, "enterprise", None)
    if isinstance(holder, Enterprise):
        thing = holder
    return getattr(thing, "district", None), getattr(thing, "uscc", None)


def within_reach(principal: Principal, thing: Any) -> bool:
    r = reach(principal)
    if r is Reach.EVERYTHING:
        return True
    district, uscc = _owner(thing)
    if r is Reach.DISTRICT:
        return principal.district is not None and district == principal.district
    if r is Reach.OWN:
        return principal.uscc is not None and uscc == principal.uscc
    return False


def can(principal: Principal, action: Action, thing: Any = None) -> bool:
    """Whether the principal may do `action`, to `thing` when one is named (it must then be
    within the principal's reach too)."""
    p = policy(principal)
    if p is None or action not in p.actions:
        return False
    return thing is None or within_reach(principal, thing)


def require(principal: Principal, action: Action, thing: Any = None) -> None:
    """Forbidden unless `can`; call once the thing is known to be visible."""
    if not can(principal, action, thing):
        raise Forbidden(REFUSALS.get(action, "无权执行此操作"))


# --- what may be seen, as SQL -------------------------------------------------------------

def enterprise_condition(principal: Principal) -> ColumnElement[bool]:
    """A condition on `Enterprise` columns (the statement joins Enterprise) for the reach."""
    r = reach(principal)
    if r is Reach.EVERYTHING:
        return true()
    if r is Reach.DISTRICT and principal.district:
        return Enterprise.district == principal.district
    if r is Reach.OWN and principal.uscc:
        return Enterprise.uscc == principal.uscc
    return false()


def scoped(stmt: Any, principal: Principal) -> Any:
    """`stmt` (which joins Enterprise) limited to what the principal may see."""
    return stmt.where(enterprise_condition(principal))


def _enterprise_ids(principal: Principal) -> Any:
    return select(Enterprise.id).where(enterprise_condition(principal))


def visible(principal: Principal, model: type) -> ColumnElement[bool]:
    """A self-contained condition on `model`'s own rows (nothing needs joining): enterprises,
    projects, applications, achievements, alerts and audit events the principal may see."""
    if sees_everything(principal):
        return true()
    if reach(principal) is None:
        return false()
    if model is Enterprise:
        return enterprise_condition(principal)
    if model in (Project, Application):
        return model.enterprise_id.in_(_enterprise_ids(principal))  # type: ignore[attr-defined]
    projects = select(Project.id).where(visible(principal, Project))
    if model in (Achievement, Alert):
        return model.project_id.in_(projects)  # type: ignore[attr-defined]
    if model is AuditEvent:  # a project's events and those of its achievements (keyed by id)
        return or_(
            (AuditEvent.entity == "project")
            & AuditEvent.entity_key.in_(select(Project.code).where(visible(principal, Project))),
            (AuditEvent.entity == "achievement")
            & AuditEvent.entity_key.in_(select(cast(Achievement.id, String)).where(
                Achievement.project_id.in_(projects))))
    raise TypeError(f"no visibility rule for {model.__name__}")


# --- single things, answering like missing ones when out of reach ---------------------------

def visible_project(session: Session, principal: Principal, code: str, *, for_update: bool = False
                    ) -> Project:
    """The project, or NotFound, exactly as if it did not exist, when the principal may not see it."""
    project = session.scalar(select(Project).where(Project.code == code))
    if project is None or not can(principal, Action.SEE, project):
        raise NotFound(f"项目 {code} 不存在")
    if for_update:
        # NO KEY UPDATE: records being inserted for the project hold key-share locks on it
        session.scalar(select(Project.id).where(Project.id == project.id).with_for_update(key_share=True))
    return project


def visible_achievement(session: Session, principal: Principal, achievement_id: int, *,
                        for_update: bool = False) -> tuple[Achievement, Project]:
    """The record and its project, or NotFound when missing or out of the principal's reach."""
    stmt = select(Achievement).where(Achievement.id == achievement_id)
    achievement = session.scalar(stmt.with_for_update() if for_update else stmt)
    project = session.get(Project, achievement.project_id) if achievement else None
    if achievement is None or project is None or not can(principal, Action.SEE, project):
        raise NotFound(f"成果记录 {achievement_id} 不存在")
    return achievement, project
