"""Disbursements and recalls: disbursed never exceeds the grant, recalled never exceeds disbursed."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.access import Action, require
from tracker.catalogue import label
from tracker.errors import InputError, StateError
from tracker.models import FundMovement
from tracker.principal import Principal
from tracker.services import audit
from tracker.services.projects import get_project
from tracker.vocab import ProjectState

NO_MORE_MONEY = (ProjectState.TERMINATED, ProjectState.FUNDS_RECALLED)


def _check_amount(amount: Decimal) -> None:
    if amount <= 0:
        raise InputError(f"金额必须大于 0（万元），收到 {amount}")
    if amount != amount.quantize(Decimal("0.01")):
        raise InputError(f"金额最多两位小数（万元），收到 {amount}")


def totals(session: Session, project_id: int) -> tuple[Decimal, Decimal]:
    """(disbursed, recalled) so far."""
    rows = dict(session.execute(
        select(FundMovement.kind, func.coalesce(func.sum(FundMovement.amount_wan), 0))
        .where(FundMovement.project_id == project_id).group_by(FundMovement.kind)).all())
    return (Decimal(rows.get("disbursement", 0)).quantize(Decimal("0.01")),
            Decimal(rows.get("recall", 0)).quantize(Decimal("0.01")))


def _move(session: Session, kind: str, code: str, amount: Decimal, on: dt.date,
          actor: Principal, reason: str | None) -> FundMovement:
    require(actor, Action.RECORD_FUNDS)
    _check_amount(amount)
    project = get_project(session, code, for_update=True)  # serialises concurrent movements
    disbursed, recalled = totals(session, project.id)
    if kind == "disbursement":
        if project.state in NO_MORE_MONEY:
            raise StateError(f"项目 {code} 当前状态为 {label(project.state, of=ProjectState)}，不能再拨付资金")
        if disbursed + amount > project.grant_wan:
            raise StateError(f"拨付后累计 {disbursed + amount} 万元将超过资助金额 {project.grant_wan} 万元"
                             f"（已拨付 {disbursed} 万元）")
    elif recalled + amount > disbursed:
        raise StateError(f"收回后累计 {recalled + amount} 万元将超过已拨付的 {disbursed} 万元"
                         f"（已收回 {recalled} 万元）")
    movement = FundMovement(project_id=project.id, kind=kind, on_date=on, amount_wan=amount,
                            actor=actor.name, reason=reason, recorded_at=dt.datetime.now(dt.timezone.utc))
    session.add(movement)
    audit.record(session, actor=actor.name, action=f"funds.{kind}", entity="project", key=code,
                 before={"disbursed_wan": disbursed, "recalled_wan": recalled},
                 after={"disbursed_wan": disbursed + (amount if kind == "disbursement" else 0),
                        "recalled_wan": recalled + (amount if kind == "recall" else 0)},
                 reason=reason, on_date=on)
    return movement


def disburse(session: Session, code: str, amount: Decimal, *, on: dt.date, actor: Principal,
             reason: str | None = None) -> FundMovement:
    return _move(session, "disbursement", code, amount, on, actor, reason)


def recall(session: Session, code: str, amount: Decimal, *, on: dt.date, actor: Principal,
           reason: str) -> FundMovement:
    if not reason or not reason.strip():
        raise InputError("收回资金必须说明理由（--reason）")
    return _move(session, "recall", code, amount, on, actor, reason)

