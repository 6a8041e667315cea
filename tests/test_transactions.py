"""A request that only read ends with COMMIT (psycopg then keeps the statements it prepared);
one that wrote anything and did not commit it, or failed, still ends with a rollback, and
nothing it did is kept."""

from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, insert, select, text

from caseflow.extensions import db
from caseflow.models import AuditRecord, Facility

CHANGED_PHONE = "+60 3-0000 0000"
NOW = datetime(2026, 12, 2, 4, 0, tzinfo=UTC)


@contextmanager
def transaction_ends(app):
    """Each request below pushes its own application context, as a real one does: its session
    is removed after it, so nothing carries over from one to the next."""
    with app.app_context():
        engine = db.engine
    ends: list[str] = []

    def commit(_conn):
        ends.append("commit")

    def rollback(_conn):
        ends.append("rollback")

    event.listen(engine, "commit", commit)
    event.listen(engine, "rollback", rollback)
    try:
        yield ends
    finally:
        event.remove(engine, "commit", commit)
        event.remove(engine, "rollback", rollback)


def a_facility(app) -> tuple[int, str | None]:
    with app.app_context():
        facility = db.session.scalars(select(Facility).order_by(Facility.id)).first()
        return facility.id, facility.phone


def phone_of(app, facility_id: int) -> str | None:
    with app.app_context():
        return db.session.get(Facility, facility_id).phone


def test_a_request_that_only_read_ends_with_a_commit(app):
    facility_id, _ = a_facility(app)
    with transaction_ends(app) as ends, app.test_request_context("/"):
        db.session.get(Facility, facility_id)
    assert ends == ["commit"]


def test_the_read_only_commit_keeps_the_connections_statements_on_postgresql(app):
    """What the commit is for: psycopg forgets what it prepared on every rollback, and it
    prepares a statement on its fifth run on a connection."""
    facility_id, _ = a_facility(app)
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("psycopg prepares statements on PostgreSQL only: the PostgreSQL leg")
    for _ in range(30):  # enough for each connection of the pool to reach five
        with app.test_request_context("/"):
            db.session.get(Facility, facility_id)
            prepared = db.session.scalar(text("SELECT count(*) FROM pg_prepared_statements"))
    assert prepared > 0


@pytest.mark.parametrize(
    "how",
    ["changed in memory", "flushed", "inserted through Core", "the request failed"],
)
def test_a_request_that_wrote_without_committing_keeps_nothing(app, how):
    facility_id, phone = a_facility(app)
    records_before = count_audit_records(app)
    with transaction_ends(app) as ends:
        context = app.test_request_context("/")
        context.push()
        error = None
        facility = db.session.get(Facility, facility_id)
        if how == "inserted through Core":
            db.session.execute(insert(AuditRecord).values(at=NOW, action="test", detail={}))
        else:
            facility.phone = CHANGED_PHONE
            if how == "flushed":
                db.session.flush()
            if how == "the request failed":
                db.session.flush()
                error = RuntimeError("the view failed")
        context.pop(error)
    assert "commit" not in ends
    assert phone_of(app, facility_id) == phone
    assert count_audit_records(app) == records_before


def count_audit_records(app) -> int:
    with app.app_context():
        return len(db.session.scalars(select(AuditRecord.id)).all())
