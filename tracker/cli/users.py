"""`tracker users ...`: accounts for the web service."""
from __future__ import annotations

import sys

import click
from sqlalchemy import select

from tracker.cli.common import actor_option, db_option, engine_for, handled, json_option, print_json, print_table
from tracker.db import read_session, write_session
from tracker.models import ProgrammeRow, User
from tracker.catalogue import label
from tracker.errors import InputError, Problem
from tracker.vocab import Role, codes
from tracker.services.accounts import add_user, hash_password, password_problem, set_active, set_password
from tracker.services.programmes import programme_of


def known_districts(session) -> set[str]:  # type: ignore[no-untyped-def]
    return {d.name for row in session.scalars(select(ProgrammeRow)) for d in programme_of(row).districts}


@click.group()
def users() -> None:
    """账户：市局、地区、企业、审计。"""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(codes(Role)), required=True)
@click.option("--district", default=None, help="地区用户所属地区")
@click.option("--uscc", default=None, help="企业用户的统一社会信用代码")
@click.option("--password-stdin", is_flag=True, required=True, help="从标准输入读取密码（不会回显或记录）")
@db_option
@actor_option
@handled
def add(name: str, role: str, district: str | None, uscc: str | None, password_stdin: bool,
        db_url: str | None, actor: str) -> None:
    """创建账户；密码从标准输入读取，只保存 argon2 散列。"""
    password = sys.stdin.readline().rstrip("\r\n")
    with engine_for(db_url) as engine, write_session(engine) as session:
        districts = known_districts(session)
        aliases = {a: d.name for row in session.scalars(select(ProgrammeRow))
                   for d in programme_of(row).districts for a in d.aliases}
        user = add_user(session, username=name, password=password, role=role,
                        district=aliases.get(district or "", district), uscc=uscc, actor=actor,
                        known_districts=districts)
        where = user.district or user.uscc or ""
    click.echo(f"已创建账户 {name}（{label(role, of=Role)}{'，' + where if where else ''}）")


@users.command("passwd")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, required=True, help="从标准输入读取新密码（不会回显或记录）")
@db_option
@actor_option
@handled
def passwd(name: str, password_stdin: bool, db_url: str | None, actor: str) -> None:
    """设置新密码（忘记密码时由管理员重设）；该账户的所有会话随即结束。"""
    password = sys.stdin.readline().rstrip("\r\n")
    weak = password_problem(password)
    if weak:
        raise InputError(Problem(weak, field="password"))
    password_hash = hash_password(password)  # before the transaction: it takes about a second
    with engine_for(db_url) as engine, write_session(engine) as session:
        set_password(session, name, password_hash, actor=actor)
    click.echo(f"已为账户 {name} 设置新密码，其会话均已结束")


@users.command("disable")
@click.argument("name")
@db_option
@actor_option
@handled
def disable(name: str, db_url: str | None, actor: str) -> None:
    """停用账户，并结束它的所有会话。"""
    with engine_for(db_url) as engine, write_session(engine) as session:
        set_active(session, name, False, actor)
    click.echo(f"已停用账户 {name}")


@users.command("enable")
@click.argument("name")
@db_option
@actor_option
@handled
def enable(name: str, db_url: str | None, actor: str) -> None:
    """重新启用账户。"""
    with engine_for(db_url) as engine, write_session(engine) as session:
        set_active(session, name, True, actor)
    click.echo(f"已启用账户 {name}")


@users.command("list")
@db_option
@json_option
@handled
def list_users(db_url: str | None, as_json: bool) -> None:
    """列出账户（不含密码）。"""
    with engine_for(db_url) as engine, read_session(engine) as session:
        rows = [{"username": u.username, "role": u.role, "district": u.district, "uscc": u.uscc,
                 "active": u.active} for u in session.scalars(select(User).order_by(User.username))]
    if as_json:
        print_json(rows)
    else:
        print_table(["用户名", "角色", "地区", "统一社会信用代码", "状态"],
                    [[r["username"], label(r["role"], of=Role), r["district"] or "", r["uscc"] or "",
                      "启用" if r["active"] else "停用"] for r in rows])
