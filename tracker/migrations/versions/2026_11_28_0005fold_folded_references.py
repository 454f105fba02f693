"""folded references: achievements' reference_key and the keys of shared-reference alerts

References are now folded exactly as DOMAIN.md section 5 says (full-width to half-width,
upper case, no spaces) and claimed_by_other_project alerts are keyed by the folded form, so
that a new spelling of an item raises nothing new. Existing rows are brought in line; an
alert whose folded key is already taken by another alert of the project stays as history.

Revision ID: 0005fold
Revises: 0004
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa

from tracker.rules.evidence import fold_reference

revision = '0005fold'
down_revision = '0004'
branch_labels = None
depends_on = None

SHARED = "claimed_by_other_project"


def upgrade() -> None:
    bind = op.get_bind()
    achievements = sa.table("achievements", sa.column("id", sa.Integer),
                            sa.column("reference", sa.String), sa.column("reference_key", sa.String))
    changes = [{"row_id": row.id, "key": fold_reference(row.reference)} for row in bind.execute(
        sa.select(achievements.c.id, achievements.c.reference, achievements.c.reference_key)
        .where(achievements.c.reference.is_not(None)))
        if fold_reference(row.reference) != row.reference_key]
    if changes:
        bind.execute(achievements.update().where(achievements.c.id == sa.bindparam("row_id"))
                     .values(reference_key=sa.bindparam("key")), changes)
    alerts = sa.table("alerts", sa.column("id", sa.Integer), sa.column("project_id", sa.Integer),
                      sa.column("kind", sa.String), sa.column("key", sa.String))
    rows = bind.execute(sa.select(alerts.c.id, alerts.c.project_id, alerts.c.key)
                        .where(alerts.c.kind == SHARED).order_by(alerts.c.id)).all()
    taken = {(r.project_id, r.key) for r in rows}
    for r in rows:
        folded = fold_reference(r.key) or r.key
        if folded != r.key and (r.project_id, folded) not in taken:
            bind.execute(alerts.update().where(alerts.c.id == r.id).values(key=folded))
            taken.add((r.project_id, folded))


def downgrade() -> None:
    pass  # the folded forms are valid keys for the older code too
