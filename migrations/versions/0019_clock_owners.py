"""clocks name who holds their case (facility and officer), so the dashboard and the navigation count an office's or an officer's live clocks from one index

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 16:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

LIVE = "status IN ('running', 'due_soon', 'breached')"


OWNERS = (
    ("owner_facility_id", "facilities", "fk_clocks_owner_facility_id_facilities"),
    ("owner_officer_id", "users", "fk_clocks_owner_officer_id_users"),
)


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for column, table, key in OWNERS:
        if sqlite:  # no ALTER for constraints: declared inline
            op.add_column(
                "clocks",
                sa.Column(column, sa.Integer(), sa.ForeignKey(f"{table}.id", name=op.f(key))),
                inline_references=True,
            )
        else:
            op.add_column("clocks", sa.Column(column, sa.Integer(), nullable=True))
            op.create_foreign_key(op.f(key), "clocks", table, [column], ["id"])
    # Every clock takes its case's owner now; the services keep the live ones equal after.
    op.execute(
        "UPDATE clocks SET "
        "owner_facility_id = (SELECT cases.owner_facility_id FROM cases WHERE cases.id = clocks.case_id), "
        "owner_officer_id = (SELECT cases.owner_officer_id FROM cases WHERE cases.id = clocks.case_id)"
    )
    where = sa.text(LIVE)
    with op.batch_alter_table("clocks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_clocks_live_owner",
            [
                "owner_facility_id",
                "owner_officer_id",
                "due_soon_at",
                "due_at",
                "paused_at",
                "case_id",
                "status",
            ],
            unique=False,
            postgresql_where=where,
            sqlite_where=where,
        )
        batch_op.create_index(
            "ix_clocks_live_officer",
            ["owner_officer_id", "due_soon_at", "due_at", "paused_at", "case_id", "status"],
            unique=False,
            postgresql_where=where,
            sqlite_where=where,
        )


def downgrade():
    with op.batch_alter_table("clocks", schema=None) as batch_op:
        batch_op.drop_index("ix_clocks_live_officer")
        batch_op.drop_index("ix_clocks_live_owner")
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("clocks", schema=None) as batch_op:
            for column, _, _ in OWNERS:
                batch_op.drop_column(column)
    else:
        for column, _, key in OWNERS:
            op.drop_constraint(op.f(key), "clocks", type_="foreignkey")
            op.drop_column("clocks", column)
