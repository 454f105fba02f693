"""Portfolio views answered in SQL from the project snapshots, scoped by principal: a fixed,
small number of statements and no Python loop over projects, whatever their number."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql.util import find_tables

from tracker.access import enterprise_condition
from tracker.models import Alert, Enterprise, ProgrammeRow, Project, ProjectSnapshot, ProjectTargetSnapshot
from tracker.principal import Principal
from tracker.programme.loaded import programme_of

CLOSED = ("accepted", "terminated", "funds_recalled")


def _in_programme(programme: str | None) -> Any:
    """All programmes (None), or the one with this code."""
    return true() if programme is None else ProgrammeRow.code == programme


def _scope(principal: Principal, programme: str | None) -> list[Any]:
    """The conditions every view here starts from: what the principal may see, of one programme."""
    return [enterprise_condition(principal), _in_programme(programme)]


def _base(principal: Principal, programme: str | None = None, uses: list[Any] | None = None,
          rows: Any = ProjectSnapshot) -> Select:  # type: ignore[type-arg]
    """Projects with their snapshot (or their rows of another read-model table, `rows`), scoped.
    `uses`: the columns and conditions the caller will add; then the enterprise and programme
    are joined only when they (or the scope) name them (every project has exactly one of each,
    so leaving a join out changes no result, and saves a lookup per project). None joins both."""
    where = _scope(principal, programme)
    stmt = select().select_from(Project).join(rows, rows.project_id == Project.id)
    return _join_named(stmt, None if uses is None else [*where, *uses]).where(*where)


def _join_named(stmt: Select, clauses: list[Any] | None) -> Select:  # type: ignore[type-arg]
    """`stmt` (from projects) joined to the enterprise and the programme that `clauses` name
    (both when None)."""
    named = None if clauses is None else _tables_named(clauses)
    if named is None or Enterprise.__table__ in named:
        stmt = stmt.join(Enterprise, Project.enterprise_id == Enterprise.id)
    if named is None or ProgrammeRow.__table__ in named:
        stmt = stmt.join(ProgrammeRow, Project.programme_id == ProgrammeRow.id)
    return stmt


def _tables_named(clauses: list[Any]) -> set[Any]:
    """The tables whose columns these clauses (ORM attributes too) name."""
    return {t for c in clauses for t in find_tables(
        c.__clause_element__() if hasattr(c, "__clause_element__") else c, check_columns=True)}


def _programme_codes(session: Session) -> dict[int, str]:
    return {i: code for i, code in session.execute(select(ProgrammeRow.id, ProgrammeRow.code))}


LEVELS = ("high", "medium", "low", "closed")
MONEY = ("granted_wan", "disbursed_wan", "recalled_wan", "net_disbursed_wan", "at_risk_wan")
CENT = Decimal("0.01")


def _sums() -> list[Any]:
    """What the KPIs and the breakdowns add up (in this order: projects, MONEY, targets, LEVELS)."""
    return [func.count(Project.id), func.sum(Project.grant_wan),
            func.sum(ProjectSnapshot.disbursed_wan), func.sum(ProjectSnapshot.recalled_wan),
            func.sum(ProjectSnapshot.net_disbursed_wan), func.sum(ProjectSnapshot.funds_at_risk_wan),
            func.sum(ProjectSnapshot.targets_achieved), func.sum(ProjectSnapshot.targets_total),
            *(func.sum(case((ProjectSnapshot.risk == level, 1), else_=0)) for level in LEVELS)]


def _summed(r: Any) -> dict[str, Any]:
    return {"projects": r[0] or 0, **{k: Decimal(v or 0) for k, v in zip(MONEY, r[1:6])},
            "targets_achieved": int(r[6] or 0), "targets_total": int(r[7] or 0),
            **{level: int(v or 0) for level, v in zip(LEVELS, r[8:12])}}


def _group_sums(session: Session, principal: Principal, programme: str | None) -> list[dict[str, Any]]:
    """Everything the KPIs, the breakdowns and the target rates' project counts add up, per
    programme, district and cluster, in one pass over the read model: a few dozen groups come
    back, whatever the number of projects."""
    keys = [Project.programme_id, Enterprise.district, Enterprise.industry_cluster]
    columns = [*keys, *_sums()]
    rows = session.execute(_base(principal, programme, columns).add_columns(*columns).group_by(*keys)).all()
    return [{"programme_id": r[0], "district": r[1], "industry_cluster": r[2], **_summed(r[3:])} for r in rows]


def _total_sums(session: Session, principal: Principal, programme: str | None) -> list[dict[str, Any]]:
    """The same sums over every visible project, as a single group: the KPIs alone need no
    enterprise (a bureau's then read two tables, not three) and no grouping."""
    columns = _sums()
    return [_summed(session.execute(_base(principal, programme, columns).add_columns(*columns)).one())]


def _kpis(session: Session, principal: Principal, programme: str | None,
          groups: list[dict[str, Any]]) -> dict[str, Any]:
    scope = _scope(principal, programme)
    open_alerts = session.scalar(
        _join_named(select(func.count(Alert.id)).join(Project, Alert.project_id == Project.id), scope)
        .where(*scope, Project.state.not_in(CLOSED), Alert.acknowledged_at.is_(None)))
    total = {k: sum((g[k] for g in groups), Decimal(0)).quantize(CENT) for k in MONEY}
    return {"projects": sum(g["projects"] for g in groups), **total,
            "targets_achieved": sum(g["targets_achieved"] for g in groups),
            "targets_total": sum(g["targets_total"] for g in groups),
            "high_risk": sum(g["high"] for g in groups), "open_alerts": open_alerts}


def _breakdown(groups: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    if by not in ("district", "industry_cluster"):
        raise KeyError(by)
    out: dict[str, dict[str, Any]] = {}
    for g in groups:
        row = out.setdefault(g[by], {"key": g[by], "projects": 0, "granted_wan": Decimal(0), "at_risk_wan": Decimal(0),
                                     **{level: 0 for level in LEVELS}})
        for k in ("projects", "granted_wan", "at_risk_wan", *LEVELS):
            row[k] += g[k]
    for row in out.values():
        row["granted_wan"], row["at_risk_wan"] = row["granted_wan"].quantize(CENT), row["at_risk_wan"].quantize(CENT)
    return [out[key] for key in sorted(out)]


def kpis(session: Session, principal: Principal, programme: str | None = None) -> dict[str, Any]:
    """Headline figures; targets are counted out of each project's own programme's targets."""
    return _kpis(session, principal, programme, _total_sums(session, principal, programme))


def breakdown(session: Session, principal: Principal, by: str, programme: str | None = None
              ) -> list[dict[str, Any]]:
    """Projects, grant and funds at risk by district or cluster, with counts per risk level."""
    return _breakdown(_group_sums(session, principal, programme), by)


def totals(session: Session, principal: Principal, programme: str | None = None
           ) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The KPIs and the breakdowns by district and by cluster from a single grouped query (the
    overview and the risk page show all three)."""
    groups = _group_sums(session, principal, programme)
    return (_kpis(session, principal, programme, groups), _breakdown(groups, "district"),
            _breakdown(groups, "industry_cluster"))


def overview_figures(session: Session, principal: Principal, programme: str | None = None) -> dict[str, Any]:
    """The overview's KPIs, breakdowns and target rates by district: the grouped query serves
    the rates' project counts too."""
    groups = _group_sums(session, principal, programme)
    return {"kpis": _kpis(session, principal, programme, groups), **charts(session, principal, programme, groups)}


def charts(session: Session, principal: Principal, programme: str | None = None,
           groups: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The data of the overview's charts alone (breakdowns, target rates by district), from one
    grouped query: the page draws them in a later answer than its cards."""
    groups = groups if groups is not None else _group_sums(session, principal, programme)
    return {"by_district": _breakdown(groups, "district"), "by_cluster": _breakdown(groups, "industry_cluster"),
            "rates": target_rates(session, principal, "district", programme, groups=groups)}


def target_rates(session: Session, principal: Principal, by: str = "district",
                 programme: str | None = None, groups: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """One heat map's data per programme (targets differ between programmes): for each group,
    how many projects achieved each of that programme's targets, in the programme's order.
    Only achieved targets are read row by row (most are not yet), the projects per group are
    counted from the projects' own rows (`groups`, when the caller has them already): a tenth
    of the rows a join on every target reads."""
    column = {"district": Enterprise.district, "industry_cluster": Enterprise.industry_cluster}[by]
    projects: dict[int, dict[str, int]] = {}
    for g in groups if groups is not None else _group_sums(session, principal, programme):
        mine = projects.setdefault(g["programme_id"], {})
        mine[g[by]] = mine.get(g[by], 0) + g["projects"]
    achieved: dict[tuple[int, str, str], int] = {}
    # the target rows stand for the snapshot (written and deleted with it): not joined to it
    for programme_id, key, target_id, count in session.execute(
            _base(principal, programme, [column], rows=ProjectTargetSnapshot)
            .add_columns(Project.programme_id, column, ProjectTargetSnapshot.target_id, func.count())
            .where(ProjectTargetSnapshot.achieved)
            .group_by(Project.programme_id, column, ProjectTargetSnapshot.target_id)):
        achieved[(programme_id, key, target_id)] = int(count)
    out = []
    for row in session.scalars(select(ProgrammeRow).where(ProgrammeRow.id.in_(list(projects)))
                               .order_by(ProgrammeRow.year, ProgrammeRow.code)):
        targets = programme_of(row).targets
        if not targets:
            continue
        groups = projects[row.id]
        out.append({"programme": row.code, "name": row.name,
                    "targets": [{"id": t.id, "name": t.name} for t in targets],
                    "rows": [{"key": key, "projects": groups[key],
                              "achieved": [achieved.get((row.id, key, t.id), 0) for t in targets]}
                             for key in sorted(groups)]})
    return out


def pace_points(session: Session, principal: Principal, programme: str | None = None) -> list[dict[str, Any]]:
    """Every open project's pace and share of its window gone (tens of thousands of points: the
    programme's code is looked up here, not joined per row), in a stable order: by project id,
    which both tables are keyed by, so that they are merged in order rather than sorted by code
    (the order only decides which of two overlapping points is drawn on top)."""
    codes = _programme_codes(session)
    columns = [Project.code, ProjectSnapshot.elapsed, ProjectSnapshot.pace, ProjectSnapshot.risk, Project.programme_id]
    rows = session.execute(_base(principal, programme, columns).add_columns(*columns)
                           .where(Project.state.not_in(CLOSED)).order_by(Project.id))
    return [{"code": c, "elapsed": e, "pace": p, "risk": r, "programme": codes[i]} for c, e, p, r, i in rows]


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


def _narrow(principal: Principal, programme: str | None, conditions: list[Any], order: list[Any]) -> Select:  # type: ignore[type-arg]
    """Visible project ids matching, joined only to the tables the scope, the filters and the
    sort name: a deep page then sorts and skips narrow rows, and a bureau's unfiltered count
    reads two tables, not four."""
    return _base(principal, programme, [*conditions, *order]).add_columns(Project.id).where(*conditions)


def project_list(session: Session, principal: Principal, *, sort: list[dict[str, Any]] | None = None,
                 filters: dict[str, Any] | None = None, offset: int = 0, limit: int | None = 100,
                 programme: str | None = None) -> tuple[list[dict[str, Any]], int]:
    """A page of visible projects (of one programme, or all) and the number matching the filters.
    The page's ids are chosen first on narrow rows, then only those rows are read whole."""
    conditions = [c for c in (_filter(k, v) for k, v in (filters or {}).items()) if c is not None]
    order = []
    for s in sort or []:
        column = SORT_KEYS.get(str(s.get("colId")), LIST_COLUMNS.get(str(s.get("colId"))))
        if column is not None:
            order.append(column.desc() if s.get("sort") == "desc" else column.asc())
    order.append(Project.code.asc())  # a total order: pages neither overlap nor skip rows
    narrow = _narrow(principal, programme, conditions, order)
    chosen = narrow.order_by(*order).offset(max(int(offset), 0))
    if limit is not None:
        chosen = chosen.limit(max(min(int(limit), 1000), 1))
    page = chosen.subquery("page")
    stmt = (_base(principal, programme).add_columns(*LIST_COLUMNS.values(), Enterprise.uscc,
                                                    ProjectSnapshot.risk_reasons)
            .join(page, page.c.id == Project.id).order_by(*order))
    rows = session.execute(stmt).all()
    where = [*_scope(principal, programme), *conditions]
    if _tables_named(where) <= {ProjectSnapshot.__table__}:
        # nothing but the snapshot named (a bureau's unfiltered list): each snapshot is one
        # project's (its key is the project's), so they are counted without joining projects
        total = session.scalar(select(func.count()).select_from(ProjectSnapshot).where(*where))
    else:
        total = session.scalar(select(func.count()).select_from(narrow.subquery()))
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
