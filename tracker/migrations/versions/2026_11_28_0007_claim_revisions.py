"""claim revisions: an edit version on achievements and the claim forms' idempotency keys

Enterprises may now edit, withdraw and resubmit their claims (status `returned` and
`withdrawn` join claimed/verified/rejected; the column is free text, so no data changes).
`version` lets a form refuse an edit that lost a race; `claim_keys` holds the key each
claim form sent, unique per enterprise, so a second identical submission is refused.

Revision ID: 0007claims
Revises: 0006money
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa

revision = '0007claims'
down_revision = '0006money'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('achievements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    op.create_table(
        'claim_keys',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('enterprise_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('achievement_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['achievement_id'], ['achievements.id'],
                                name=op.f('fk_claim_keys_achievement_id_achievements')),
        sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'],
                                name=op.f('fk_claim_keys_enterprise_id_enterprises')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_keys')),
        sa.UniqueConstraint('enterprise_id', 'key', name=op.f('uq_claim_keys_enterprise_id'))
    )


def downgrade() -> None:
    op.drop_table('claim_keys')
    with op.batch_alter_table('achievements', schema=None) as batch_op:
        batch_op.drop_column('version')
