"""`tracker backup DEST` and `tracker restore SRC`."""
from __future__ import annotations

from pathlib import Path

import click

from tracker.backup import backup as take_backup
from tracker.backup import restore as restore_backup
from tracker.cli.common import db_option, engine_for, handled
from tracker.evidence import evidence_root
from tracker.paths import programmes_dir

_evidence_option = click.option("--evidence", "evidence_dir", type=click.Path(path_type=Path), default=None,
                                help="佐证材料目录（默认 data/evidence）")


@click.command()
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
@_evidence_option
@db_option
@handled
def backup(dest: Path, evidence_dir: Path | None, db_url: str | None) -> None:
    """把数据库、佐证材料和计划定义写入一个备份文件（.tar.gz）；服务可以照常运行。"""
    with engine_for(db_url) as engine:
        summary = take_backup(engine, dest, evidence_dir or evidence_root(), programmes_dir())
    rows = sum(summary.tables.values())
    click.echo(f"已备份到 {summary.path}：{summary.backend} 数据库 {len(summary.tables)} 张表 {rows} 行，"
               f"佐证材料 {summary.evidence_files} 个，计划定义 {summary.programme_files} 个")


@click.command()
@click.argument("src", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="目标数据库已有数据时整体替换（否则拒绝）")
@_evidence_option
@db_option
@handled
def restore(src: Path, replace: bool, evidence_dir: Path | None, db_url: str | None) -> None:
    """先检查备份文件（清单、校验和、完整性），再恢复数据库、佐证材料和缺少的计划定义。"""
    with engine_for(db_url) as engine:
        manifest = restore_backup(engine, src, evidence_dir or evidence_root(), programmes_dir(), replace=replace)
    click.echo(f"已从 {src} 恢复（备份时间 {manifest['created_at']}，{sum(manifest['tables'].values())} 行）")
