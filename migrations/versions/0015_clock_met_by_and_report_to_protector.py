"""clocks record the step that met them; the report to a protector is met when JKM has the case

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 13:20:00

`clocks.met_by_event_id` names the timeline event that met a clock. The default policy
"Report to a protector" (key `mandatory_report`) gets a new version, as an administrator's
revision would: it is also met when a JKM office acknowledges or accepts a referral of the
case, or a protector registers it, and it warns with a quarter of its 24 hours left (6 hours)
instead of after the first hour. Clocks already running keep the version they started under
(SPEC.md, "Clocks"); a policy an administrator already revised is left as they set it.
"""

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = '0014'
branch_labels = None
depends_on = None

OLD_STOPS = ["protector_notified"]
NEW_STOPS = [
    "protector_notified",
    "referral_acknowledged@jkm",
    "referral_accepted@jkm",
    "case_registered@jkm",
]
NEW_SOURCE_TAIL = (
    ". Met when a protector's office has the case: it acknowledges or accepts a referral of "
    "it, or a protector registers it"
)

policies = sa.table(
    "clock_policies",
    sa.column("id", sa.Integer),
    sa.column("key", sa.String),
    sa.column("version", sa.Integer),
    sa.column("current", sa.Boolean),
    sa.column("name", sa.String),
    sa.column("start_event", sa.String),
    sa.column("stop_events", sa.JSON),
    sa.column("target_amount", sa.Integer),
    sa.column("target_unit", sa.String),
    sa.column("calendar_of", sa.String),
    sa.column("conditions", sa.JSON),
    sa.column("due_soon_share", sa.Float),
    sa.column("pausable", sa.Boolean),
    sa.column("per_referral", sa.Boolean),
    sa.column("series", sa.String),
    sa.column("source", sa.Text),
    sa.column("basis", sa.String),
    sa.column("law_words", sa.Text),
    sa.column("weekly_holidays", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("created_by_id", sa.Integer),
)


def upgrade():
    column = sa.Column(
        "met_by_event_id",
        sa.Integer(),
        sa.ForeignKey("case_events.id", name=op.f("fk_clocks_met_by_event_id_case_events")),
        nullable=True,
    )
    if op.get_bind().dialect.name == "sqlite":  # no ALTER for constraints: declared inline
        op.add_column("clocks", column, inline_references=True)
    else:
        op.add_column("clocks", sa.Column("met_by_event_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_clocks_met_by_event_id_case_events"),
            "clocks",
            "case_events",
            ["met_by_event_id"],
            ["id"],
        )
    _revise_report_to_protector()


def _stops(value) -> list:
    return json.loads(value) if isinstance(value, str) else list(value or [])


def _revise_report_to_protector():
    """A new current version of the default policy, if it is still the default."""
    conn = op.get_bind()
    current = conn.execute(
        sa.select(policies).where(policies.c.key == "mandatory_report", policies.c.current)
    ).mappings().first()
    if current is None or _stops(current["stop_events"]) != OLD_STOPS:
        return
    revised = dict(current)
    revised.pop("id")
    revised.update(
        version=current["version"] + 1,
        stop_events=NEW_STOPS,
        due_soon_share=0.25,
        source=current["source"].rstrip(".") + NEW_SOURCE_TAIL,
        created_at=datetime.now(UTC),
        created_by_id=None,
    )
    conn.execute(policies.update().where(policies.c.id == current["id"]).values(current=False))
    conn.execute(policies.insert().values(**revised))


def downgrade():
    conn = op.get_bind()
    revised = conn.execute(
        sa.select(policies).where(policies.c.key == "mandatory_report", policies.c.current)
    ).mappings().first()
    if revised is not None and _stops(revised["stop_events"]) == NEW_STOPS:
        used = conn.execute(
            sa.text("SELECT count(*) FROM clocks WHERE policy_id = :id"), {"id": revised["id"]}
        ).scalar()
        if not used:
            conn.execute(policies.delete().where(policies.c.id == revised["id"]))
            conn.execute(
                policies.update()
                .where(
                    policies.c.key == "mandatory_report",
                    policies.c.version == revised["version"] - 1,
                )
                .values(current=True)
            )
    if conn.dialect.name == "sqlite":
        with op.batch_alter_table("clocks", schema=None) as batch_op:
            batch_op.drop_column("met_by_event_id")
    else:
        op.drop_constraint(
            op.f("fk_clocks_met_by_event_id_case_events"), "clocks", type_="foreignkey"
        )
        op.drop_column("clocks", "met_by_event_id")
