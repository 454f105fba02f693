"""alert acknowledgements: who acknowledged an alert, when, and with what note

An alert stays open until someone acknowledges it on the alerts page; the scan still raises
each (project, kind, key) once, so an acknowledged alert does not come back.

Revision ID: 0008alertack
Revises: 0008close
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa

revision = '0008alertack'
down_revision = '0008close'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acknowledged_by', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('acknowledged_note', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_column('acknowledged_note')
        batch_op.drop_column('acknowledged_at')
        batch_op.drop_column('acknowledged_by')
