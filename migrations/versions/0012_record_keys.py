"""record keys on cases and key sums on the monthly statistics (cell-key perturbation)

Revision ID: 0012
Revises: 0007
Create Date: 2026-12-01 10:20:00

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0007'
branch_labels = None
depends_on = None

KEY_RANGE = 256  # caseflow.domain.cellkey.KEY_RANGE, fixed here as it was at this revision


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('record_key', sa.SmallInteger(), nullable=True))
    _backfill_record_keys()
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.alter_column('record_key', existing_type=sa.SmallInteger(), nullable=False)

    with op.batch_alter_table('statistics_counts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key_sum', sa.Integer(), server_default='0', nullable=False))
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
    with op.batch_alter_table('statistics_counts', schema=None) as batch_op:
        batch_op.drop_column('key_sum')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('record_key')
