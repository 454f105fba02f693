"""Loading programme definitions into the database and getting them back."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.errors import InputError, NotFound
from tracker.models import Application, Enterprise, ProgrammeRow
from tracker.programme import Programme, bundled_programme_files, load_programme_file
from tracker.programme.loaded import loaded_programmes, programme_of
from tracker.services import audit

__all__ = ["choose_programme", "load_programmes", "loaded_programmes", "programme_names", "programme_of"]


def load_programmes(session: Session, files: list[Path] | None = None, actor: str = "system"
                    ) -> list[str]:
    """Insert or refresh the programme definitions; returns the codes loaded or changed."""
    changed = []
    for path in files if files is not None else bundled_programme_files():
        programme = load_programme_file(path)
        row = session.scalar(select(ProgrammeRow).where(ProgrammeRow.code == programme.code))
        if row is not None and row.source == programme.source:
            continue
        if row is None:
            row = ProgrammeRow(code=programme.code, name=programme.name, year=programme.year,
                               source=programme.source, loaded_at=dt.datetime.now(dt.timezone.utc))
            session.add(row)
            action = "programme.loaded"
        else:
            row.name, row.year, row.source = programme.name, programme.year, programme.source
            row.loaded_at = dt.datetime.now(dt.timezone.utc)
            action = "programme.updated"
        audit.record(session, actor=actor, action=action, entity="programme", key=programme.code,
                     after={"file": path.name, "name": programme.name})
        changed.append(programme.code)
    return changed


def choose_programme(session: Session, code: str | None, *, applicant: str | None = None
                     ) -> tuple[ProgrammeRow, Programme]:
    """The programme named; else the only one loaded; else, given an applicant's USCC, the only
    programme it applied to. Never "the first": with several and no way to tell, an error
    listing the codes."""
    if code is not None:
        row = session.scalar(select(ProgrammeRow).where(ProgrammeRow.code == code))
        if row is None:
            known = "、".join(session.scalars(select(ProgrammeRow.code).order_by(ProgrammeRow.code)).all())
            raise NotFound(f"没有编号为 {code} 的计划；已载入：{known or '（无）'}")
        return row, programme_of(row)
    rows = session.scalars(select(ProgrammeRow).order_by(ProgrammeRow.code)).all()
    if not rows:
        raise InputError("尚未载入任何计划：请先运行 tracker init")
    if len(rows) == 1:
        return rows[0], programme_of(rows[0])
    if applicant is not None:
        applied = session.scalars(
            select(ProgrammeRow).join(Application, Application.programme_id == ProgrammeRow.id)
            .join(Enterprise, Application.enterprise_id == Enterprise.id)
            .where(Enterprise.uscc == applicant.strip().upper()).distinct()).all()
        if len(applied) == 1:
            return applied[0], programme_of(applied[0])
    codes = "、".join(r.code for r in rows)
    raise InputError(f"已载入多个计划（{codes}），请用 --programme 指定其中之一")


def programme_names(session: Session) -> dict[str, str]:
    """Indicator and honour id -> name over every loaded programme (ids recorded in the audit trail)."""
    names: dict[str, str] = {}
    for row in session.scalars(select(ProgrammeRow).order_by(ProgrammeRow.code)):
        programme = programme_of(row)
        names.update({h.code: h.name for h in programme.honours})
        names.update({i.id: i.name for i in programme.indicators})
    return names
