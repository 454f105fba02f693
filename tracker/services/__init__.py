"""Operations that change state: they take a session and the acting principal and write the audit trail."""

# Every session refreshes the read model of what it touched before committing.
from tracker.services import unit_of_work as _unit_of_work  # noqa: E402,F401
