"""`tracker applications ...`: import, screen, transition, approve."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import click

from tracker.clock import today_in_suzhou
from tracker.cli.common import (DATE, WAN, actor_option, db_option, engine_for, handled, json_option,
                                print_json, print_table, progress)
from tracker.db import read_session, write_session
from tracker.importers.applicants import parse_applicants
from tracker.catalogue import label, labels
from tracker.principal import Principal
from tracker.vocab import ApplicationFlag, ApplicationState, AuditAction, Verdict, codes
from tracker.rules.uscc import normalize_uscc
from tracker.services.applications import approve_application, import_applicants, transition_application
from tracker.services.programmes import choose_programme
from tracker.queries.screening import screening

programme_option = click.option("--programme", "programme_code", default=None, metavar="CODE",
                                help="计划编号（只载入一个计划时可省略；载入多个时必须指定）")


@click.group()
def applications() -> None:
    """申报：导入、资格审查、状态流转、立项。"""


@applications.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@programme_option
@db_option
@actor_option
@handled
def import_(file: Path, programme_code: str | None, db_url: str | None, actor: str) -> None:
    """导入申报单位（CSV 或 XLSX）；有任何错误则整个文件不导入。"""
    with engine_for(db_url) as engine, write_session(engine) as session:
        row, programme = choose_programme(session, programme_code)
        parsed = parse_applicants(file, programme)
        with progress(len(parsed), label(AuditAction.APPLICATION_IMPORTED)) as step:
            created, updated = import_applicants(session, row, parsed, Principal.bureau(actor),
                                                 file.name, step)
    click.echo(f"已导入 {len(parsed)} 条申报（新增 {created}，更新 {updated}）到 {row.code}")


@applications.command()
@programme_option
@db_option
@json_option
@handled
def screen(programme_code: str | None, db_url: str | None, as_json: bool) -> None:
    """资格审查结论与排序。"""
    with engine_for(db_url) as engine, read_session(engine) as session:
        row, programme = choose_programme(session, programme_code, with_applications=True)
        result = screening(session, Principal.bureau("cli"), row, programme)
    if as_json:
        print_json(result)
        return
    honours = {h.code: h.name for h in programme.honours}
    print_table(["排名", "统一社会信用代码", "企业名称", "结论", "原因", "备注"],
                [[r["rank"] or "-", r["uscc"], r["name"], label(r["verdict"], of=Verdict),
                  labels(r["reasons"]), labels(r["notes"] + r["flags"], honours=honours)] for r in result])


@applications.command()
@click.argument("uscc")
@click.argument("state", type=click.Choice(codes(ApplicationState)))
@click.option("--on", "on", type=DATE, required=True, help="发生日期 YYYY-MM-DD")
@click.option("--reason", default=None, help="理由")
@programme_option
@db_option
@actor_option
@handled
def transition(uscc: str, state: str, on: dt.date, reason: str | None, programme_code: str | None,
               db_url: str | None, actor: str) -> None:
    """申报状态流转（地区推荐、专家评审等）。"""
    uscc = normalize_uscc(uscc)
    with engine_for(db_url) as engine, write_session(engine) as session:
        row, programme = choose_programme(session, programme_code, applicant=uscc)
        application = transition_application(session, row, programme, uscc, state, on=on,
                                             actor=Principal.bureau(actor), reason=reason)
        late = application.late_district_recommendation and state in (ApplicationState.DISTRICT_RECOMMENDED,
                                                                       ApplicationState.DISTRICT_REJECTED)
    click.echo(f"申报 {uscc} 已变更为 {label(state, of=ApplicationState)}"
               + (f"（晚于推荐截止日，已标记：{label(ApplicationFlag.LATE_DISTRICT_RECOMMENDATION)}）" if late else ""))


@applications.command()
@click.argument("uscc")
@click.option("--project-code", required=True, help="新项目编号")
@click.option("--grant", "grant", type=WAN, required=True, help="资助金额（万元）")
@click.option("--start", type=DATE, required=True, help="实施开始日期")
@click.option("--end", type=DATE, required=True, help="实施结束日期")
@click.option("--title", default=None, help="项目名称")
@click.option("--extension-reason", default=None, help="实施期超过计划规定年限时的延期说明")
@click.option("--on", "on", type=DATE, default=None, help="立项日期（默认今天）")
@click.option("--reason", default=None, help="理由")
@programme_option
@db_option
@actor_option
@handled
def approve(uscc: str, project_code: str, grant: Decimal, start: dt.date, end: dt.date,
            title: str | None, extension_reason: str | None, on: dt.date | None, reason: str | None,
            programme_code: str | None, db_url: str | None, actor: str) -> None:
    """批准专家评审中的申报并创建项目。"""
    uscc = normalize_uscc(uscc)
    with engine_for(db_url) as engine, write_session(engine) as session:
        row, programme = choose_programme(session, programme_code, applicant=uscc)
        project = approve_application(
            session, row, programme, uscc, project_code=project_code, grant_wan=grant, start=start,
            end=end, title=title, extension_reason=extension_reason, on=on or today_in_suzhou(),
            actor=Principal.bureau(actor), reason=reason)
    click.echo(f"申报 {uscc} 已立项，项目 {project.code}：资助 {project.grant_wan} 万元，"
               f"实施期 {project.start_date} 至 {project.end_date}")
