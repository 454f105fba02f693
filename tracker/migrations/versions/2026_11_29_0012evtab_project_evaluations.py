"""the stored evaluations move out of project_snapshots into a table of their own

Revision ID: 0012evtab
Revises: 0011idx
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa


revision = '0012evtab'
down_revision = '0011idx'
branch_labels = None
depends_on = None


def _compact_snapshots() -> None:
    """PostgreSQL drops a column without rewriting the rows: the evaluations would stay in the
    heap that the portfolio views scan until each row is rewritten. CLUSTER on one table
    rewrites it within this transaction (unlike VACUUM FULL); SQLite's batch mode already
    copied the table."""
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('CLUSTER project_snapshots USING pk_project_snapshots')


def upgrade() -> None:
    # Copied, not recomputed: the fingerprint in snapshot_state still describes them.
    op.create_table('project_evaluations',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('evaluation', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_evaluations_project_id_projects')),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_project_evaluations'))
    )
    op.execute("INSERT INTO project_evaluations (project_id, evaluation) "
               "SELECT project_id, evaluation FROM project_snapshots WHERE evaluation IS NOT NULL")
    with op.batch_alter_table('project_snapshots', schema=None) as batch_op:
        batch_op.drop_column('evaluation')
    _compact_snapshots()


def downgrade() -> None:
    with op.batch_alter_table('project_snapshots', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evaluation', sa.Text(), nullable=True))
    op.execute("UPDATE project_snapshots SET evaluation = (SELECT e.evaluation FROM project_evaluations e "
               "WHERE e.project_id = project_snapshots.project_id)")
    op.drop_table('project_evaluations')
