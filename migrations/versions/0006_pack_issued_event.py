"""pack issued event

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 23:20:00

"""
from alembic import op
import sqlalchemy as sa

# An information pack given to a child or caregiver is a timeline event.
OLD_EVENT_TYPES = "type IN ('case_registered', 'referral_sent', 'referral_acknowledged', 'referral_accepted', 'referral_declined', 'officer_assigned', 'school_report_sent', 'school_follow_up', 'school_full_report', 'protector_notified', 'medical_assessment', 'initial_assessment', 'police_report_lodged', 'child_interview', 'charge_registered', 'hearing', 'case_disposed', 'case_closed', 'follow_up_done', 'child_taken_into_custody', 'child_admitted_to_refuge', 'child_before_protector', 'protector_took_child', 'child_before_court', 'interim_order_made', 'protector_report_filed', 'papers_to_prosecutor', 'clock_paused', 'clock_resumed', 'note')"
NEW_EVENT_TYPES = "type IN ('case_registered', 'referral_sent', 'referral_acknowledged', 'referral_accepted', 'referral_declined', 'officer_assigned', 'school_report_sent', 'school_follow_up', 'school_full_report', 'protector_notified', 'medical_assessment', 'initial_assessment', 'police_report_lodged', 'child_interview', 'charge_registered', 'hearing', 'case_disposed', 'case_closed', 'follow_up_done', 'child_taken_into_custody', 'child_admitted_to_refuge', 'child_before_protector', 'protector_took_child', 'child_before_court', 'interim_order_made', 'protector_report_filed', 'papers_to_prosecutor', 'clock_paused', 'clock_resumed', 'note', 'pack_issued')"


def _event_types(sqltext):
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_case_events_event_type'), type_='check')
        batch_op.create_check_constraint('event_type', sa.text(sqltext))


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    _event_types(NEW_EVENT_TYPES)


def downgrade():
    op.execute("DELETE FROM case_events WHERE type = 'pack_issued'")
    _event_types(OLD_EVENT_TYPES)
