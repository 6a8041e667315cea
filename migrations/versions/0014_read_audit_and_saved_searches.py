"""read audit and saved searches: which cases each audit record showed or touched, and
case searches kept on the server so that a child's name never sits in a URL

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 10:10:00

The existing trail is copied in: a record about a case (object_type "case"), a referral
action naming its case_id, and an export naming its case_ids.
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "audited_cases",
        sa.Column("audit_record_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_record_id"],
            ["audit_records.id"],
            name=op.f("fk_audited_cases_audit_record_id_audit_records"),
        ),
        sa.PrimaryKeyConstraint("audit_record_id", "case_id", name=op.f("pk_audited_cases")),
    )
    op.create_index(
        "ix_audited_cases_case", "audited_cases", ["case_id", "audit_record_id"], unique=False
    )
    backfill()
    op.create_table(
        "saved_searches",
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_saved_searches_user_id_users")
        ),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_saved_searches")),
    )
    op.create_index("ix_saved_searches_created_at", "saved_searches", ["created_at"])


def backfill():
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, object_type, object_id, detail FROM audit_records"))
    links = set()
    for record_id, object_type, object_id, detail in rows:
        if isinstance(detail, str):
            detail = json.loads(detail or "{}")
        detail = detail or {}
        ids = set(detail.get("case_ids") or [])
        if object_type == "case" and object_id is not None:
            ids.add(object_id)
        if detail.get("case_id") is not None:
            ids.add(detail["case_id"])
        links.update((record_id, int(case_id)) for case_id in ids)
    if links:
        conn.execute(
            sa.text("INSERT INTO audited_cases (audit_record_id, case_id) VALUES (:a, :c)"),
            [{"a": a, "c": c} for a, c in sorted(links)],
        )


def downgrade():
    op.drop_index("ix_saved_searches_created_at", table_name="saved_searches")
    op.drop_table("saved_searches")
    op.drop_index("ix_audited_cases_case", table_name="audited_cases")
    op.drop_table("audited_cases")
