"""Programmes as stored in the database: each row keeps its definition file, parsed again
(once per text) when used, so any number of programmes of any shape sit side by side."""
from __future__ import annotations

from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.models import ProgrammeRow
from tracker.programme.definition import Programme, parse_programme


@lru_cache(maxsize=32)
def _parsed(source: str, code: str) -> Programme:
    return parse_programme(source, origin=code)


def programme_of(row: ProgrammeRow) -> Programme:
    return _parsed(row.source, row.code)


def loaded_programmes(session: Session) -> list[tuple[ProgrammeRow, Programme]]:
    """Every programme loaded, oldest call first (by year, then code)."""
    rows = session.scalars(select(ProgrammeRow).order_by(ProgrammeRow.year, ProgrammeRow.code)).all()
    return [(row, programme_of(row)) for row in rows]
