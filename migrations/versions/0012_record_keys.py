"""record keys on cases and key sums on the monthly statistics (cell-key perturbation)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 10:20:00

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

KEY_RANGE = 256  # caseflow.domain.cellkey.KEY_RANGE, fixed here as it was at this revision


def upgrade():
    # Plain ALTER TABLE: SQLite's batch mode would copy `cases`, which other tables reference.
    # The server default only fills existing rows; they get CSPRNG keys just below, and new
    # rows get theirs from the application (PostgreSQL drops the default; SQLite cannot).
    op.add_column('cases', sa.Column('record_key', sa.SmallInteger(), server_default='0',
                                     nullable=False))
    _backfill_record_keys()
    if op.get_bind().dialect.name == 'postgresql':
        op.alter_column('cases', 'record_key', server_default=None)
    op.add_column('statistics_counts', sa.Column('key_sum', sa.Integer(), server_default='0',
                                                 nullable=False))
    # Rows counted before this revision have no key sums, and noise drawn from a key sum of 0
    # is the same in every table: they are dropped, and `flask statistics rebuild` recounts them.
    op.execute('DELETE FROM statistics_counts')


def _backfill_record_keys():
    """Every existing case gets its key from the CSPRNG, as a registration does."""
    cases = sa.table('cases', sa.column('id'), sa.column('record_key'))
    connection = op.get_bind()
    ids = connection.execute(sa.select(cases.c.id)).scalars().all()
    update = cases.update().where(cases.c.id == sa.bindparam('case_id')).values(
        record_key=sa.bindparam('key'))
    for start in range(0, len(ids), 10_000):
        connection.execute(update, [{'case_id': i, 'key': secrets.randbelow(KEY_RANGE)}
                                    for i in ids[start:start + 10_000]])


def downgrade():
    op.drop_column('statistics_counts', 'key_sum')
    op.drop_column('cases', 'record_key')
