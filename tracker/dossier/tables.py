"""The dossier's tables in words: the whole ledger (one row a record, status and flags as
labels) and the project's audit trail. Written as XLSX (and the trail also as CSV)."""
from __future__ import annotations

import csv
import io
from typing import Any, Sequence

from tracker.catalogue import label, labels
from tracker.catalogue.changes import describe_change
from tracker.dossier.contents import Dossier, evidence_entry
from tracker.dossier.words import w
from tracker.exports.spreadsheet import safe_value, write_xlsx
from tracker.importers.headers import column_headers
from tracker.vocab import AchievementStatus, AuditAction, AuditEntity, RecordFlag, SourceType, StandardLevel

Table = tuple[list[str], list[list[Any]]]


def ledger_table(d: Dossier, lang: str = "zh") -> Table:
    names = d.names()
    headers = [w(k, lang) for k in ("id", "indicator", "date", "record_title", "quantity", "level", "source_type",
                                    "year", "value", "reference", "status", "flags", "evidence", "evidence_file",
                                    "claimed_by", "claimed_on", "reviewed_by", "reviewed_on", "review_reason")]
    rows = [[r["id"], names.get(r["indicator"], r["indicator"]), r["date"], r["title"], r["quantity"],
             label(r["level"], lang, StandardLevel) if r["level"] else "",
             label(r["source_type"], lang, SourceType) if r["source_type"] else "",
             r["year"], r["value"], r["reference"] or "", label(r["status"], lang, AchievementStatus),
             labels(r["flags"], lang, RecordFlag), r["evidence"] or "", evidence_entry(r) or "",
             r["claimed_by"] or "", r["claimed_on"] or "", r["reviewed_by"] or "", r["reviewed_on"] or "",
             r["review_reason"] or ""] for r in d.records]
    return headers, rows


def audit_table(d: Dossier, lang: str = "zh") -> Table:
    names, fields = d.names(), column_headers()
    headers = [w(k, lang) for k in ("when", "actor", "action", "object", "reason", "detail")]
    rows = [[e["when"], e["actor"], label(e["action"], lang, AuditAction),
             f"{label(e['entity'], lang, AuditEntity)} {e['key']}", e["reason"] or "",
             describe_change(e["entity"], e["before"], e["after"], lang, names, fields)] for e in d.trail]
    return headers, rows


def as_csv(table: Table) -> bytes:
    """UTF-8 with a BOM, so that Excel on a Chinese Windows opens it in the right encoding."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table[0])
    writer.writerows([[safe_value(v) for v in row] for row in table[1]])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(sheets: Sequence[tuple[str, Table]]) -> bytes:
    return write_xlsx([(title, headers, rows) for title, (headers, rows) in sheets])
