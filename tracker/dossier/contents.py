"""Everything a dossier shows, read once and scoped to the principal: the project's status
(targets, indicators, deadlines, money), its ledger, its closing-stage decisions and its audit
trail. A project the principal may not see is NotFound, exactly as if it did not exist."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from tracker.access import visible_project
from tracker.errors import NotFound
from tracker.evidence import EXTENSIONS
from tracker.principal import Principal
from tracker.queries.achievements import list_achievements
from tracker.queries.activity import audit_trail
from tracker.queries.status import ProjectStatus, portfolio_status


@dataclass(frozen=True)
class Dossier:
    status: ProjectStatus
    records: list[dict[str, Any]]   # the whole ledger, as `achievements list --json` gives it
    trail: list[dict[str, Any]]     # the project's audit events, oldest first
    made_on: dt.date
    made_by: str

    @property
    def code(self) -> str:
        return self.status.bundle.code

    def names(self) -> dict[str, str]:
        """Indicator, target and honour ids as the programme names them."""
        p = self.status.bundle.programme
        return ({i.id: i.name for i in p.indicators} | {t.id: t.name for t in p.targets}
                | {h.code: h.name for h in p.honours})


def evidence_entry(record: dict[str, Any]) -> str | None:
    """Where a record's evidence file sits in the archive: evidence/<record id>-<indicator>.<ext>."""
    kind = record.get("evidence_type")
    if not record.get("evidence_sha256") or kind not in EXTENSIONS:
        return None
    return f"evidence/{record['id']}-{record['indicator']}{EXTENSIONS[kind]}"


def statement_entry(case_id: int, kind: str | None) -> str | None:
    """Where the evidence of a recall statement sits in the archive."""
    return f"evidence/recall-{case_id}-statement{EXTENSIONS[kind]}" if kind in EXTENSIONS else None


def gather(session: Session, principal: Principal, code: str, today: dt.date) -> Dossier:
    visible_project(session, principal, code)  # NotFound for a project out of reach
    found = portfolio_status(session, principal, today, code)
    if not found:
        raise NotFound(f"项目 {code} 不存在")
    records = list_achievements(session, principal, code)
    trail = list(reversed(audit_trail(session, principal, code, limit=None)))
    return Dossier(found[0], records, trail, today, principal.name)
