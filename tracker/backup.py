"""One consistent archive of everything the tracker keeps, taken while it runs, and its restore.

The archive (.tar.gz) holds:
- `database/tracker.sqlite3`, made with SQLite's online backup API (a consistent copy that
  includes what still sits in the write-ahead log; a `cp` of the file does not), or
  `database/tracker.pgdump` from `pg_dump` (one snapshot of a running PostgreSQL);
- `evidence/..`, the uploaded files, copied after the database, so every file a backed-up
  row names is there (files are written before the rows that name them);
- `programmes/*.toml`, the programme definitions;
- `manifest.json`: what the archive holds, each file's SHA-256, each table's row count.
Restore checks all of that before it touches anything, and refuses a database that already
holds data unless told to replace it.
"""
from __future__ import annotations

import datetime as dt
import glob
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url

from tracker.errors import InputError, Problem, StateError

FORMAT = 1
DB_SQLITE, DB_PG = "database/tracker.sqlite3", "database/tracker.pgdump"


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    backend: str
    tables: dict[str, int]
    evidence_files: int
    programme_files: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_tool(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)),
                                       None)
    if found is None:
        raise StateError(f"找不到 {name}：请安装 PostgreSQL 客户端工具")
    return found


def _libpq_url(engine: Engine) -> str:
    url = engine.url.set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as c:
        names = sorted(inspect(c).get_table_names())
        return {n: c.execute(text(f'SELECT COUNT(*) FROM "{n}"')).scalar_one() for n in names}


def _dump_database(engine: Engine, work: Path) -> tuple[str, Path]:
    if engine.dialect.name == "sqlite":
        target = work / "tracker.sqlite3"
        source = sqlite3.connect(make_url(str(engine.url)).database or "")
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # page by page, consistent, WAL included; writers carry on
        finally:
            copy.close()
            source.close()
        return DB_SQLITE, target
    target = work / "tracker.pgdump"
    done = subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                           f"--file={target}", f"--dbname={_libpq_url(engine)}"], capture_output=True, text=True)
    if done.returncode != 0:
        raise StateError(f"pg_dump 失败：{done.stderr.strip()[:500]}")
    return DB_PG, target


