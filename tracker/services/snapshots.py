"""The project snapshots: the portfolio read model, one row per project computed for one day
(the snapshot day kept in `snapshot_state`).

Each project has its evaluation (what changes only when something is written,
tracker.queries.evaluation; a row of project_evaluations) and its standing on the snapshot day
(days left, risk...: its row of project_snapshots).
Two ways they change, never a third: a write refreshes the projects it touched, in its own
transaction (see `tracker.services.unit_of_work`), evaluation and standing; the change of day
recomputes only the standings from the stored evaluations (`advance_day`), in short
transactions, unless the stored evaluations are stale (other code or programmes: see
tracker.queries.read_model_version), when everything is rebuilt (`rebuild_in_chunks`, also
`tracker snapshots rebuild`). A web request only reads them."""
from __future__ import annotations

import datetime as dt
import time
from typing import Any, Callable, Collection

from sqlalchemy import Engine, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from tracker.db import read_session, take_marks, write_session
from tracker.models import (Achievement, ProgrammeRow, Project, ProjectEvaluation, ProjectSnapshot,
                            ProjectTargetSnapshot, SnapshotState)
from tracker.principal import Principal
from tracker.programme.loaded import programme_of
from tracker.queries.evaluation import from_text, to_text
from tracker.queries.read_model_version import current_fingerprint, read_model_current
from tracker.queries.status import ProjectStatus, portfolio_status, standing_inputs_of
from tracker.rules.standing import Standing, standing

CHUNK = 5000  # projects computed at a time in one transaction (init, demo): bounded memory
DAY_CHUNK = 500  # projects per transaction on a full rebuild: writers wait well under a second
STANDING_CHUNK = 2000  # standings updated per transaction on the change of day (small UPDATEs)
IDS_PER_STATEMENT = 900  # well under SQLite's limit of bound parameters
SNAPSHOTS = Principal.bureau("snapshots")  # the read model holds every project; views scope it
# A write's refresh keeps the record flags it computed (session.info, by record id) so that the
# write's answer need not load the project again; only for a few projects (bounded memory).
RECOMPUTED_RECORD_FLAGS, REMEMBERED_PROJECTS = "tracker.recomputed_record_flags", 20


def _row(s: ProjectStatus, day: dt.date) -> dict[str, object]:
    b = s.bundle
    return {"project_id": b.id, "as_of": day, "state": b.state, "risk": s.risk.level,
            "risk_reasons": ",".join(s.risk.reasons), "flags": ",".join(s.flags), "pace": round(s.pace, 6),
            "elapsed": round(s.elapsed, 6), "targets_achieved": s.targets_achieved,
            "targets_total": len(s.targets),
            "deadline": s.deadline, "effective_deadline": s.effective_deadline, "days_left": s.days_left,
            "disbursed_wan": b.disbursed, "recalled_wan": b.recalled, "net_disbursed_wan": b.net_disbursed,
            "funds_at_risk_wan": s.funds_at_risk}


def _evaluation_row(s: ProjectStatus) -> dict[str, object]:
    return {"project_id": s.bundle.id, "evaluation": to_text(s.evaluation)}


def _target_rows(s: ProjectStatus) -> list[dict[str, object]]:
    """One row per target of the project's own programme: whether it is achieved."""
    return [{"project_id": s.bundle.id, "target_id": t.id, "achieved": t.achieved} for t in s.targets]


def snapshot_day(session: Session) -> dt.date | None:
    """The day the snapshots are computed for; None before the first build."""
    return session.scalar(select(SnapshotState.as_of).where(SnapshotState.id == 1))


def _set_day(session: Session, day: dt.date) -> None:
    state = session.get(SnapshotState, 1)
    if state is None:
        session.add(SnapshotState(id=1, as_of=day, audit_version=0))
    else:
        state.as_of = day
    session.flush()


def _set_fingerprint(session: Session, fingerprint: str | None) -> None:
    session.execute(update(SnapshotState).where(SnapshotState.id == 1).values(fingerprint=fingerprint))


def _lock(session: Session, where: Any) -> None:
    """Take the projects' rows before reading them (PostgreSQL; SQLite already serialises
    writers): a concurrent write to the same project then waits for this transaction and
    computes from what it committed, instead of from what it saw before. FOR NO KEY UPDATE, not
    FOR UPDATE: an insert referencing the project (a claim, a payment) holds its row FOR KEY
    SHARE until commit, so two such writes at once deadlocked when each refresh asked for more."""
    session.execute(select(Project.id).where(where).order_by(Project.id).with_for_update(key_share=True))


