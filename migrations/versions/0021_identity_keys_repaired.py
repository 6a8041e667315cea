"""anonymised cases lose their MyKid number and name key; corrected cases are found under the corrected name

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02 05:00:00

Anonymisation left the identity number and the phonetic key of the child's name on the case,
and a correction of the child's name or age left the key and birth year of the old ones. New
cases are right (services/retention.py, services/corrections.py); this mends the ones before.
"""

from datetime import UTC

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    from caseflow.domain.clocks import local_date
    from caseflow.domain.matching import Child
    from caseflow.domain.names import name_key

    bind = op.get_bind()
    cases = sa.table(
        "cases",
        sa.column("id", sa.Integer),
        sa.column("child_given_name", sa.String),
        sa.column("child_family_name", sa.String),
        sa.column("date_of_birth", sa.Date),
        sa.column("age_estimate", sa.Integer),
        sa.column("reported_at", sa.DateTime(timezone=True)),
        sa.column("identity_number", sa.String),
        sa.column("name_key", sa.String),
        sa.column("birth_year", sa.Integer),
        sa.column("anonymised_at", sa.DateTime(timezone=True)),
    )
    events = sa.table("case_events", sa.column("case_id", sa.Integer), sa.column("type", sa.String))
    bind.execute(
        sa.update(cases)
        .where(cases.c.anonymised_at.is_not(None))
        .values(identity_number=None, name_key="")
    )
    corrected = sa.select(events.c.case_id).where(events.c.type == "identity_corrected")
    rows = bind.execute(
        sa.select(
            cases.c.id,
            cases.c.child_given_name,
            cases.c.child_family_name,
            cases.c.date_of_birth,
            cases.c.age_estimate,
            cases.c.reported_at,
        ).where(cases.c.id.in_(corrected), cases.c.anonymised_at.is_(None))
    ).all()
    for id_, given, family, born, age, reported in rows:
        if reported.tzinfo is None:  # SQLite gives the stored UTC instant without its zone
            reported = reported.replace(tzinfo=UTC)
        on = local_date(reported)
        year = Child(given, family or "", born, age, on).birth_year
        bind.execute(
            sa.update(cases)
            .where(cases.c.id == id_)
            .values(name_key=name_key(given, family or ""), birth_year=year)
        )


def downgrade():
    pass  # a repair: the removed numbers and the old keys are not put back
