"""`tracker projects ...`: import and transition."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from tracker.cli.common import DATE, actor_option, db_option, engine_for, handled, progress
from tracker.cli.applications import programme_option
from tracker.cli.lazy import LazyGroup
from tracker.cli.registry import SUBCOMMANDS
from tracker.db import write_session
from tracker.importers.projects import file_keys, parse_projects
from tracker.principal import Principal
from tracker.catalogue import label
from tracker.vocab import ProjectState, codes
from tracker.services.programmes import choose_programme, programme_of
from tracker.services.projects import import_projects, transition_project


@click.group(cls=LazyGroup, lazy=SUBCOMMANDS["projects"])
def projects() -> None:
    """项目：导入、状态流转（含验收申请）。"""


@projects.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@programme_option
@db_option
@actor_option
@handled
def import_(file: Path, programme_code: str | None, db_url: str | None, actor: str) -> None:
    """导入已立项的项目（CSV 或 XLSX）；有任何错误则整个文件不导入。"""
    with engine_for(db_url) as engine, write_session(engine) as session:
        if programme_code is None:  # the file's own applicants and codes may say which
            codes, usccs = file_keys(file)
            row, programme = choose_programme(session, None, applicants=usccs, project_codes=codes)
        else:
            row, programme = choose_programme(session, programme_code)
        parsed = parse_projects(file, programme)
        with progress(len(parsed), "导入项目") as step:
            count = import_projects(session, row, programme, parsed, Principal.bureau(actor),
                                    file.name, step)
    click.echo(f"已导入 {count} 个项目到 {row.code}")


@projects.command()
@click.argument("code")
@click.argument("state", type=click.Choice(codes(ProjectState)))
@click.option("--on", "on", type=DATE, required=True, help="发生日期 YYYY-MM-DD")
@click.option("--reason", default=None, help="理由")
@db_option
@actor_option
@handled
def transition(code: str, state: str, on: dt.date, reason: str | None, db_url: str | None,
               actor: str) -> None:
    """项目状态流转；acceptance_requested 即提出验收申请。"""
    with engine_for(db_url) as engine, write_session(engine) as session:
        transition_project(session, code, state, on=on, actor=Principal.bureau(actor),
                           reason=reason, programme_of=programme_of)
    click.echo(f"项目 {code} 已变更为 {label(state, of=ProjectState)}（{on}）")
