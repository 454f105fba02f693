"""What a principal may see, as SQL conditions (never filtered in the web layer)."""
from __future__ import annotations

from sqlalchemy import Select, false, true
from sqlalchemy.sql.elements import ColumnElement

from tracker.models import Enterprise
from tracker.principal import Principal


def visible_enterprises(principal: Principal) -> ColumnElement[bool]:
    """A condition on `Enterprise` (joined in the statement) for the principal's reach."""
    if principal.sees_everything:
        return true()
    if principal.role == "district" and principal.district:
        return Enterprise.district == principal.district
    if principal.role == "enterprise" and principal.uscc:
        return Enterprise.uscc == principal.uscc
    return false()


def scoped(stmt: Select, principal: Principal) -> Select:  # type: ignore[type-arg]
    return stmt.where(visible_enterprises(principal))
