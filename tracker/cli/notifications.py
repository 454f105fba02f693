"""`tracker contacts ...` and `tracker notifications ...`."""
from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import select

from tracker.cli.common import (actor_option, db_option, engine_for, handled, json_option, print_json,
                                print_table)
from tracker.db import read_session, write_session
from tracker.importers.contacts import parse_contacts
from tracker.models import Alert, Contact, Notification, Project, ProgrammeRow
from tracker.catalogue import label
from tracker.notify.channels import configured_senders
from tracker.notify.outbox import deliver_due
from tracker.notify.settings import MailSettings
from tracker.principal import Principal
from tracker.services.contacts import import_contacts
from tracker.services.programmes import programme_of
from tracker.vocab import NotificationChannel, NotificationStatus, codes


@click.group()
def contacts() -> None:
    """联系人：提醒发给谁（邮箱、企业微信/钉钉群机器人）。"""


@contacts.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
@actor_option
@handled
def import_(file: Path, db_url: str | None, actor: str) -> None:
    """导入联系人（类型、所属、名称、邮箱、机器人地址）。"""
    with engine_for(db_url) as engine, write_session(engine) as session:
        programmes = [programme_of(r) for r in session.scalars(select(ProgrammeRow))]
        parsed = parse_contacts(file, programmes)
        added = import_contacts(session, parsed, Principal.bureau(actor))
    click.echo(f"已导入 {added} 个联系人（{len(parsed) - added} 个已存在）")


@contacts.command("list")
@db_option
@json_option
@handled
def list_contacts(db_url: str | None, as_json: bool) -> None:
    """列出联系人。"""
    with engine_for(db_url) as engine, read_session(engine) as session:
        rows = [{"scope": c.scope, "owner": c.owner, "name": c.name, "email": c.email,
                 "webhook": c.webhook} for c in session.scalars(select(Contact).order_by(Contact.id))]
    if as_json:
        print_json(rows)
    else:
        print_table(["类型", "所属", "名称", "邮箱", "机器人地址"],
                    [[r["scope"], r["owner"], r["name"], r["email"], r["webhook"]] for r in rows])


@click.group()
def notifications() -> None:
    """通知发件箱：查看与投递。"""


@notifications.command("list")
@click.option("--status", type=click.Choice(codes(NotificationStatus)), default=None)
@db_option
@json_option
@handled
def list_notifications(status: str | None, db_url: str | None, as_json: bool) -> None:
    """通知及其投递状态。"""
    with engine_for(db_url) as engine, read_session(engine) as session:
        stmt = (select(Notification, Alert.kind, Project.code).join(Alert, Notification.alert_id == Alert.id)
                .join(Project, Alert.project_id == Project.id).order_by(Notification.id))
        if status:
            stmt = stmt.where(Notification.status == status)
        rows = [{"id": n.id, "project_code": code, "kind": kind, "channel": n.channel,
                 "address": n.address, "recipient": n.recipient, "subject": n.subject,
                 "status": n.status, "attempts": n.attempts, "last_error": n.last_error,
                 "sent_at": n.sent_at.isoformat() if n.sent_at else None}
                for n, kind, code in session.execute(stmt)]
    if as_json:
        print_json(rows)
    else:
        print_table(["#", "项目", "渠道", "收件", "主题", "状态", "尝试", "错误"],
                    [[r["id"], r["project_code"], label(r["channel"], of=NotificationChannel), r["address"], r["subject"],
                      label(r["status"], of=NotificationStatus),
                      r["attempts"], r["last_error"] or ""] for r in rows])


@notifications.command()
@db_option
@handled
def deliver(db_url: str | None) -> None:
    """立即投递到期的通知（调度进程也会定时投递）。"""
    with engine_for(db_url) as engine:
        report = deliver_due(engine, configured_senders(MailSettings.from_env()))
    click.echo(f"{label(NotificationStatus.SENT)} {report.sent}，待重试 {report.retrying}，失败 {report.failed}")
