"""clock basis, Penal Code sections, helpline role, corrected facility names

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 09:40:00

Each clock policy now says whether its time comes from a statute or a service standard, the
Act's own words for the time, and which days it skips (issue 16). Cases may cite Penal Code
sections. A helpline operator is a role. The old court-disposal policies (one target for
every court) and the s.39A policy (any interim order) are retired: their replacements are
seeded by `seed_policies` under new keys, so clocks already running keep their version.
"""
from alembic import op
import sqlalchemy as sa

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

OLD_ROLES = "role IN ('clinic_staff', 'oscc_staff', 'school_counsellor', 'protector', 'police_officer', 'supervisor', 'analyst', 'administrator')"
NEW_ROLES = "role IN ('clinic_staff', 'oscc_staff', 'school_counsellor', 'protector', 'police_officer', 'supervisor', 'analyst', 'administrator', 'helpline')"
RETIRED = ('court_disposal', 'special_court_disposal', 'interim_order_report')
STATUTE = ('temporary_custody', 'before_court', 'refuge')
RENAMES = (('Pendamping Sah', 'Pendamping Guaman'), ('IPD Kinta', 'IPD Ipoh'))


def _roles(sqltext):
    for table in ('users', 'caseload_standards'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f'ck_{table}_role'), type_='check')
            batch_op.create_check_constraint('role', sa.text(sqltext))


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('penal_code_sections', sa.JSON(), nullable=True))
    op.execute("UPDATE cases SET penal_code_sections = '[]'")
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.alter_column('penal_code_sections', existing_type=sa.JSON(), nullable=False)

    with op.batch_alter_table('clock_policies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('basis', sa.String(length=20), nullable=False,
                                      server_default='service_standard'))
        batch_op.add_column(sa.Column('law_words', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('weekly_holidays', sa.String(length=20), nullable=False,
                                      server_default='office_week'))
    keys = ', '.join(f"'{k}'" for k in STATUTE)
    op.execute(f"UPDATE clock_policies SET basis = 'statute' WHERE key IN ({keys})")
    retired = ', '.join(f"'{k}'" for k in RETIRED)
    op.execute(f"UPDATE clock_policies SET current = false WHERE key IN ({retired})")
    for old, new in RENAMES:
        op.execute(f"UPDATE facilities SET name = replace(name, '{old}', '{new}')")
    _roles(NEW_ROLES)


def downgrade():
    op.execute("DELETE FROM caseload_standards WHERE role = 'helpline'")
    op.execute("UPDATE users SET role = 'supervisor' WHERE role = 'helpline'")
    _roles(OLD_ROLES)
    for old, new in RENAMES:
        op.execute(f"UPDATE facilities SET name = replace(name, '{new}', '{old}')")
    retired = ', '.join(f"'{k}'" for k in RETIRED)
    op.execute(f"UPDATE clock_policies SET current = true WHERE key IN ({retired})")
    with op.batch_alter_table('clock_policies', schema=None) as batch_op:
        batch_op.drop_column('weekly_holidays')
        batch_op.drop_column('law_words')
        batch_op.drop_column('basis')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('penal_code_sections')
