"""The Chinese header of every import column by its id: the words a field is known by in the
bureau's files, reused to name fields in the audit trail."""
from __future__ import annotations

from functools import cache

from tracker.importers import achievements, applicants, contacts, projects


@cache
def column_headers() -> dict[str, str]:
    headers: dict[str, str] = {}
    for columns in (contacts.COLUMNS, achievements.COLUMNS, projects.BASE_COLUMNS, applicants.COLUMNS):
        headers.update({c.id: c.header for c in columns})
    return headers
