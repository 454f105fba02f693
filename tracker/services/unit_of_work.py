"""The read model belongs to the unit of work: whatever a transaction changed about a project
(the project itself, its records, money, required values) marks that project, and just
before the commit the marked projects' snapshots are recomputed in the same transaction.

No caller refreshes by hand: the API, the pages, the CLI, the importers and the scheduler all
commit through a SQLAlchemy session, and these listeners sit on every session. A bulk Core
insert through `session.execute(insert(Model), rows)` is marked from its rows; other bulk
statements mark explicitly with `tracker.db.mark_projects`."""
from __future__ import annotations

from itertools import chain
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction, UOWTransaction

from tracker.db import mark_projects, mark_references, take_marks
from tracker.models import (Achievement, Alert, Project, ProjectEvaluation, ProjectSnapshot,
                            ProjectTargetSnapshot)
from tracker.services.snapshots import refresh_touched

# Rows that hang off a project without changing its status, and the read model itself: its
# refresh writes these, and marking them would have every refresh (a rebuild of the whole
# portfolio included) done a second time at the commit.
IGNORED_TABLES = frozenset(model.__tablename__ for model in (
    Alert, ProjectSnapshot, ProjectTargetSnapshot, ProjectEvaluation))


def _affects_status(mapper_table: str) -> bool:
    return mapper_table not in IGNORED_TABLES


def _values(obj: Any, attribute: str) -> list[Any]:
    """An attribute's current value and the value it had before this flush."""
    history = inspect(obj).attrs[attribute].history
    return [*history.added, *history.unchanged, *history.deleted]


def _mark_object(session: Session, obj: Any) -> None:
    table = getattr(obj, "__tablename__", "")
    if isinstance(obj, Project):
        mark_projects(session, [obj.id])
    elif _affects_status(table) and hasattr(obj, "project_id"):
        mark_projects(session, _values(obj, "project_id"))
    if isinstance(obj, Achievement):
        mark_references(session, _values(obj, "reference_key"))


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context: UOWTransaction) -> None:
    # After the flush new rows have their ids; the attribute history is still there.
    for obj in chain(session.new, session.dirty, session.deleted):
        _mark_object(session, obj)


@event.listens_for(Session, "do_orm_execute")
def _collect_bulk(state: ORMExecuteState) -> None:
    if not state.is_insert or not state.bind_mapper:
        return
    table = state.bind_mapper.local_table.name
    rows = state.parameters if isinstance(state.parameters, list) else [state.parameters or {}]
    if table == Project.__tablename__:
        return  # new projects get ids only on insert: their creator rebuilds or marks them
    if _affects_status(table):
        mark_projects(state.session, (r.get("project_id") for r in rows if isinstance(r, dict)))
    if table == Achievement.__tablename__:
        mark_references(state.session, (r.get("reference_key") for r in rows if isinstance(r, dict)))


@event.listens_for(Session, "before_commit")
def _refresh_before_commit(session: Session) -> None:
    refresh_touched(session)


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, previous: SessionTransaction) -> None:
    if previous.parent is None:  # the whole transaction is gone, and its marks with it
        take_marks(session)
