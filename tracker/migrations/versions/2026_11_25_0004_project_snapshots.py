"""project snapshots

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

import tracker.models.types


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('snapshot_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('audit_version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_snapshot_state'))
    )
    op.create_table('project_snapshots',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=30), nullable=False),
    sa.Column('risk', sa.String(length=10), nullable=False),
    sa.Column('risk_reasons', sa.String(length=200), nullable=False),
    sa.Column('flags', sa.String(length=200), nullable=False),
    sa.Column('pace', sa.Double(), nullable=False),
    sa.Column('elapsed', sa.Double(), nullable=False),
    sa.Column('targets_achieved', sa.Integer(), nullable=False),
    sa.Column('targets_mask', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('effective_deadline', sa.Date(), nullable=False),
    sa.Column('days_left', sa.Integer(), nullable=False),
    sa.Column('disbursed_wan', tracker.models.types.ExactDecimal(precision=14, scale=2), nullable=False),
    sa.Column('funds_at_risk_wan', tracker.models.types.ExactDecimal(precision=14, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_snapshots_project_id_projects')),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_project_snapshots'))
    )
    with op.batch_alter_table('project_snapshots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_snapshots_risk'), ['risk'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('project_snapshots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_snapshots_risk'))

    op.drop_table('project_snapshots')
    op.drop_table('snapshot_state')
