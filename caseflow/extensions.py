"""The Flask extensions, created unbound so that every module can import them."""

from flask_babel import Babel
from flask_caching import Cache
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import event
from sqlalchemy.engine import Engine

from caseflow.models.base import Base, render_migration_type

db = SQLAlchemy(model_class=Base)


@event.listens_for(Engine, "connect")
def _sqlite_enforces_foreign_keys(connection, _record) -> None:
    """SQLite ignores foreign keys unless asked: ask, so it refuses what PostgreSQL refuses."""
    if type(connection).__module__.startswith("sqlite3"):
        cursor = connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()


def dialect_name() -> str:
    """The database the session speaks to ('postgresql', 'sqlite'): statements built once per
    dialect, and the few written differently for each, ask here."""
    return db.session.get_bind().dialect.name


def column_rows(statement, parameters=None):
    """The rows of a statement that selects columns, not mapped objects, sent on the session's
    connection and transaction: past the ORM's loading, 0.1 to 0.3 ms of each statement (the
    dashboard sends seven, every page one). A session holding changes not yet flushed goes
    the ORM's way, which flushes them first, so that the rows include them."""
    session = db.session()
    if session.new or session.dirty or session.deleted:
        return session.execute(statement, parameters)
    return session.connection().execute(statement, parameters)


migrate = Migrate(compare_type=True, render_as_batch=True, render_item=render_migration_type)
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
#: What pages read of the administrators' settings (the directory, the duplicate thresholds,
#: the calendars, the caseload standards): Redis, shared by every app server, where REDIS_URL
#: is set; else this process's memory.
cache = Cache()
