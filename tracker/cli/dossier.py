"""`tracker dossier CODE --out FILE` (INTERFACES.md section 1): the project dossier as one ZIP."""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import click

from tracker.cli.common import db_option, engine_for, handled, today_option
from tracker.clock import today_in_suzhou
from tracker.db import read_session
from tracker.dossier import build_dossier
from tracker.principal import Principal


@click.command()
@click.argument("code")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="写入的 ZIP 文件")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="档案语言")
@today_option
@db_option
@handled
def dossier(code: str, out: Path, lang: str, today: dt.date | None, db_url: str | None) -> None:
    """项目档案：可打印的摘要、成果台账、佐证材料、全部决定和审计记录，打包为一个 ZIP。"""
    with engine_for(db_url) as engine, read_session(engine) as session:
        body = build_dossier(session, Principal.bureau("cli"), code, today or today_in_suzhou(), lang=lang)
    # written whole, then renamed: a reader never finds half an archive
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".part")
    with os.fdopen(fd, "wb") as f:
        f.write(body)
    os.replace(tmp, out)
    click.echo(f"项目 {code} 的档案已写入 {out}（{len(body) // 1024 + 1} KB）")
