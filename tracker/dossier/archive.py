"""The dossier as one ZIP: summary.html, ledger.xlsx, decisions.json, audit.xlsx and audit.csv,
and every evidence file (of each record, and of a recall statement) named by what it backs."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tracker.dossier.contents import Dossier, evidence_entry, gather, statement_entry
from tracker.dossier.summary import summary_html
from tracker.dossier.tables import as_csv, as_xlsx, audit_table, ledger_table
from tracker.dossier.words import w
from tracker.evidence import path_for
from tracker.principal import Principal
from tracker.queries.closing import case_json, history_json, inspection_json, review_json

SUMMARY, LEDGER, DECISIONS, AUDIT_XLSX, AUDIT_CSV = (
    "summary.html", "ledger.xlsx", "decisions.json", "audit.xlsx", "audit.csv")


def dossier_name(code: str) -> str:
    """A file name safe on every system, for downloads and the command line's default."""
    return f"dossier-{re.sub(r'[^A-Za-z0-9_.-]', '_', code)}.zip"


def decisions(d: Dossier) -> dict[str, Any]:
    """Every decision on the project, in the JSON shapes of INTERFACES.md 3.5 and 3.5a."""
    code, facts = d.code, d.status.bundle.closing
    return {
        "project_code": code,
        "record_reviews": [{"id": r["id"], "indicator": r["indicator"], "status": r["status"],
                            "reviewed_by": r["reviewed_by"], "reviewed_on": r["reviewed_on"],
                            "reason": r["review_reason"]} for r in d.records if r["reviewed_on"]],
        "acceptance_reviews": [review_json(code, r) for r in facts.reviews],
        "inspections": [inspection_json(code, i) for i in facts.inspections],
        "recall_cases": [case_json(code, c) for c in facts.cases],
        "amendments": [{"id": a.id, "on": a.on_date.isoformat(), "by": a.by, "reason": a.reason,
                        "before": a.before, "changes": a.changes, "flags": list(a.flags)}
                       for a in facts.amendments],
        "history": history_json(code, facts),
    }


def _evidence(d: Dossier, root: Path | None) -> list[tuple[str, Path]]:
    """(name in the archive, stored file) of every evidence file the project's records and
    recall statements point at."""
    found = [(evidence_entry(r), path_for(r["evidence_sha256"], root)) for r in d.records if evidence_entry(r)]
    for c in d.status.bundle.closing.cases:
        name = statement_entry(c.id, c.evidence_type) if c.evidence_sha256 else None
        if name:
            found.append((name, path_for(c.evidence_sha256, root)))
    return [(str(name), path) for name, path in found]


def write_dossier(d: Dossier, evidence_root: Path | None = None, lang: str = "zh") -> bytes:
    evidence = _evidence(d, evidence_root)
    missing = {name for name, path in evidence if not path.exists()}
    files = [(SUMMARY, w("f.summary", lang)), (LEDGER, w("f.ledger", lang)), (DECISIONS, w("f.decisions", lang)),
             (AUDIT_XLSX, w("f.audit", lang)), (AUDIT_CSV, w("f.audit", lang))]
    files += [(name, w("f.evidence", lang) + (w("missing_file", lang) if name in missing else ""))
              for name, _ in evidence]
    trail = audit_table(d, lang)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(SUMMARY, summary_html(d, files, lang))
        z.writestr(LEDGER, as_xlsx([(w("sheet.ledger", lang), ledger_table(d, lang))]))
        z.writestr(DECISIONS, json.dumps(decisions(d), ensure_ascii=False, indent=2))
        z.writestr(AUDIT_XLSX, as_xlsx([(w("sheet.audit", lang), trail)]))
        z.writestr(AUDIT_CSV, as_csv(trail))
        for name, path in evidence:
            if name not in missing:
                z.write(path, name)
    return out.getvalue()


def build_dossier(session: Session, principal: Principal, code: str, today: dt.date,
                  evidence_root: Path | None = None, lang: str = "zh") -> bytes:
    """The dossier of one project as the principal may see it (NotFound otherwise)."""
    return write_dossier(gather(session, principal, code, today), evidence_root, lang)
