"""`tracker scan`, `tracker alerts`, `tracker scans`, `tracker calendar`."""
from __future__ import annotations

import datetime as dt
import sys

import click

from tracker.clock import today_in_suzhou
from tracker.cli.common import (STALE_READ_MODEL, db_option, engine_for, handled, json_option, print_json, print_table,
                                today_option)
from tracker.db import read_session
from tracker.errors import NotFound
from tracker.catalogue import label
from tracker.principal import Principal
from tracker.queries.alerts import list_alerts, list_scans
from tracker.queries.served import statuses_for
from tracker.queries.status import portfolio_status
from tracker.services.scan import run_scan
from tracker.vocab import AlertKind, ScanState, ScanTrigger



def _print_alerts(alerts: list[dict]) -> None:
    print_table(["项目编号", "类型", "键", "发出日期", "截止日", "剩余天数"],
                [[a["project_code"], label(a["kind"], of=AlertKind), a["key"] or "", a["raised_on"],
                  a["due"] or "", "" if a["days_left"] is None else a["days_left"]] for a in alerts])


@click.command()
@today_option
@db_option
@json_option
@handled
def scan(today: dt.date | None, db_url: str | None, as_json: bool) -> None:
    """运行一次每日扫描，输出本次新发出的提醒。"""
    day = today or today_in_suzhou()
    with engine_for(db_url) as engine:
        outcome = run_scan(engine, day, trigger="command")
    if as_json:
        print_json(outcome.alerts)
        return
    click.echo(f"{day} 扫描完成：新发出 {len(outcome.alerts)} 条提醒，排队通知 {outcome.notifications} 条")
    if outcome.alerts:
        _print_alerts(outcome.alerts)


@click.command()
@click.option("--project", "code", default=None, help="只看该项目")
@db_option
@json_option
@handled
def alerts(code: str | None, db_url: str | None, as_json: bool) -> None:
    """至今发出的全部提醒。"""
    with engine_for(db_url) as engine, read_session(engine) as session:
        result = list_alerts(session, Principal.bureau("cli"), code)
    if as_json:
        print_json(result)
    else:
        _print_alerts(result)


@click.command()
@db_option
@json_option
@handled
def scans(db_url: str | None, as_json: bool) -> None:
    """最近的扫描记录：监控本身是否在正常运行。"""
    with engine_for(db_url) as engine, read_session(engine) as session:
        runs = list_scans(session)
    if as_json:
        print_json(runs)
        return
    print_table(["#", "扫描日", "触发", "开始", "结束", "新提醒", "通知", "状态", "错误"],
                [[r["id"], r["day"], label(r["trigger"], of=ScanTrigger), r["started_at"][:19], (r["finished_at"] or "")[:19],
                  r["alerts_raised"], r["notifications_queued"], label(r["state"], of=ScanState), r["error"] or ""]
                 for r in runs])


@click.command()
@click.option("--project", "code", default=None, help="只导出该项目")
@today_option
@db_option
@handled
def calendar(code: str | None, today: dt.date | None, db_url: str | None) -> None:
    """以 iCalendar 格式输出项目截止日（tracker calendar > deadlines.ics）。"""
    from tracker.exports.ical import deadlines_calendar  # icalendar: only this command writes one
    with engine_for(db_url) as engine, read_session(engine) as session:
        day, principal = today or today_in_suzhou(), Principal.bureau("cli")
        if code is not None:
            statuses = portfolio_status(session, principal, day, code)
        else:  # every project: from the read model when current (the calendar needs no records)
            found, served = statuses_for(session, principal, day)
            statuses = list(found)
            if not served:
                click.echo(STALE_READ_MODEL, err=True)
    if code is not None and not statuses:
        raise NotFound(f"项目 {code} 不存在")
    sys.stdout.buffer.write(deadlines_calendar(statuses, dt.datetime.now(dt.timezone.utc)))
    sys.stdout.flush()
