"""`tracker status`: one project, all, or the portfolio summary."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import click

from tracker.clock import today_in_suzhou
from tracker.cli.closing_lines import closing_lines
from tracker.cli.common import (db_option, engine_for, handled, json_option, print_json, print_table,
                                STALE_READ_MODEL, stream_json, today_option)
from tracker.db import read_session
from tracker.errors import NotFound
from tracker.catalogue import label, labels, money_label
from tracker.principal import Principal
from tracker.queries.served import statuses_for
from tracker.queries.status import ProjectStatus, portfolio_status
from tracker.queries.status_text import status_text
from tracker.queries.summary import summarise
from tracker.vocab import MoneyFigure, ProjectState, RiskLevel
from tracker.services.programmes import choose_programme


@click.command()
@click.option("--project", "code", default=None, help="只看该项目")
@today_option
@click.option("--summary", is_flag=True, help="只输出整体概况")
@click.option("--programme", "programme_code", default=None, metavar="CODE", help="只看该计划的项目（默认：全部计划）")
@db_option
@json_option
@handled
def status(code: str | None, today: dt.date | None, summary: bool, programme_code: str | None,
           db_url: str | None, as_json: bool) -> None:
    """项目状态：截止日、绩效目标、进度、风险与资金。"""
    today = today or today_in_suzhou()
    principal = Principal.bureau("cli")
    with engine_for(db_url) as engine, read_session(engine) as session:
        if programme_code is not None:
            choose_programme(session, programme_code)  # an unknown code is an error listing the known ones
        if code is not None:  # one project: computed from its records, always exact and cheap
            statuses = [s for s in portfolio_status(session, principal, today, code)
                        if programme_code is None or s.bundle.programme.code == programme_code]
            if not statuses:
                raise NotFound(f"项目 {code} 不存在")
            if as_json:
                print_json([s.to_json() for s in statuses])
            elif summary:
                _print_summary(statuses, today)
            else:
                _print_one(statuses[0])
            return
        found, served = statuses_for(session, principal, today, programme_code)
        if not served:
            click.echo(STALE_READ_MODEL, err=True)
        if as_json:  # streamed: one project at a time, whatever the portfolio's size
            stream_json(found, status_text)
        elif summary:
            _print_summary(list(found), today)
        else:
            _print_list(list(found))


MONEY = tuple(MoneyFigure)


def _money_words(granted: Decimal, disbursed: Decimal, recalled: Decimal, net: Decimal, at_risk: Decimal) -> str:
    """资助金额 100.00 万元，已拨付 60.00 万元，…: the same four figures, the same labels everywhere."""
    return "，".join(f"{money_label(k)} {v} 万元" for k, v in zip(MONEY, (granted, disbursed, recalled, net, at_risk)))


def _print_list(statuses: list[ProjectStatus]) -> None:
    print_table(["项目编号", "计划", "企业", "状态", "验收申请截止", "剩余天数", "目标", "进度", "风险", "原因",
                 *(money_label(k, unit=True) for k in MONEY)],
                [[s.bundle.code, s.bundle.programme.code, s.bundle.enterprise_name, label(s.bundle.state, of=ProjectState),
                  s.deadline, s.days_left, _targets(s), f"{s.pace:.0%}",
                  label(s.risk.level, of=RiskLevel), labels(s.risk.reasons), s.bundle.grant_wan, s.bundle.disbursed,
                  s.bundle.recalled, s.bundle.net_disbursed, s.funds_at_risk] for s in statuses])


def _targets(s: ProjectStatus) -> str:
    """Targets achieved out of the project's own programme's number of targets."""
    return f"{s.targets_achieved}/{len(s.targets)}"


def _print_one(s: ProjectStatus) -> None:
    b = s.bundle
    click.echo(f"{b.code}  {b.title}")
    click.echo(f"计划：{b.programme.name}（{b.programme.code}）")
    click.echo(f"{b.enterprise_name}（{b.uscc}，{b.district}，{b.industry_cluster}）")
    click.echo(f"状态：{label(b.state, of=ProjectState)}    实施期：{b.start_date} 至 {b.end_date}")
    effective = "" if s.effective_deadline == s.deadline else f"（顺延至 {s.effective_deadline}）"
    click.echo(f"验收申请截止：{s.deadline}{effective}，剩余 {s.days_left} 天")
    click.echo(f"时间进度 {s.elapsed:.0%}，绩效进度 {s.pace:.0%}，达成目标 {_targets(s)}")
    click.echo(f"风险：{label(s.risk.level, of=RiskLevel)} {labels(s.risk.reasons)}")
    click.echo(_money_words(b.grant_wan, b.disbursed, b.recalled, b.net_disbursed, s.funds_at_risk))
    if s.flags:
        click.echo(f"标记：{labels(s.flags)}")
    for line in closing_lines(s):
        click.echo(line)
    names = {i.id: i.name for i in b.programme.indicators}
    rows = []
    for t in s.targets:
        for i in t.indicators:
            rows.append([t.id, names[i.id], i.required, i.claimed, i.verified, "✓" if i.achieved else ""])
    print_table(["目标", "指标", "要求", "申报", "核实", "达成"], rows)


def _print_summary(statuses: list[ProjectStatus], today: dt.date) -> None:
    s = summarise(statuses)
    click.echo(f"项目组合概况（{today}）")
    click.echo(f"项目 {s.projects} 个：" + "，".join(
        f"{label(k, of=ProjectState)} {v}" for k, v in sorted(s.by_state.items())))
    click.echo("风险：" + "，".join(f"{label(k, of=RiskLevel)} {s.by_risk.get(k, 0)}"
                                  for k in (RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW, RiskLevel.CLOSED)))
    click.echo(_money_words(s.granted, s.disbursed, s.recalled, s.net_disbursed, s.at_risk))
    click.echo(f"绩效目标达成 {s.targets_achieved}/{s.targets_total}")
    if s.high_risk:
        click.echo("\n高风险项目（按风险资金）：")
        print_table(["项目编号", "企业", "风险资金(万元)", "原因"],
                    [[p.bundle.code, p.bundle.enterprise_name, p.funds_at_risk,
                      labels(p.risk.reasons)] for p in s.high_risk])
    if s.nearest_deadlines:
        click.echo("\n即将到期的验收申请：")
        print_table(["项目编号", "企业", "截止日", "剩余天数", "目标"],
                    [[p.bundle.code, p.bundle.enterprise_name, p.deadline, p.days_left,
                      _targets(p)] for p in s.nearest_deadlines])
