"""Loading programme definitions into the database and getting them back."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Iterator, Sequence

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


def choose_programme(session: Session, code: str | None, *, applicant: str | None = None,
                     applicants: Iterable[str] = (), project_codes: Iterable[str] = (),
                     with_applications: bool = False) -> tuple[ProgrammeRow, Programme]:
    """The programme named; else the only one loaded; else the one the input itself points to:
    the only programme the applicants (USCCs) applied to, the only programme whose code begins
    every project code (SZIPS-2024-001 -> SZIPS-2024), or, for commands over applications, the
    only programme holding any. Never "the first": with several and no way to tell, an error
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
    for candidates in _pointed_to(session, rows, applicant, applicants, project_codes, with_applications):
        if len(candidates) == 1:
            return candidates[0], programme_of(candidates[0])
    codes = "、".join(r.code for r in rows)
    raise InputError(f"已载入多个计划（{codes}），请用 --programme 指定其中之一")


def _pointed_to(session: Session, rows: Sequence[ProgrammeRow], applicant: str | None,
                applicants: Iterable[str], project_codes: Iterable[str], with_applications: bool
                ) -> Iterator[Sequence[ProgrammeRow]]:
    """Candidate programmes, from the strongest clue to the weakest (evaluated lazily)."""
    yield rows
    usccs = {u.strip().upper() for u in (applicant, *applicants) if u}
    if usccs:
        yield session.scalars(
            select(ProgrammeRow).join(Application, Application.programme_id == ProgrammeRow.id)
            .join(Enterprise, Application.enterprise_id == Enterprise.id)
            .where(Enterprise.uscc.in_(sorted(usccs))).distinct()).all()
    codes = [c.strip().upper() for c in project_codes if c.strip()]
    if codes:
        yield [r for r in rows if all(c.startswith(r.code.upper() + "-") for c in codes)]
    if with_applications:
        yield session.scalars(select(ProgrammeRow).where(
            ProgrammeRow.id.in_(select(Application.programme_id).distinct()))).all()


def programme_names(session: Session) -> dict[str, str]:
    """Indicator and honour id -> name over every loaded programme (ids recorded in the audit trail)."""
    names: dict[str, str] = {}
    for row in session.scalars(select(ProgrammeRow).order_by(ProgrammeRow.code)):
        programme = programme_of(row)
        names.update({h.code: h.name for h in programme.honours})
        names.update({i.id: i.name for i in programme.indicators})
    return names
