"""`tracker achievements ...`: import, list, review."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from sqlalchemy import select

from tracker.clock import today_in_suzhou
from tracker.cli.common import (DATE, actor_option, db_option, engine_for, handled, json_option,
                                print_json, print_table, progress)
from tracker.db import read_session, write_session
from tracker.importers.achievements import parse_achievements
from tracker.catalogue import label, labels
from tracker.models import ProgrammeRow, Project
from tracker.principal import Principal
from tracker.programme import Programme
from tracker.queries.achievements import list_achievements
from tracker.services.achievements import import_achievements, review_achievement
from tracker.services.programmes import programme_names, programme_of
from tracker.vocab import AchievementStatus



@click.group()
def achievements() -> None:
    """成果记录：导入、列表、审核。"""


@achievements.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--verified-by", default=None, metavar="NAME", help="以 NAME 的名义直接核实导入的记录")
@click.option("--on", "on", type=DATE, default=None, help="记录日期（默认今天）")
@db_option
@actor_option
@handled
def import_(file: Path, verified_by: str | None, on: dt.date | None, db_url: str | None,
            actor: str) -> None:
    """导入成果记录（CSV 或 XLSX）；有任何错误则整个文件不导入。"""
    with engine_for(db_url) as engine, write_session(engine) as session:
        rows = session.execute(select(Project.code, Project.programme_id)).all()
        programmes = {r.id: programme_of(r) for r in session.scalars(select(ProgrammeRow))}
        by_code: dict[str, Programme] = {code: programmes[pid] for code, pid in rows}
        parsed = parse_achievements(file, by_code.get)
        with progress(len(parsed), "导入成果") as step:
            import_achievements(session, parsed, Principal.bureau(actor), verified_by=verified_by,
                               on=on or today_in_suzhou(), progress=step)
    state = f"已由 {verified_by} 核实" if verified_by else label(AchievementStatus.CLAIMED)
    click.echo(f"已导入 {len(parsed)} 条成果记录（{state}）")


@achievements.command("list")
@click.option("--project", "code", default=None, help="只列出该项目")
@db_option
@json_option
@handled
def list_(code: str | None, db_url: str | None, as_json: bool) -> None:
    """成果记录及其状态、标记。"""
    with engine_for(db_url) as engine, read_session(engine) as session:
        result = list_achievements(session, Principal.bureau("cli"), code)
        names = programme_names(session)
    if as_json:
        print_json(result)
        return
    print_table(["ID", "项目", "指标", "日期", "名称", "数量", "编号", "状态", "标记"],
                [[r["id"], r["project_code"], names.get(r["indicator"], r["indicator"]), r["date"], r["title"], r["quantity"],
                  r["reference"], label(r["status"], of=AchievementStatus), labels(r["flags"])] for r in result])


@achievements.command()
@click.argument("achievement_id", type=int)
@click.option("--verify", "decision", flag_value="verified", help="核实")
@click.option("--reject", "decision", flag_value="rejected", help="驳回（须写明理由）")
@click.option("--return", "decision", flag_value="returned", help="退回修改（须写明理由）")
@click.option("--by", "by", required=True, help="审核人")
@click.option("--reason", default=None, help="理由（驳回或退回修改时必填）")
@click.option("--on", "on", type=DATE, default=None, help="审核日期（默认今天）")
@db_option
@handled
def review(achievement_id: int, decision: str | None, by: str, reason: str | None,
           on: dt.date | None, db_url: str | None) -> None:
    """审核一条成果记录：--verify、--reject 或 --return（后两者须写明理由）。"""
    if decision is None:
        raise click.UsageError("请选择 --verify、--reject 或 --return")
    with engine_for(db_url) as engine, write_session(engine) as session:
        review_achievement(session, achievement_id, decision, actor=Principal.bureau(by),
                           on=on or today_in_suzhou(), reason=reason)
    click.echo(f"成果记录 {achievement_id} {label(decision, of=AchievementStatus)}（审核人 {by}）")
