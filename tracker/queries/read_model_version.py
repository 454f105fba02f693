"""What the stored evaluations depend on besides the data: the code that computes them and
the programme definitions loaded. Their fingerprint is kept in `snapshot_state` by every full
rebuild; when the running code or the programmes differ (new code, a programme loaded again,
never built), the stored evaluations may be wrong, and readers compute from the records."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import chinese_calendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.models import ProgrammeRow, SnapshotState

PACKAGE = Path(__file__).resolve().parent.parent
# Every module the evaluation's value depends on (rules, programme parsing, the loading and
# shaping of the status); a change to any of them makes the stored evaluations stale.
SOURCE_DIRS = ("rules", "programme")
SOURCE_FILES = ("queries/evaluation.py", "queries/portfolio.py", "queries/closing.py",
                "queries/status.py", "vocab.py", "queries/read_model_version.py")


@lru_cache(maxsize=1)
def code_version() -> str:
    digest = hashlib.sha256()
    files = sorted({*SOURCE_FILES, *(str(p.relative_to(PACKAGE)) for d in SOURCE_DIRS
                                     for p in (PACKAGE / d).glob("*.py"))})
    for name in files:
        digest.update(name.encode())
        digest.update((PACKAGE / name).read_bytes())
    # the holiday calendar decides effective deadlines
    digest.update(str(getattr(chinese_calendar, "__version__", "")).encode())
    return digest.hexdigest()


# Hashed when the process starts, when the files match the code it loaded: a process that
# outlives an upgrade must not stamp its evaluations with the new code's fingerprint.
code_version()


def current_fingerprint(session: Session) -> str:
    """The fingerprint the stored evaluations must carry to be used with this code and data."""
    digest = hashlib.sha256(code_version().encode())
    for row_id, code, source in session.execute(
            select(ProgrammeRow.id, ProgrammeRow.code, ProgrammeRow.source).order_by(ProgrammeRow.id)):
        digest.update(f"{row_id}\0{code}\0".encode())
        digest.update(hashlib.sha256(source.encode()).digest())
    return digest.hexdigest()


def stored_fingerprint(session: Session) -> str | None:
    return session.scalar(select(SnapshotState.fingerprint).where(SnapshotState.id == 1))


def read_model_current(session: Session) -> bool:
    """Whether the stored evaluations were all computed with this code and these programmes."""
    stored = stored_fingerprint(session)
    return stored is not None and stored == current_fingerprint(session)
