"""`tracker demo`: a synthetic portfolio."""
from __future__ import annotations

import datetime as dt
import time
from contextlib import ExitStack

import click
from sqlalchemy import select

from tracker.catalogue import label
from tracker.clock import today_in_suzhou
from tracker.cli.applications import programme_option
from tracker.cli.common import db_option, engine_for, handled, print_table, progress, today_option
from tracker.cli.users import known_districts
from tracker.db import write_session
from tracker.demo.accounts import DEMO_USERS, create_demo_accounts
from tracker.demo.closing import stage_closing
from tracker.demo.generator import generate_demo
from tracker.models import Project
from tracker.services.programmes import choose_programme, loaded_programmes
from tracker.services.snapshots import rebuild
from tracker.services.scan import run_scan
from tracker.vocab import AuditAction, HistoryKind, ProjectState, RecallState, Role, ScanTrigger


# The stages the demo stages, named by the catalogue's words for them.
CLOSING_STAGES = {"rectifying": ProjectState.RECTIFYING, "recall_open": RecallState.PROPOSED,
                  "recall_answered": HistoryKind.RECALL_STATEMENT, "recall_decided": RecallState.DECIDED,
                  "recall_waived": RecallState.WAIVED, "amended": HistoryKind.AMENDMENT,
                  "inspected": HistoryKind.INSPECTION}


@click.command()
@click.option("--projects", "count", type=click.IntRange(min=1), default=500, show_default=True,
              help="项目数量")
@click.option("--seed", type=int, default=2024, show_default=True, help="随机种子（相同种子生成相同数据）")
@click.option("--if-empty", is_flag=True, help="数据库中已有项目时什么也不做")
@today_option
@programme_option
@db_option
@handled
def demo(count: int, seed: int, if_empty: bool, today: dt.date | None, programme_code: str | None,
         db_url: str | None) -> None:
    """生成演示用的项目组合（企业、申报、项目、成果、资金）。"""
    started = time.perf_counter()
    day = today or today_in_suzhou()
    with engine_for(db_url) as engine, ExitStack() as shown:
        with write_session(engine) as session:
            generated = not (if_empty and session.scalar(select(Project.id).limit(1)) is not None)
            if generated:
                # every programme loaded side by side, unless one is named
                chosen = ([choose_programme(session, programme_code)] if programme_code is not None
                          else loaded_programmes(session))
                # one bar over the three long stages, each counted in projects, named as it starts
                step = shown.enter_context(progress(3 * count, label(AuditAction.DEMO_GENERATED)))
                result = generate_demo(session, chosen, projects=count, seed=seed, today=day, actor="demo",
                                       progress=lambda n: step(n, "生成项目与成果"))
                staged = stage_closing(session, day)
                step(0, "计算项目快照")
                rebuild(session, day)  # bulk inserts: the whole portfolio, for the demo's day
            accounts = create_demo_accounts(session, known_districts(session))
        if generated:  # the day's scan at once, so the demo opens with the alerts a bureau would have
            step(count, "每日扫描")
            outcome = run_scan(engine, day, trigger=ScanTrigger.COMMAND)
            step(count, "完成")
    if not generated:
        click.echo("数据库中已有项目，跳过演示数据生成。")
    else:
        click.echo(f"已生成 {result.projects} 个项目、{result.applications} 条申报、"
                   f"{result.achievements} 条成果记录、{result.fund_movements} 笔资金记录"
                   f"（{time.perf_counter() - started:.1f} 秒）")
        if staged:
            click.echo("结项阶段示例：" + "，".join(f"{label(CLOSING_STAGES[k])} {v}" for k, v in staged.items()))
        click.echo(f"{day} 扫描完成：新发出 {len(outcome.alerts)} 条提醒")
    if accounts:
        click.echo("演示账户（密码只显示这一次，请妥善保存）：")
        print_table(["用户名", "角色", "范围", "密码"],
                    [(name, label(role, of=Role), scope, password) for name, role, scope, password in accounts])
    else:
        click.echo(f"演示账户：{'、'.join(DEMO_USERS)}（密码已在首次创建时显示；"
                   "如已遗忘，可用 tracker users add 另建账户）")
