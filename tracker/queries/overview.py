"""Portfolio views answered in SQL from the project snapshots, scoped by principal: a fixed,
small number of statements and no Python loop over projects, whatever their number."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select, true
from sqlalchemy.orm import Session

from tracker.access import enterprise_condition
from tracker.models import Alert, Enterprise, ProgrammeRow, Project, ProjectSnapshot, ProjectTargetSnapshot
from tracker.principal import Principal
from tracker.programme.loaded import programme_of

CLOSED = ("accepted", "terminated", "funds_recalled")


def _in_programme(programme: str | None) -> Any:
    """All programmes (None), or the one with this code."""
    return true() if programme is None else ProgrammeRow.code == programme


def _base(principal: Principal, programme: str | None = None) -> Select:  # type: ignore[type-arg]
    return (select().select_from(Project)
            .join(Enterprise, Project.enterprise_id == Enterprise.id)
            .join(ProgrammeRow, Project.programme_id == ProgrammeRow.id)
            .join(ProjectSnapshot, ProjectSnapshot.project_id == Project.id)
            .where(enterprise_condition(principal), _in_programme(programme)))


def kpis(session: Session, principal: Principal, programme: str | None = None) -> dict[str, Any]:
    """Headline figures; targets are counted out of each project's own programme's targets."""
    row = session.execute(_base(principal, programme).add_columns(
        func.count(Project.id), func.coalesce(func.sum(Project.grant_wan), 0),
        func.coalesce(func.sum(ProjectSnapshot.disbursed_wan), 0),
        func.coalesce(func.sum(ProjectSnapshot.recalled_wan), 0),
        func.coalesce(func.sum(ProjectSnapshot.net_disbursed_wan), 0),
        func.coalesce(func.sum(ProjectSnapshot.funds_at_risk_wan), 0),
        func.coalesce(func.sum(ProjectSnapshot.targets_achieved), 0),
        func.coalesce(func.sum(case((ProjectSnapshot.risk == "high", 1), else_=0)), 0),
        func.coalesce(func.sum(ProjectSnapshot.targets_total), 0))).one()
    open_alerts = session.scalar(
        select(func.count(Alert.id)).join(Project, Alert.project_id == Project.id)
        .join(Enterprise, Project.enterprise_id == Enterprise.id)
        .join(ProgrammeRow, Project.programme_id == ProgrammeRow.id)
        .where(enterprise_condition(principal), _in_programme(programme), Project.state.not_in(CLOSED),
               Alert.acknowledged_at.is_(None)))
    money = [Decimal(v).quantize(Decimal("0.01")) for v in row[1:6]]
    return {"projects": row[0], "granted_wan": money[0], "disbursed_wan": money[1], "recalled_wan": money[2],
            "net_disbursed_wan": money[3], "at_risk_wan": money[4], "targets_achieved": int(row[6]),
            "targets_total": int(row[8]), "high_risk": int(row[7]), "open_alerts": open_alerts}


def breakdown(session: Session, principal: Principal, by: str, programme: str | None = None
              ) -> list[dict[str, Any]]:
    """Projects, grant and funds at risk by district or cluster, with counts per risk level."""
    column = {"district": Enterprise.district, "industry_cluster": Enterprise.industry_cluster}[by]
    levels = ("high", "medium", "low", "closed")
    rows = session.execute(_base(principal, programme).add_columns(
        column, func.count(Project.id), func.sum(Project.grant_wan), func.sum(ProjectSnapshot.funds_at_risk_wan),
        *(func.sum(case((ProjectSnapshot.risk == level, 1), else_=0)) for level in levels))
        .group_by(column).order_by(column)).all()
    return [{"key": r[0], "projects": r[1], "granted_wan": Decimal(r[2] or 0).quantize(Decimal("0.01")),
             "at_risk_wan": Decimal(r[3] or 0).quantize(Decimal("0.01")),
             **{level: int(r[4 + i] or 0) for i, level in enumerate(levels)}} for r in rows]


def target_rates(session: Session, principal: Principal, by: str = "district",
                 programme: str | None = None) -> list[dict[str, Any]]:
    """One heat map's data per programme (targets differ between programmes): for each group,
    how many projects achieved each of that programme's targets, in the programme's order."""
    column = {"district": Enterprise.district, "industry_cluster": Enterprise.industry_cluster}[by]
    rows = session.execute(_base(principal, programme)
                           .join(ProjectTargetSnapshot, ProjectTargetSnapshot.project_id == Project.id)
                           .add_columns(ProgrammeRow.id, column, ProjectTargetSnapshot.target_id, func.count(),
                                        func.sum(case((ProjectTargetSnapshot.achieved, 1), else_=0)))
                           .group_by(ProgrammeRow.id, column, ProjectTargetSnapshot.target_id)).all()
    counts: dict[int, dict[str, dict[str, tuple[int, int]]]] = {}
    for programme_id, key, target_id, projects, achieved in rows:
        counts.setdefault(programme_id, {}).setdefault(key, {})[target_id] = (int(projects), int(achieved or 0))
    out = []
    for row in session.scalars(select(ProgrammeRow).where(ProgrammeRow.id.in_(list(counts)))
                               .order_by(ProgrammeRow.year, ProgrammeRow.code)):
        targets = programme_of(row).targets
        groups = counts[row.id]
        out.append({"programme": row.code, "name": row.name,
                    "targets": [{"id": t.id, "name": t.name} for t in targets],
                    "rows": [{"key": key,
                              "projects": max((n for n, _ in groups[key].values()), default=0),
                              "achieved": [groups[key].get(t.id, (0, 0))[1] for t in targets]}
                             for key in sorted(groups)]})
    return out


def pace_points(session: Session, principal: Principal, programme: str | None = None) -> list[dict[str, Any]]:
    rows = session.execute(_base(principal, programme).add_columns(
        Project.code, ProjectSnapshot.elapsed, ProjectSnapshot.pace, ProjectSnapshot.risk, ProgrammeRow.code)
        .where(Project.state.not_in(CLOSED)).order_by(Project.code)).all()
    return [{"code": r[0], "elapsed": r[1], "pace": r[2], "risk": r[3], "programme": r[4]} for r in rows]


def timeline(session: Session, principal: Principal, limit: int = 20, programme: str | None = None,
             overdue: bool | None = None) -> list[dict[str, Any]]:
    """Open projects with the nearest acceptance-request deadlines (past ones first), each with
    its programme and whether each of its targets is achieved ({target id: bool}).
    `overdue=False` keeps the deadlines still ahead (the nearest first), `overdue=True` those
    passed (the longest overdue first), so the two are read apart."""
    stmt = _base(principal, programme).add_columns(
        Project.id, Project.code, Enterprise.name, Project.start_date, Project.end_date, ProjectSnapshot.deadline,
        ProjectSnapshot.effective_deadline, ProjectSnapshot.days_left, ProjectSnapshot.risk, ProgrammeRow.code
    ).where(Project.state == "in_progress")
    if overdue is not None:
        stmt = stmt.where(ProjectSnapshot.days_left < 0 if overdue else ProjectSnapshot.days_left >= 0)
    rows = session.execute(stmt.order_by(ProjectSnapshot.days_left, Project.code).limit(limit)).all()
    keys = ("id", "code", "enterprise", "start_date", "end_date", "deadline", "effective_deadline", "days_left",
            "risk", "programme")
    out = [dict(zip(keys, r)) for r in rows]
    targets: dict[int, dict[str, bool]] = {}
    for project_id, target_id, achieved in session.execute(
            select(ProjectTargetSnapshot.project_id, ProjectTargetSnapshot.target_id, ProjectTargetSnapshot.achieved)
            .where(ProjectTargetSnapshot.project_id.in_([r["id"] for r in out]))):
        targets.setdefault(project_id, {})[target_id] = bool(achieved)
    for r in out:
        r["targets"] = targets.get(r.pop("id"), {})
    return out


# --- the project list: sorting, filtering and paging in SQL ------------------------------

LIST_COLUMNS = {
    "project_code": Project.code, "programme": ProgrammeRow.code, "enterprise": Enterprise.name, "district": Enterprise.district,
    "industry_cluster": Enterprise.industry_cluster, "state": Project.state, "grant_wan": Project.grant_wan,
    "start_date": Project.start_date, "end_date": Project.end_date, "deadline": ProjectSnapshot.deadline,
    "days_left": ProjectSnapshot.days_left, "targets_achieved": ProjectSnapshot.targets_achieved,
    "targets_total": ProjectSnapshot.targets_total,
    "pace": ProjectSnapshot.pace, "risk": ProjectSnapshot.risk, "funds_at_risk_wan": ProjectSnapshot.funds_at_risk_wan,
    "disbursed_wan": ProjectSnapshot.disbursed_wan, "recalled_wan": ProjectSnapshot.recalled_wan,
    "net_disbursed_wan": ProjectSnapshot.net_disbursed_wan,
}
# Risk sorts by severity (descending: high, medium, low, closed), not alphabetically.
SORT_KEYS = {"risk": case({"high": 3, "medium": 2, "low": 1, "closed": 0}, value=ProjectSnapshot.risk, else_=-1)}
MONEY_COLUMNS = ("grant_wan", "funds_at_risk_wan", "disbursed_wan", "recalled_wan", "net_disbursed_wan")
TEXT_COLUMNS = {"project_code", "programme", "enterprise", "district", "industry_cluster", "state", "risk"}


def _filter(column_id: str, spec: dict[str, Any]) -> Any:
    """One ag-Grid filter model entry as an SQL condition; None when it cannot be used."""
    column = LIST_COLUMNS.get(column_id)
    if column is None or not isinstance(spec, dict):
        return None
    if "conditions" in spec and isinstance(spec["conditions"], list):
        parts = [p for p in (_filter(column_id, c) for c in spec["conditions"]) if p is not None]
        if not parts:
            return None
        return or_(*parts) if str(spec.get("operator", "AND")).upper() == "OR" else and_(*parts)
    kind, value = spec.get("type"), spec.get("filter")
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    if column_id in TEXT_COLUMNS:
        text = str(value)[:100]
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return {"contains": column.ilike(f"%{escaped}%", escape="\\"),
                "notContains": ~column.ilike(f"%{escaped}%", escape="\\"),
                "equals": column == text, "notEqual": column != text,
                "startsWith": column.ilike(f"{escaped}%", escape="\\"),
                "endsWith": column.ilike(f"%{escaped}", escape="\\")}.get(kind)
    try:
        number: Any = dt.date.fromisoformat(str(value)[:10]) if column_id in (
            "start_date", "end_date", "deadline") else Decimal(str(value))
    except (ValueError, ArithmeticError):
        return None
    return {"equals": column == number, "notEqual": column != number, "lessThan": column < number,
            "lessThanOrEqual": column <= number, "greaterThan": column > number,
            "greaterThanOrEqual": column >= number}.get(kind)


def project_list(session: Session, principal: Principal, *, sort: list[dict[str, Any]] | None = None,
                 filters: dict[str, Any] | None = None, offset: int = 0, limit: int | None = 100,
                 programme: str | None = None) -> tuple[list[dict[str, Any]], int]:
    """A page of visible projects (of one programme, or all) and the number matching the filters."""
    conditions = [c for c in (_filter(k, v) for k, v in (filters or {}).items()) if c is not None]
    stmt = _base(principal, programme).add_columns(*LIST_COLUMNS.values(), Enterprise.uscc,
                                        ProjectSnapshot.risk_reasons).where(*conditions)
    order = []
    for s in sort or []:
        column = SORT_KEYS.get(str(s.get("colId")), LIST_COLUMNS.get(str(s.get("colId"))))
        if column is not None:
            order.append(column.desc() if s.get("sort") == "desc" else column.asc())
    stmt = stmt.order_by(*order, Project.code).offset(max(int(offset), 0))
    if limit is not None:
        stmt = stmt.limit(max(min(int(limit), 1000), 1))
    rows = session.execute(stmt).all()
    total = session.scalar(_base(principal, programme).add_columns(func.count(Project.id)).where(*conditions))
    keys = [*LIST_COLUMNS, "uscc", "risk_reasons"]
    out = []
    for r in rows:
        item = dict(zip(keys, r))
        for k in ("start_date", "end_date", "deadline"):
            item[k] = item[k].isoformat()
        for k in MONEY_COLUMNS:
            item[k] = f"{item[k]:.2f}"
        item["pace"] = round(item["pace"], 4)
        item["risk_reasons"] = [c for c in (item["risk_reasons"] or "").split(",") if c]
        out.append(item)
    return out, total or 0


def by_risk_level(session: Session, principal: Principal, programme: str | None = None) -> list[dict[str, Any]]:
    """Projects, disbursed funds (gross, recalled, net) and funds at risk at each risk level."""
    rows = session.execute(_base(principal, programme).add_columns(
        ProjectSnapshot.risk, func.count(Project.id), func.sum(ProjectSnapshot.disbursed_wan),
        func.sum(ProjectSnapshot.recalled_wan), func.sum(ProjectSnapshot.net_disbursed_wan),
        func.sum(ProjectSnapshot.funds_at_risk_wan)).group_by(ProjectSnapshot.risk)).all()
    order = {"high": 0, "medium": 1, "low": 2, "closed": 3}
    keys = ("disbursed_wan", "recalled_wan", "net_disbursed_wan", "at_risk_wan")
    return sorted(({"risk": r[0], "projects": r[1],
                    **{k: Decimal(v or 0).quantize(Decimal("0.01")) for k, v in zip(keys, r[2:])}} for r in rows),
                  key=lambda r: order.get(r["risk"], 9))
