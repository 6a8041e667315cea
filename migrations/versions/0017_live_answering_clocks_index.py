"""index the referral clocks a facility must still answer: the navigation counts them on every page

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 14:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

LIVE_ANSWERING = "referral_id IS NOT NULL AND status IN ('running', 'due_soon', 'breached')"


def upgrade():
    where = sa.text(LIVE_ANSWERING)
    with op.batch_alter_table("clocks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_clocks_live_answering",
            ["facility_id", "due_soon_at"],
            unique=False,
            postgresql_where=where,
            sqlite_where=where,
        )


def downgrade():
    with op.batch_alter_table("clocks", schema=None) as batch_op:
        batch_op.drop_index("ix_clocks_live_answering")
