"""Files about the closing stage (INTERFACES.md section 1): `tracker dossier CODE --out FILE`
(the project dossier as one ZIP), `tracker acceptance export` (验收汇总表) and `tracker recall
export` (the recall cases), as XLSX in words."""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Callable

import click
from sqlalchemy.orm import Session

from tracker.cli.common import db_option, default_actor, engine_for, handled, today_option
from tracker.clock import today_in_suzhou
from tracker.db import read_session
from tracker.dossier import build_dossier
from tracker.exports.closing import acceptance_xlsx, recall_xlsx
from tracker.principal import Principal

out_option = click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
                          help="写入的文件")
lang_option = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                           help="语言")


def _write(out: Path, body: bytes) -> None:
    """Written whole, then renamed: a reader never finds half a file."""
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".part")
    with os.fdopen(fd, "wb") as f:
        f.write(body)
    os.replace(tmp, out)


def _export(db_url: str | None, out: Path, make: Callable[[Session], bytes]) -> None:
    with engine_for(db_url) as engine, read_session(engine) as session:
        body = make(session)
    _write(out, body)
    click.echo(f"已写入 {out}（{len(body) // 1024 + 1} KB）")


@click.command()
@click.argument("code")
@out_option
@lang_option
@today_option
@db_option
@handled
def dossier(code: str, out: Path, lang: str, today: dt.date | None, db_url: str | None) -> None:
    """项目档案：可打印的摘要、成果台账、佐证材料、全部决定和审计记录，打包为一个 ZIP。"""
    _export(db_url, out, lambda s: build_dossier(s, Principal.bureau(default_actor()), code, today or today_in_suzhou(), lang=lang))


@click.command("export")
@out_option
@lang_option
@db_option
@handled
def acceptance_export(out: Path, lang: str, db_url: str | None) -> None:
    """验收汇总表（XLSX）：每个已评审项目一行，按其最近一次评审。"""
    _export(db_url, out, lambda s: acceptance_xlsx(s, Principal.bureau(default_actor()), lang))


@click.command("export")
@out_option
@lang_option
@db_option
@handled
def recall_export(out: Path, lang: str, db_url: str | None) -> None:
    """资金收回案件（XLSX）：每个案件一行。"""
    _export(db_url, out, lambda s: recall_xlsx(s, Principal.bureau(default_actor()), lang))
