"""closing stage: acceptance reviews, recall cases, amendments, inspections; alerts unique per due date

Alerts are now unique per (project, kind, key, due date), so that a moved deadline raises its
reminders afresh while the old ones stay as history; `due_key` holds the due date as text
("" for none) because NULLs never collide in a unique constraint.

Revision ID: 0008close
Revises: sec1_signin
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa

import tracker.models.types

revision = '0008close'
down_revision = 'sec1_signin'
branch_labels = None
depends_on = None


def _money(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, tracker.models.types.ExactDecimal(14, 2), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        'acceptance_reviews',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('reviewed_on', sa.Date(), nullable=False),
        sa.Column('re_review', sa.Boolean(), nullable=False),
        sa.Column('panel', sa.JSON(), nullable=False),
        sa.Column('findings', sa.JSON(), nullable=False),
        sa.Column('targets_met', sa.Integer(), nullable=False),
        sa.Column('rule_conclusion', sa.String(length=20), nullable=False),
        sa.Column('conclusion', sa.String(length=20), nullable=False),
        sa.Column('rectification_deadline', sa.Date(), nullable=True),
        sa.Column('rectification_effective_deadline', sa.Date(), nullable=True),
        sa.Column('flags', sa.JSON(), nullable=False),
        sa.Column('by', sa.String(length=100), nullable=False),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id'],
                                name=op.f('fk_acceptance_reviews_project_id_projects')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_acceptance_reviews')))
    op.create_index(op.f('ix_acceptance_reviews_project_id'), 'acceptance_reviews', ['project_id'])
    op.create_table(
        'recall_cases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('ground', sa.String(length=30), nullable=False),
        sa.Column('proposed_on', sa.Date(), nullable=False),
        sa.Column('proposed_by', sa.String(length=100), nullable=False),
        sa.Column('proposal_reason', sa.Text(), nullable=True),
        _money('net_disbursed_wan'),
        sa.Column('unmet_targets', sa.Integer(), nullable=True),
        _money('rule_amount_wan'),
        _money('proposed_amount_wan'),
        sa.Column('response_deadline', sa.Date(), nullable=False),
        sa.Column('response_effective_deadline', sa.Date(), nullable=False),
        sa.Column('statement_on', sa.Date(), nullable=True),
        sa.Column('statement_by', sa.String(length=100), nullable=True),
        sa.Column('statement_text', sa.Text(), nullable=True),
        sa.Column('evidence_sha256', sa.String(length=64), nullable=True),
        sa.Column('evidence_type', sa.String(length=10), nullable=True),
        sa.Column('evidence_name', sa.String(length=300), nullable=True),
        sa.Column('evidence_size', sa.Integer(), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('decided_by', sa.String(length=100), nullable=True),
        _money('decided_amount_wan', nullable=True),
        sa.Column('decision_reason', sa.Text(), nullable=True),
        sa.Column('flags', sa.JSON(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id'],
                                name=op.f('fk_recall_cases_project_id_projects')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recall_cases')))
    op.create_index(op.f('ix_recall_cases_project_id'), 'recall_cases', ['project_id'])
    op.create_index('uq_recall_cases_open_per_project', 'recall_cases', ['project_id'], unique=True,
                    sqlite_where=sa.text("state = 'proposed'"),
                    postgresql_where=sa.text("state = 'proposed'"))
    op.create_table(
        'amendments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('on_date', sa.Date(), nullable=False),
        sa.Column('by', sa.String(length=100), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('before', sa.JSON(), nullable=False),
        sa.Column('changes', sa.JSON(), nullable=False),
        sa.Column('flags', sa.JSON(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id'],
                                name=op.f('fk_amendments_project_id_projects')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_amendments')))
    op.create_index(op.f('ix_amendments_project_id'), 'amendments', ['project_id'])
    op.create_table(
        'inspections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('inspected_on', sa.Date(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('panel', sa.JSON(), nullable=False),
        sa.Column('findings', sa.Text(), nullable=False),
        sa.Column('conclusion', sa.String(length=20), nullable=False),
        sa.Column('due', sa.Date(), nullable=True),
        sa.Column('due_effective', sa.Date(), nullable=True),
        sa.Column('by', sa.String(length=100), nullable=False),
        sa.Column('resolved_on', sa.Date(), nullable=True),
        sa.Column('resolved_by', sa.String(length=100), nullable=True),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id'],
                                name=op.f('fk_inspections_project_id_projects')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_inspections')))
    op.create_index(op.f('ix_inspections_project_id'), 'inspections', ['project_id'])

    with op.batch_alter_table('alerts') as batch:
        batch.add_column(sa.Column('due_key', sa.String(length=10), nullable=False, server_default=''))
    alerts = sa.table('alerts', sa.column('id', sa.Integer), sa.column('due', sa.Date),
                      sa.column('due_key', sa.String))
    bind = op.get_bind()
    rows = [{"row_id": r.id, "key": r.due.isoformat()} for r in bind.execute(
        sa.select(alerts.c.id, alerts.c.due).where(alerts.c.due.is_not(None)))]
    if rows:
        bind.execute(alerts.update().where(alerts.c.id == sa.bindparam("row_id"))
                     .values(due_key=sa.bindparam("key")), rows)
    with op.batch_alter_table('alerts') as batch:
        batch.drop_constraint('uq_alerts_project_id', type_='unique')
        batch.create_unique_constraint('uq_alerts_project_id', ['project_id', 'kind', 'key', 'due_key'])


def downgrade() -> None:
    # Back to one alert per (project, kind, key): the latest due date of each stays.
    bind = op.get_bind()
    alerts = sa.table('alerts', sa.column('id', sa.Integer), sa.column('project_id', sa.Integer),
                      sa.column('kind', sa.String), sa.column('key', sa.String))
    keep: dict[tuple[int, str, str], int] = {}
    for r in bind.execute(sa.select(alerts.c.id, alerts.c.project_id, alerts.c.kind, alerts.c.key)
                          .order_by(alerts.c.id)):
        keep[(r.project_id, r.kind, r.key)] = r.id
    drop = [r.id for r in bind.execute(sa.select(alerts.c.id))
            if r.id not in set(keep.values())]
    if drop:
        notifications = sa.table('notifications', sa.column('alert_id', sa.Integer))
        bind.execute(notifications.delete().where(notifications.c.alert_id.in_(drop)))
        bind.execute(alerts.delete().where(alerts.c.id.in_(drop)))
    with op.batch_alter_table('alerts') as batch:
        batch.drop_constraint('uq_alerts_project_id', type_='unique')
        batch.create_unique_constraint('uq_alerts_project_id', ['project_id', 'kind', 'key'])
        batch.drop_column('due_key')
    op.drop_table('inspections')
    op.drop_index('uq_recall_cases_open_per_project', table_name='recall_cases')
    op.drop_table('recall_cases')
    op.drop_table('amendments')
    op.drop_table('acceptance_reviews')
