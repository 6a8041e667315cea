"""identity corrections on the timeline, anonymised cases

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 10:20:00

"""
from alembic import op
import sqlalchemy as sa

# A correction of the child's identity is a timeline event (PDPA s.34).
OLD_EVENT_TYPES = "type IN ('case_registered', 'referral_sent', 'referral_acknowledged', 'referral_accepted', 'referral_declined', 'officer_assigned', 'school_report_sent', 'school_follow_up', 'school_full_report', 'protector_notified', 'medical_assessment', 'initial_assessment', 'police_report_lodged', 'child_interview', 'charge_registered', 'hearing', 'case_disposed', 'case_closed', 'follow_up_done', 'child_taken_into_custody', 'child_admitted_to_refuge', 'child_before_protector', 'protector_took_child', 'child_before_court', 'interim_order_made', 'protector_report_filed', 'papers_to_prosecutor', 'clock_paused', 'clock_resumed', 'note', 'pack_issued')"
# 0009 added the link and merge events; this adds the correction after them.
OLD_EVENT_TYPES = OLD_EVENT_TYPES[:-1] + ", 'case_linked', 'case_merged', 'merge_undone')"
NEW_EVENT_TYPES = OLD_EVENT_TYPES[:-1] + ", 'identity_corrected')"


def _event_types(sqltext):
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_case_events_event_type'), type_='check')
        batch_op.create_check_constraint('event_type', sa.text(sqltext))


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    _event_types(NEW_EVENT_TYPES)
    op.add_column('cases', sa.Column('anonymised_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('anonymised_at')
    op.execute("DELETE FROM case_events WHERE type = 'identity_corrected'")
    _event_types(OLD_EVENT_TYPES)
