"""snapshots keep money as disbursed (gross), recalled and net

Revision ID: 0006money
Revises: 0005fold
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa

import tracker.models.types


revision = '0006money'
down_revision = '0005fold'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Snapshots are derived data: emptied here (their disbursed_wan was net of recalls) and
    # rebuilt by `tracker init` or the next `tracker snapshots rebuild`.
    op.execute("DELETE FROM project_snapshots")
    op.execute("DELETE FROM snapshot_state")
    with op.batch_alter_table('project_snapshots', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recalled_wan', tracker.models.types.ExactDecimal(precision=14, scale=2),
                                      nullable=False))
        batch_op.add_column(sa.Column('net_disbursed_wan', tracker.models.types.ExactDecimal(precision=14, scale=2),
                                      nullable=False))


def downgrade() -> None:
    op.execute("DELETE FROM project_snapshots")
    op.execute("DELETE FROM snapshot_state")
    with op.batch_alter_table('project_snapshots', schema=None) as batch_op:
        batch_op.drop_column('net_disbursed_wan')
        batch_op.drop_column('recalled_wan')
