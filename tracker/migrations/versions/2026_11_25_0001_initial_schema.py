"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

import tracker.models.types


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('entity', sa.String(length=30), nullable=False),
    sa.Column('entity_key', sa.String(length=80), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_entity_key'), ['entity_key'], unique=False)

    op.create_table('enterprises',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uscc', sa.String(length=18), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('district', sa.String(length=20), nullable=False),
    sa.Column('industry_cluster', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enterprises')),
    sa.UniqueConstraint('uscc', name=op.f('uq_enterprises_uscc'))
    )
    with op.batch_alter_table('enterprises', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enterprises_district'), ['district'], unique=False)

    op.create_table('programmes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programmes')),
    sa.UniqueConstraint('code', name=op.f('uq_programmes_code'))
    )
    op.create_table('applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=30), nullable=False),
    sa.Column('independent_legal_person', sa.Boolean(), nullable=False),
    sa.Column('revenue_1', tracker.models.types.ExactDecimal(precision=14, scale=2), nullable=False),
    sa.Column('revenue_2', tracker.models.types.ExactDecimal(precision=14, scale=2), nullable=False),
    sa.Column('revenue_3', tracker.models.types.ExactDecimal(precision=14, scale=2), nullable=False),
    sa.Column('profit_1', tracker.models.types.ExactDecimal(precision=14, scale=2), nullable=False),
    sa.Column('profit_2', tracker.models.types.ExactDecimal(precision=14, scale=2), nullable=False),
    sa.Column('profit_3', tracker.models.types.ExactDecimal(precision=14, scale=2), nullable=False),
    sa.Column('ip_management_system', sa.Boolean(), nullable=False),
    sa.Column('ip_department', sa.Boolean(), nullable=False),
    sa.Column('ip_staff', sa.Integer(), nullable=False),
    sa.Column('valid_patents', sa.Integer(), nullable=False),
    sa.Column('valid_invention_patents', sa.Integer(), nullable=False),
    sa.Column('pct_national_phase', sa.Integer(), nullable=False),
    sa.Column('enterprise_standard_system', sa.Boolean(), nullable=False),
    sa.Column('standard_coverage_pct', tracker.models.types.ExactDecimal(precision=7, scale=2), nullable=False),
    sa.Column('standardization_body', sa.Boolean(), nullable=False),
    sa.Column('standardization_staff', sa.Integer(), nullable=False),
    sa.Column('standards_5y', sa.Integer(), nullable=False),
    sa.Column('qms_certified', sa.Boolean(), nullable=False),
    sa.Column('registered_trademark', sa.Boolean(), nullable=False),
    sa.Column('serious_dishonesty', sa.Boolean(), nullable=False),
    sa.Column('abnormal_patent_applications', sa.Boolean(), nullable=False),
    sa.Column('honours', sa.JSON(), nullable=False),
    sa.Column('district_decision_on', sa.Date(), nullable=True),
    sa.Column('late_district_recommendation', sa.Boolean(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'], name=op.f('fk_applications_enterprise_id_enterprises')),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_applications_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applications')),
    sa.UniqueConstraint('programme_id', 'enterprise_id', name=op.f('uq_applications_programme_id'))
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_applications_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_programme_id'), ['programme_id'], unique=False)

    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('grant_wan', tracker.models.types.ExactDecimal(precision=14, scale=2), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('extension_reason', sa.Text(), nullable=True),
    sa.Column('state', sa.String(length=30), nullable=False),
    sa.Column('acceptance_requested_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_projects_application_id_applications')),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'], name=op.f('fk_projects_enterprise_id_enterprises')),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_projects_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('code', name=op.f('uq_projects_code'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_end_date'), ['end_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_state'), ['state'], unique=False)

    op.create_table('achievements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=60), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=True),
    sa.Column('source_type', sa.String(length=30), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('value', tracker.models.types.ExactDecimal(precision=14, scale=4), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('text_chars', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=120), nullable=True),
    sa.Column('reference_key', sa.String(length=120), nullable=True),
    sa.Column('evidence', sa.String(length=500), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('claimed_by', sa.String(length=100), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reviewed_by', sa.String(length=100), nullable=True),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('review_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_achievements_project_id_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_achievements'))
    )
    with op.batch_alter_table('achievements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_achievements_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_achievements_reference_key'), ['reference_key'], unique=False)

    op.create_table('fund_movements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('amount_wan', tracker.models.types.ExactDecimal(precision=14, scale=2), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('disbursement', 'recall')", name=op.f('ck_fund_movements_kind')),
    sa.CheckConstraint('amount_wan > 0', name=op.f('ck_fund_movements_positive_amount')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_fund_movements_project_id_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund_movements'))
    )
    with op.batch_alter_table('fund_movements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fund_movements_project_id'), ['project_id'], unique=False)

    op.create_table('project_indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.String(length=60), nullable=False),
    sa.Column('required', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_indicators_project_id_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_indicators')),
    sa.UniqueConstraint('project_id', 'indicator_id', name=op.f('uq_project_indicators_project_id'))
    )
    with op.batch_alter_table('project_indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_indicators_project_id'), ['project_id'], unique=False)


    # The audit trail is append-only, whoever connects: the database itself refuses
    # to change or delete an event.
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events "
                "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
            "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")
    with op.batch_alter_table('project_indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_indicators_project_id'))

    op.drop_table('project_indicators')
    with op.batch_alter_table('fund_movements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fund_movements_project_id'))

    op.drop_table('fund_movements')
    with op.batch_alter_table('achievements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_achievements_reference_key'))
        batch_op.drop_index(batch_op.f('ix_achievements_project_id'))

    op.drop_table('achievements')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_state'))
        batch_op.drop_index(batch_op.f('ix_projects_programme_id'))
        batch_op.drop_index(batch_op.f('ix_projects_enterprise_id'))
        batch_op.drop_index(batch_op.f('ix_projects_end_date'))

    op.drop_table('projects')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_applications_programme_id'))
        batch_op.drop_index(batch_op.f('ix_applications_enterprise_id'))

    op.drop_table('applications')
    op.drop_table('programmes')
    with op.batch_alter_table('enterprises', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enterprises_district'))

    op.drop_table('enterprises')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_entity_key'))

    op.drop_table('audit_events')