def _counts_of_sqlite(path: Path) -> dict[str, int]:
    c = sqlite3.connect(path)
    try:
        names = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {n: c.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        c.close()


def _evidence_files(root: Path) -> list[Path]:
    """The stored evidence: files named by their SHA-256. An upload being written meanwhile
    sits in a temporary file beside its target until it is renamed; it belongs to a claim
    not yet committed (so not in the dump) and may vanish while the archive is written."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and _is_digest(p.name))


def _is_digest(name: str) -> bool:
    return len(name) == 64 and all(c in "0123456789abcdef" for c in name)


def backup(engine: Engine, dest: Path, evidence_root: Path, programmes_root: Path) -> BackupSummary:
    """Write the archive to `dest` (written aside, then moved into place)."""
    with tempfile.TemporaryDirectory(prefix="tracker-backup-") as tmp:
        work = Path(tmp)
        db_name, db_file = _dump_database(engine, work)
        tables = _counts_of_sqlite(db_file) if db_name == DB_SQLITE else table_counts(engine)
        members: list[tuple[str, Path]] = [(db_name, db_file)]
        evidence = _evidence_files(evidence_root)
        members += [(f"evidence/{p.relative_to(evidence_root).as_posix()}", p) for p in evidence]
        programmes = sorted(programmes_root.glob("*.toml")) if programmes_root.is_dir() else []
        members += [(f"programmes/{p.name}", p) for p in programmes]
        manifest = {"format": FORMAT, "created_at": dt.datetime.now(dt.timezone.utc).isoformat(),
                    "backend": engine.dialect.name, "database": db_name, "tables": tables,
                    "files": {name: _sha256(path) for name, path in members}}
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(dir=dest.parent, prefix=".backup-")  # mode 0600
        os.close(fd)
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mode = len(data), 0o600
            archive.addfile(info, io.BytesIO(data))
            for name, path in members:
                archive.add(path, arcname=name, recursive=False)
        os.replace(partial, dest)
    return BackupSummary(dest, engine.dialect.name, tables, len(evidence), len(programmes))


def _problem(message: str, src: Path) -> InputError:
    return InputError(Problem(message, file=str(src)))


def _unpack_checked(src: Path, work: Path) -> dict:  # type: ignore[type-arg]
    """Unpack into `work` and check every file against the manifest; InputError otherwise."""
    try:
        with tarfile.open(src, "r:gz") as archive:
            archive.extractall(work, filter="data")  # no absolute paths, links out or devices
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise _problem(f"不是有效的备份文件：{exc}", src) from None
    try:
        manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise _problem("备份文件缺少 manifest.json", src) from None
    if manifest.get("format") != FORMAT or manifest.get("database") not in (DB_SQLITE, DB_PG):
        raise _problem("备份文件的格式无法识别", src)
    problems = []
    for name, digest in manifest.get("files", {}).items():
        path = work / name
        if not path.is_file():
            problems.append(Problem(f"备份缺少文件 {name}", file=str(src)))
        elif _sha256(path) != digest:
            problems.append(Problem(f"文件 {name} 已损坏（SHA-256 不符）", file=str(src)))
    if manifest["database"] == DB_SQLITE and not problems:
        c = sqlite3.connect(work / DB_SQLITE)
        try:
            verdict = c.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            c.close()
        if verdict != "ok":
            problems.append(Problem(f"数据库完整性检查未通过：{verdict}", file=str(src)))
    if problems:
        raise InputError(problems)
    return manifest


def holds_data(engine: Engine) -> bool:
    with engine.connect() as c:
        for name in inspect(c).get_table_names():
            if name != "alembic_version" and c.execute(text(f'SELECT 1 FROM "{name}" LIMIT 1')).first():
                return True
    return False


def restore(engine: Engine, src: Path, evidence_root: Path, programmes_root: Path, *, replace: bool) -> dict:  # type: ignore[type-arg]
    """Check the archive, then restore the database, the evidence files and any programme
    file that is missing. A database holding data is refused unless `replace`."""
    with tempfile.TemporaryDirectory(prefix="tracker-restore-") as tmp:
        work = Path(tmp)
        manifest = _unpack_checked(src, work)
        expected = "sqlite" if manifest["database"] == DB_SQLITE else "postgresql"
        if engine.dialect.name != expected:
            raise _problem(f"该备份来自 {manifest['backend']} 数据库，不能恢复到 {engine.dialect.name}", src)
        if holds_data(engine) and not replace:
            raise StateError("目标数据库已有数据：确认要整体替换时加 --replace")
        _restore_database(engine, work, manifest["database"], replace)
        for member in (work / "evidence").rglob("*") if (work / "evidence").is_dir() else []:
            if member.is_file():
                target = evidence_root / member.relative_to(work / "evidence")
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                shutil.copyfile(member, target)
                os.chmod(target, 0o600)
        for member in sorted((work / "programmes").glob("*.toml")) if (work / "programmes").is_dir() else []:
            target = programmes_root / member.name
            if not target.exists():
                programmes_root.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(member, target)
    return manifest


def _restore_database(engine: Engine, work: Path, db_name: str, replace: bool) -> None:
    if db_name == DB_SQLITE:
        engine.dispose()  # no pooled connection may hold the old file open
        source = sqlite3.connect(work / DB_SQLITE)
        target = sqlite3.connect(make_url(str(engine.url)).database or "")
        try:
            source.backup(target)  # replaces every page of the target, atomically for readers
        finally:
            target.close()
            source.close()
        return
    args = [_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction",
            f"--dbname={_libpq_url(engine)}", str(work / DB_PG)]
    if replace:
        args[1:1] = ["--clean", "--if-exists"]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        raise StateError(f"pg_restore 失败：{done.stderr.strip()[:500]}")
