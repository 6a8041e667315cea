"""index the few merged cases: the case page asks which cases were merged into this one

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 13:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0016"
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    merged = sa.text("merged_into_id IS NOT NULL")
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_merged_into', ['merged_into_id'], unique=False, postgresql_where=merged, sqlite_where=merged)


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_merged_into')
