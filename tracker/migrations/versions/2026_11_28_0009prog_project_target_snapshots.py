"""per-target snapshot rows instead of the targets_mask bit field

Revision ID: 0009prog
Revises: 0008alertack
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa


revision = '0009prog'
down_revision = '0008alertack'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Snapshots are derived data: emptied here and rebuilt from the rules on the next refresh,
    # since the old bit field cannot tell how many targets a project's programme has.
    op.execute("DELETE FROM project_snapshots")
    op.execute("DELETE FROM snapshot_state")
    op.create_table('project_target_snapshots',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.String(length=40), nullable=False),
    sa.Column('achieved', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_target_snapshots_project_id_projects')),
    sa.PrimaryKeyConstraint('project_id', 'target_id', name=op.f('pk_project_target_snapshots'))
    )
    with op.batch_alter_table('project_snapshots', schema=None) as batch_op:
        batch_op.add_column(sa.Column('targets_total', sa.Integer(), nullable=False))
        batch_op.drop_column('targets_mask')


def downgrade() -> None:
    op.execute("DELETE FROM project_snapshots")
    op.execute("DELETE FROM snapshot_state")
    with op.batch_alter_table('project_snapshots', schema=None) as batch_op:
        batch_op.add_column(sa.Column('targets_mask', sa.Integer(), nullable=False))
        batch_op.drop_column('targets_total')
    op.drop_table('project_target_snapshots')
