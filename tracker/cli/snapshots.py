"""`tracker snapshots`: the portfolio read model, rebuilt for a new day."""
from __future__ import annotations

import datetime as dt
import time

import click
from sqlalchemy import func, select

from tracker.clock import today_in_suzhou
from tracker.cli.common import db_option, engine_for, handled, progress, today_option
from tracker.db import read_session
from tracker.models import Project
from tracker.services.snapshots import rebuild_in_chunks, snapshot_day


@click.group()
def snapshots() -> None:
    """项目快照（总览、项目列表和风险页读取的数据）。"""


@snapshots.command()
@today_option
@db_option
@handled
def rebuild(today: dt.date | None, db_url: str | None) -> None:
    """按指定日期（默认今天）重算全部项目快照；分批提交，不长时间占用写锁。"""
    day = today or today_in_suzhou()
    started = time.perf_counter()
    with engine_for(db_url) as engine:
        with read_session(engine) as session:
            total = session.scalar(select(func.count(Project.id))) or 0
        with progress(total, "重算项目快照") as step:
            count = rebuild_in_chunks(engine, day, progress=step)
    click.echo(f"项目快照已按 {day} 重算：{count} 个项目（{time.perf_counter() - started:.1f} 秒）")


@snapshots.command()
@db_option
@handled
def show(db_url: str | None) -> None:
    """显示项目快照的计算日期。"""
    with engine_for(db_url) as engine, read_session(engine) as session:
        day = snapshot_day(session)
    click.echo(f"项目快照计算日期：{day}" if day else "项目快照尚未生成（运行 tracker snapshots rebuild）")
