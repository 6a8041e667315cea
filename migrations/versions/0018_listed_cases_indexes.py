"""index the cases still listed (not merged away) by office and by officer, and what the caseload and the dashboard count: the work queue's total, the navigation's due count, "new this week" and the clock outcomes read indexes alone

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 16:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

LISTED = "merged_into_id IS NULL"


def upgrade():
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.create_index(
            "ix_referrals_receiver_decided",
            ["to_facility_id", "status", "decided_at", "case_id"],
            unique=False,
        )
    # "New this week" goes by the report (when the case arrived), not the registration.
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_caseload")
        batch_op.create_index(
            "ix_cases_caseload",
            ["owner_facility_id", "status", "owner_officer_id", "risk_level", "reported_at", "id"],
            unique=False,
        )
    # The dashboard's clock outcomes from the index alone (PostgreSQL; elsewhere as before).
    with op.batch_alter_table("clocks", schema=None) as batch_op:
        batch_op.drop_index("ix_clocks_facility_due")
        batch_op.create_index(
            "ix_clocks_facility_due",
            ["facility_id", "due_at"],
            unique=False,
            postgresql_include=["status", "paused_at", "policy_id", "state_code"],
        )
    where = sa.text(LISTED)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cases_listed_owner_status",
            ["owner_facility_id", "status", "id"],
            unique=False,
            postgresql_where=where,
            sqlite_where=where,
        )
        batch_op.create_index(
            "ix_cases_listed_officer",
            ["owner_officer_id", "id"],
            unique=False,
            postgresql_where=where,
            sqlite_where=where,
        )


def downgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_listed_officer")
        batch_op.drop_index("ix_cases_listed_owner_status")
        batch_op.drop_index("ix_cases_caseload")
        batch_op.create_index(
            "ix_cases_caseload",
            ["owner_facility_id", "status", "owner_officer_id", "risk_level", "registered_at"],
            unique=False,
        )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index("ix_referrals_receiver_decided")
    with op.batch_alter_table("clocks", schema=None) as batch_op:
        batch_op.drop_index("ix_clocks_facility_due")
        batch_op.create_index("ix_clocks_facility_due", ["facility_id", "due_at"], unique=False)
