"""`tracker funds ...`: disbursements and recalls."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import click

from tracker.cli.common import DATE, WAN, db_option, engine_for, handled
from tracker.db import write_session
from tracker.principal import Principal
from tracker.services.funds import disburse as disburse_funds
from tracker.services.funds import recall as recall_funds


@click.group()
def funds() -> None:
    """资金：拨付与收回。"""


@funds.command()
@click.argument("code")
@click.argument("amount", type=WAN)
@click.option("--on", "on", type=DATE, required=True, help="拨付日期")
@click.option("--by", "by", required=True, help="经办人")
@click.option("--reason", default=None, help="说明")
@db_option
@handled
def disburse(code: str, amount: Decimal, on: dt.date, by: str, reason: str | None,
             db_url: str | None) -> None:
    """登记一笔拨付（累计不超过资助金额）。"""
    with engine_for(db_url) as engine, write_session(engine) as session:
        disburse_funds(session, code, amount, on=on, actor=Principal.bureau(by), reason=reason)
    click.echo(f"项目 {code} 拨付 {amount:.2f} 万元（{on}）")


@funds.command()
@click.argument("code")
@click.argument("amount", type=WAN)
@click.option("--on", "on", type=DATE, required=True, help="收回日期")
@click.option("--by", "by", required=True, help="经办人")
@click.option("--reason", required=True, help="收回理由")
@db_option
@handled
def recall(code: str, amount: Decimal, on: dt.date, by: str, reason: str, db_url: str | None) -> None:
    """登记一笔收回（累计不超过已拨付金额）。"""
    with engine_for(db_url) as engine, write_session(engine) as session:
        recall_funds(session, code, amount, on=on, actor=Principal.bureau(by), reason=reason)
    click.echo(f"项目 {code} 收回 {amount:.2f} 万元（{on}）")
