"""the stored evaluation on project snapshots, and the read model's fingerprint

Revision ID: 0010eval
Revises: 0009prog
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa


revision = '0010eval'
down_revision = '0009prog'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing snapshots have no evaluation and the state no fingerprint: the read model reads
    # as stale (status computes from the records and says so) until `tracker snapshots rebuild`.
    with op.batch_alter_table('project_snapshots', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evaluation', sa.Text(), nullable=True))
    with op.batch_alter_table('snapshot_state', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fingerprint', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('snapshot_state', schema=None) as batch_op:
        batch_op.drop_column('fingerprint')
    with op.batch_alter_table('project_snapshots', schema=None) as batch_op:
        batch_op.drop_column('evaluation')
