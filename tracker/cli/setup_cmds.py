"""`tracker init` and `tracker programmes`."""
from __future__ import annotations

import click
from sqlalchemy import func, select

from tracker.cli.common import db_option, engine_for, handled, json_option, print_json, print_table
from tracker.clock import today_in_suzhou
from tracker.db import read_session, write_session
from tracker.models import Project, ProgrammeRow
from tracker.programme import bundled_programme_files, load_programme_file
from tracker.services.programmes import load_programmes, programme_of
from tracker.queries.read_model_version import read_model_current
from tracker.services.snapshots import rebuild_in_chunks, snapshot_day


@click.command()
@db_option
@handled
def init(db_url: str | None) -> None:
    """创建或升级数据库结构，并载入 data/programmes/ 中的计划定义（可重复运行）。"""
    files = bundled_programme_files()
    for path in files:  # refuse a malformed definition before touching the database
        load_programme_file(path)
    from tracker.schema import upgrade  # Alembic (with Mako, Pygments) costs a quarter second: init alone
    with engine_for(db_url) as engine:
        upgrade(engine)
        with write_session(engine) as session:
            changed = load_programmes(session, files)
            day = snapshot_day(session)
            current = read_model_current(session)
        if day is None or changed or not current:  # a first build, or rules or code that changed under them
            rebuild_in_chunks(engine, day or today_in_suzhou())
        click.echo(f"数据库已就绪：{engine.url.render_as_string(hide_password=True)}")
        click.echo(f"计划定义：{len(files)} 个文件，本次新载入或更新 {len(changed)} 个"
                   + (f"（{'、'.join(changed)}）" if changed else ""))


@click.command()
@db_option
@json_option
@handled
def programmes(db_url: str | None, as_json: bool) -> None:
    """列出已载入的计划。"""
    with engine_for(db_url) as engine, read_session(engine) as session:
        counts = dict(session.execute(
            select(Project.programme_id, func.count()).group_by(Project.programme_id)).all())
        rows = []
        for row in session.scalars(select(ProgrammeRow).order_by(ProgrammeRow.code)):
            p = programme_of(row)
            rows.append({"code": p.code, "name": p.name, "year": p.year,
                         "application_deadline": p.application_deadline.isoformat(),
                         "recommendation_deadline": p.recommendation_deadline.isoformat(),
                         "targets": len(p.targets), "indicators": len(p.indicators),
                         "projects": counts.get(row.id, 0)})
    if as_json:
        print_json(rows)
    else:
        print_table(["编号", "名称", "申报截止", "推荐截止", "绩效目标数", "项目数"],
                    [[r["code"], r["name"], r["application_deadline"], r["recommendation_deadline"],
                      r["targets"], r["projects"]] for r in rows])
