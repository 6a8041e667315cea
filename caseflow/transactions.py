"""A request that only read ends its transaction with COMMIT, not ROLLBACK.

psycopg forgets every statement it has prepared on a connection whenever that connection
rolls back (a rollback could have undone a PREPARE), and Flask-SQLAlchemy ends each request
by closing its session, which rolls back. A page that wrote nothing therefore sent a
`DEALLOCATE ALL` after itself and never kept a prepared statement, so PostgreSQL planned its
statements anew on every request: 2 to 3 ms each for the navigation's counts and the case
load at a million cases. Committing a transaction that wrote nothing changes no data.

What counts as written is decided from the SQL sent, not from the session: anything but a
SELECT (an INSERT through Core, a SET LOCAL) keeps the rollback, as do objects changed in
memory and not yet flushed, and a request that ended in an exception.
"""

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from caseflow.extensions import db

WROTE = "caseflow_wrote"


def init_app(app: Flask) -> None:
    app.teardown_request(_commit_what_only_read)


@event.listens_for(Engine, "begin")
def _began(conn) -> None:
    conn.info[WROTE] = False


@event.listens_for(Engine, "before_cursor_execute")
def _note_writes(conn, _cursor, statement: str, *_args) -> None:
    if not conn.info.get(WROTE) and statement.lstrip()[:6].upper() != "SELECT":
        conn.info[WROTE] = True


def _commit_what_only_read(error: BaseException | None) -> None:
    session = db.session()  # the request's own, not the registry
    if error is not None or not session.in_transaction():
        return
    if session.new or session.dirty or session.deleted:
        return
    if session.connection().info.get(WROTE, True):
        return
    # Nothing is expired: the session is removed next, and a streamed export still reads the
    # rows it loaded (Flask tears the request down before the body is sent, and again after).
    expires, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    except Exception:  # the session's own teardown rolls back, as it did before
        session.rollback()
    finally:  # the same session serves on where the application context outlives the request
        session.expire_on_commit = expires
