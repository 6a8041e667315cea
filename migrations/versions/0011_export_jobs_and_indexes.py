"""export jobs; indexes for court ageing, live clocks and caseload counts

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 09:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('export_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('format', sa.String(length=4), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('header', sa.JSON(), nullable=False),
    sa.Column('locale', sa.String(length=10), nullable=False),
    sa.Column('address', sa.String(length=45), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=120), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('downloaded_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_export_jobs_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_export_jobs'))
    )
    with op.batch_alter_table('export_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_export_jobs_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_export_jobs_user_created', ['user_id', 'created_at'], unique=False)

    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.create_index('ix_case_events_type_case', ['type', 'case_id'], unique=False)

    live = sa.text("status IN ('running', 'due_soon', 'breached')")
    with op.batch_alter_table('clocks', schema=None) as batch_op:
        batch_op.create_index('ix_clocks_live', ['case_id', 'status', 'due_soon_at', 'due_at', 'paused_at'], unique=False, postgresql_where=live, sqlite_where=live)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_owner_status_officer', ['owner_facility_id', 'status', 'owner_officer_id', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_owner_status_officer')

    with op.batch_alter_table('clocks', schema=None) as batch_op:
        batch_op.drop_index('ix_clocks_live')

    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_index('ix_case_events_type_case')

    with op.batch_alter_table('export_jobs', schema=None) as batch_op:
        batch_op.drop_index('ix_export_jobs_user_created')
        batch_op.drop_index(batch_op.f('ix_export_jobs_created_at'))

    op.drop_table('export_jobs')
