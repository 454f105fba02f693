"""indexes for the bureau's read paths at 100,000 projects

Revision ID: 0011idx
Revises: 0010eval
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa


revision = '0011idx'
down_revision = '0010eval'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The review queue's first page and count: claims awaiting review, oldest first, without
    # reading the verified and rejected records (most of them). Partial, so that no query
    # filtering on other statuses is drawn to it.
    awaiting = sa.text("status = 'claimed'")
    with op.batch_alter_table('achievements', schema=None) as batch_op:
        batch_op.create_index('ix_achievements_awaiting_review', ['claimed_at', 'id', 'project_id'], unique=False,
                              sqlite_where=awaiting, postgresql_where=awaiting)


def downgrade() -> None:
    with op.batch_alter_table('achievements', schema=None) as batch_op:
        batch_op.drop_index('ix_achievements_awaiting_review')
