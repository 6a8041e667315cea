"""`flask ops check`: is this database a whole Caseflow database at this code's schema?

Run after a restore (docs/operations.md): it prints the schema revision and the row counts an
operator compares with the source, and fails if the schema is behind or nobody could sign in.
It prints counts and one case reference only: no child's name.
"""

from pathlib import Path

import click
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask.cli import AppGroup
from sqlalchemy import func, select

from caseflow.extensions import db
from caseflow.models import AuditRecord, Case, CaseEvent, Clock, Facility, Referral, User
from caseflow.services import clocks

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
COUNTED = {
    "users": User,
    "facilities": Facility,
    "cases": Case,
    "events": CaseEvent,
    "referrals": Referral,
    "clocks": Clock,
    "audit records": AuditRecord,
}

ops_cli = AppGroup("ops", help="Operator's checks.")


def schema_revisions() -> tuple[str | None, str | None]:
    with db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current, ScriptDirectory(str(MIGRATIONS)).get_current_head()


@ops_cli.command("check")
def check_command():
    """Schema revision against the code's, row counts, the newest case's reference, and
    whether every live clock names its case's holder (the dashboard counts by it)."""
    current, head = schema_revisions()
    click.echo(f"schema: {current} (code: {head})")
    for label, model in COUNTED.items():
        click.echo(f"{label}: {db.session.scalar(select(func.count()).select_from(model))}")
    newest = db.session.scalar(select(Case.reference).order_by(Case.id.desc()).limit(1))
    click.echo(f"newest case: {newest or '-'}")
    if current != head:
        raise click.ClickException("the schema is not at the code's revision: run flask db upgrade")
    astray = clocks.owners_out_of_step()
    click.echo(f"live clocks naming another holder than their case's: {astray}")
    if astray:
        raise click.ClickException(
            "the dashboard's clock counts would be wrong: run flask clocks rebuild-owners"
        )
    if not db.session.scalar(select(func.count()).select_from(User).where(User.active)):
        raise click.ClickException("no active user: nobody could sign in")
