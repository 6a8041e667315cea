"""index the cases a declined referral sent back, per owning facility: the receivers' home and referrals page read an office's 100,000 cases to find the few

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 17:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cases_returned",
            ["owner_facility_id", "updated_at"],
            unique=False,
            postgresql_where=sa.text("returned_to_sender"),
            sqlite_where=sa.text("returned_to_sender = 1"),
        )


def downgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_returned")