def _replace(session: Session, day: dt.date, *, project_ids: list[int] | None = None,
             id_range: tuple[int, int] = (0, -1)) -> int:
    """Lock, recompute and rewrite the snapshots of some projects (given ids, else an id range):
    the one place that writes snapshot rows."""
    def chosen(column: Any) -> Any:
        return column.in_(project_ids) if project_ids is not None else column.between(*id_range)
    _lock(session, chosen(Project.id))
    statuses = portfolio_status(session, SNAPSHOTS, day, project_ids=project_ids,
                                id_range=None if project_ids is not None else id_range)
    if project_ids is not None and len(project_ids) <= REMEMBERED_PROJECTS:
        remembered = session.info.setdefault(RECOMPUTED_RECORD_FLAGS, {})
        for s in statuses:
            remembered.update(s.record_flags)
    for model in (ProjectTargetSnapshot, ProjectSnapshot, ProjectEvaluation):
        session.execute(delete(model).where(chosen(model.project_id)))
    if statuses:
        session.execute(insert(ProjectSnapshot), [_row(s, day) for s in statuses])
        session.execute(insert(ProjectEvaluation), [_evaluation_row(s) for s in statuses])
        session.execute(insert(ProjectTargetSnapshot), [t for s in statuses for t in _target_rows(s)])
    return len(statuses)


def write_snapshots(session: Session, project_ids: Collection[int], day: dt.date) -> int:
    """Recompute the snapshots of these projects for `day`; returns the rows written."""
    ids = sorted(project_ids)
    return sum(_replace(session, day, project_ids=ids[i:i + IDS_PER_STATEMENT])
               for i in range(0, len(ids), IDS_PER_STATEMENT))


def _write_range(session: Session, low: int, high: int, day: dt.date) -> int:
    return _replace(session, day, id_range=(low, high))


def _id_bounds(session: Session) -> tuple[int | None, int | None]:
    low, high = session.execute(select(func.min(Project.id), func.max(Project.id))).one()
    return low, high


def rebuild(session: Session, today: dt.date, chunk: int = CHUNK) -> int:
    """Every project's snapshot for `today`, inside the caller's transaction (init, demo)."""
    take_marks(session)  # everything is recomputed: what the caller touched included
    _set_day(session, today)
    low, high = _id_bounds(session)
    count = 0
    start = low or 0
    while high is not None and start <= high:
        count += _write_range(session, start, start + chunk - 1, today)
        start += chunk
    _set_fingerprint(session, current_fingerprint(session))
    return count


def rebuild_in_chunks(engine: Engine, today: dt.date, chunk: int = DAY_CHUNK,
                      progress: Callable[[int], None] | None = None) -> int:
    """The change of day: every snapshot for `today`, one short transaction per slice of
    projects, so writers wait for a slice at most. The day moves first, so a write made
    meanwhile refreshes its project for the new day too. The fingerprint is stored last: until
    every slice is rewritten, readers keep computing from the records if it was stale."""
    with write_session(engine) as session:
        _set_day(session, today)
        low, high = _id_bounds(session)
        fingerprint = current_fingerprint(session)
    count = 0
    start = low or 0
    while high is not None and start <= high:
        with write_session(engine) as session:
            done = _write_range(session, start, start + chunk - 1, today)
        count += done
        if progress:
            progress(done)
        start += chunk
    with write_session(engine) as session:
        _set_fingerprint(session, fingerprint)
    return count


def claimants(session: Session, reference_keys: set[str]) -> set[int]:
    """Projects holding a record with one of these references: a claim or a review of a shared
    reference changes the `claimed_by_other_project` flags of every claimant."""
    found: set[int] = set()
    keys = sorted(reference_keys)
    for i in range(0, len(keys), IDS_PER_STATEMENT):
        found.update(session.scalars(select(Achievement.project_id).where(
            Achievement.reference_key.in_(keys[i:i + IDS_PER_STATEMENT])).distinct()))
    return found


def refresh_touched(session: Session) -> int:
    """Recompute the snapshots of what this transaction touched; returns the rows written."""
    session.flush()
    projects, references = take_marks(session)
    if references:
        projects |= claimants(session, references)
    if not projects:
        return 0
    day = snapshot_day(session)
    if day is None:  # never built: `tracker init` (or a rebuild) builds them all first
        return 0
    return write_snapshots(session, projects, day)


