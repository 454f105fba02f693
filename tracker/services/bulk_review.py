"""Bulk verification: many clean claims verified at once with one reason, all or nothing."""
from __future__ import annotations

import datetime as dt
from typing import Sequence

from sqlalchemy.orm import Session

from tracker.errors import InputError, Problem
from tracker.principal import Principal
from tracker.queries.review_queue import flags_of
from tracker.services.achievements import review_achievement
from tracker.rules.evidence import VERIFIED


def verify_clean(session: Session, achievement_ids: Sequence[int], *, actor: Principal, on: dt.date,
                 reason: str | None) -> int:
    """Verify every record named, each as a single review would (access, state, audit). A
    flagged record needs a look of its own, so any flagged one refuses the whole batch; so does
    an empty selection. Returns how many were verified."""
    ids = sorted(set(int(i) for i in achievement_ids))
    if not ids:
        raise InputError(Problem("请先勾选要核实的成果记录", field="ids"))
    flagged = [i for i, found in flags_of(session, actor, ids).items() if found]
    if flagged:
        raise InputError(Problem(f"成果记录 {'、'.join(map(str, flagged))} 带有提示标记，请逐条审核，不能批量核实",
                                 field="ids"))
    for achievement_id in ids:
        review_achievement(session, achievement_id, VERIFIED, actor=actor, on=on, reason=reason)
    return len(ids)