def recomputed_record_flags(session: Session) -> dict[int, list[str]]:
    """The flags (for the bureau: unfiltered) of the records of the projects this session's
    refresh recomputed, by record id; empty when it recomputed none (or too many to keep)."""
    return session.info.get(RECOMPUTED_RECORD_FLAGS, {})


def is_current(session: Session, today: dt.date) -> bool:
    return snapshot_day(session) == today


# --- the change of day: standings only ------------------------------------------------------

_STANDING_COLUMNS = ("risk", "risk_reasons", "elapsed", "days_left", "funds_at_risk_wan")


def _standing_values(s: Standing) -> dict[str, object]:
    return {"risk": s.risk.level, "risk_reasons": ",".join(s.risk.reasons), "elapsed": round(s.elapsed, 6),
            "days_left": s.days_left, "funds_at_risk_wan": s.funds_at_risk}


def _changed_standings(session: Session, after: int, chunk: int, today: dt.date,
                       programmes: dict[int, Any]) -> tuple[list[dict[str, object]], int | None]:
    """Read one slice of snapshots (by project id after `after`) and compute their standing
    for `today`; returns the rows whose standing changed, and the last id read (None: done)."""
    snap = ProjectSnapshot
    rows = session.execute(
        select(snap.project_id, ProjectEvaluation.evaluation, snap.state, Project.state.label("live_state"),
               Project.start_date, Project.end_date, Project.grant_wan, Project.programme_id,
               *(getattr(snap, c) for c in _STANDING_COLUMNS))
        .join(Project, Project.id == snap.project_id)
        .join(ProjectEvaluation, ProjectEvaluation.project_id == snap.project_id)
        .where(snap.project_id > after)
        .order_by(snap.project_id).limit(chunk)).all()
    changed = []
    for r in rows:
        evaluation = from_text(r.evaluation)
        values = _standing_values(standing(standing_inputs_of(
            r.live_state, r.start_date, r.end_date, r.grant_wan, programmes[r.programme_id], evaluation), today))
        stored = {c: getattr(r, c) for c in _STANDING_COLUMNS}
        if values != stored or r.state != r.live_state:
            changed.append({"pid": r.project_id, "old_evaluation": r.evaluation, "old_state": r.state,
                            "new_state": r.live_state, **values})
    return changed, (rows[-1].project_id if len(rows) == chunk else None)


def _write_standings(session: Session, changed: list[dict[str, object]], today: dt.date) -> None:
    """Only if the row is still what was read: a write meanwhile refreshed it for the new day
    already (the day moved first), from newer facts."""
    table, evaluations = ProjectSnapshot.__table__, ProjectEvaluation.__table__
    unchanged = select(evaluations.c.project_id).where(evaluations.c.project_id == bindparam("pid"),
                                                      evaluations.c.evaluation == bindparam("old_evaluation"))
    session.connection().execute(
        update(table).where(table.c.project_id == bindparam("pid"), unchanged.exists(),
                            table.c.state == bindparam("old_state"))
        .values(as_of=today, state=bindparam("new_state"),
                **{c: bindparam(c) for c in _STANDING_COLUMNS}), changed)


def advance_day(engine: Engine, today: dt.date, chunk: int = STANDING_CHUNK,
                progress: Callable[[int], None] | None = None,
                transactions: list[float] | None = None) -> int:
    """The change of day: each project's standing recomputed for `today` from its stored
    evaluation; each slice read first, then its changed rows updated in one short transaction
    (their durations appended to `transactions`). A full rebuild instead when the stored
    evaluations are stale. Returns the rows rewritten."""
    with write_session(engine) as session:
        if not read_model_current(session):
            stale = True
        else:
            stale = False
            _set_day(session, today)
            programmes = {row.id: programme_of(row) for row in session.scalars(select(ProgrammeRow))}
    if stale:
        return rebuild_in_chunks(engine, today, progress=progress)
    count, after = 0, 0
    while after is not None:
        with read_session(engine) as session:
            changed, last = _changed_standings(session, after, chunk, today, programmes)
        if changed:
            started = time.perf_counter()
            with write_session(engine) as session:
                _write_standings(session, changed, today)
            if transactions is not None:
                transactions.append(time.perf_counter() - started)
        count += len(changed)
        if progress:
            progress(len(changed))
        after = last
    return count
