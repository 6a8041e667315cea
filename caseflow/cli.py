"""Command-line steps: `flask directory load`, `flask seed-demo`, `flask create-user`,
`flask retention run`, `flask serve` (dev server and queue consumer together),
`flask jobs consume`, `flask ops check` (caseflow/ops/cli.py)."""

import click
from flask import Flask
from flask.cli import AppGroup

from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.services import accounts, clock_sweep, clocks, demo, directory, mail
from caseflow.services.accounts import AccountDetails
from caseflow.services.audit import Actor
from caseflow.services.errors import ValidationFailed

directory_cli = AppGroup("directory", help="The reference directory of Malaysia.")


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


@directory_cli.command("load")
def load_directory_command():
    """Add the states, districts and facilities that are missing."""
    added = directory.load_directory(Actor(None, "cli"), _now())
    click.echo(", ".join(f"{count} {kind} added" for kind, count in added.items()))


@click.command("seed-demo")
@click.option(
    "--cases",
    "demo_cases",
    default=30,
    show_default=True,
    help="Synthetic cases for jkm.protector, registered if there are none yet.",
)
def seed_demo_command(demo_cases: int):
    """Load the directory, the synthetic demo accounts and cases, then print the accounts."""
    from flask import current_app

    if current_app.config.get("ENV_NAME") not in ("development", "testing"):
        raise click.ClickException(
            "seed-demo adds accounts with a published password: it refuses to run in production."
        )
    from sqlalchemy import func, select

    from caseflow.models import Case

    directory.load_directory(Actor(None, "seed-demo"), _now())
    clocks.seed_policies(_now())
    demo.seed_demo_users(_now())
    demo.seed_demo_standards(_now())
    if demo_cases and not db.session.scalar(select(func.count()).select_from(Case)):
        demo.seed_demo_cases(demo_cases, _now())
        click.echo(f"{demo_cases} synthetic cases registered for jkm.protector")
    counts = clock_sweep.sweep(_now(), mail=mail.settings_from(current_app.config))
    click.echo(f"Clock sweep: {counts['due_soon']} due soon, {counts['breached']} breached")
    click.echo(f"\nDemo accounts (password for all: {demo.DEMO_PASSWORD}):")
    for username, name, _role, _facility, _sup in demo.DEMO_USERS:
        user = accounts.find_user(username)
        click.echo(f"  {username:<20} {name} - {user.facility.name}")
    click.echo("")


@click.command("create-user")
@click.option("--username", required=True)
@click.option("--name", "display_name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--facility-code", required=True)
@click.password_option()
def create_user_command(username, display_name, role, facility_code, password):
    """Create an account, e.g. the first administrator of a new installation."""
    from sqlalchemy import select

    from caseflow.models import Facility

    facility = db.session.scalar(select(Facility).where(Facility.code == facility_code))
    if facility is None:
        raise click.BadParameter("no facility with that code", param_hint="--facility-code")
    details = AccountDetails(username, display_name, Role(role), facility.id)
    try:
        accounts.create_user(Actor(None, "cli"), details, password, _now())
    except ValidationFailed as error:
        raise click.ClickException(str(error.message)) from error
    click.echo(f"Created {username}.")


clocks_cli = AppGroup("clocks", help="Statutory and service-level clocks.")


@clocks_cli.command("sweep")
def sweep_command():
    """Mark clocks due soon or breached and notify, once per transition. Safe to run often."""
    from flask import current_app

    counts = clock_sweep.sweep(_now(), mail=mail.settings_from(current_app.config))
    click.echo(f"{counts['due_soon']} due soon, {counts['breached']} breached")


@clocks_cli.command("seed-policies")
def seed_policies_command():
    """Add the default clock policies (docs/clocks.md) that are missing."""
    click.echo(f"{clocks.seed_policies(_now())} policies added")


@clocks_cli.command("rebuild-owners")
def rebuild_owners_command():
    """Make every live clock name its case's owner again (after a restore or a hand-made
    change to the cases; the services keep them equal on their own)."""
    click.echo(f"{clocks.rebuild_owners()} clocks changed")


statistics_cli = AppGroup("statistics", help="The analysts' monthly counts.")


@statistics_cli.command("rebuild")
@click.option("--background", is_flag=True, help="Queue it for the workers and return at once.")
def rebuild_statistics_command(background: bool):
    """Recount the monthly statistics from the cases (after an upgrade or a bulk import)."""
    if background:
        from caseflow.jobs import tasks

        tasks.rebuild_statistics()
        click.echo("statistics rebuild queued")
        return
    from caseflow.services import statistics

    click.echo(f"{statistics.rebuild()} monthly counts written")


retention_cli = AppGroup("retention", help="The retention schedule (PDPA s.10).")


@retention_cli.command("run")
@click.option("--dry-run", is_flag=True, help="Count what would be done; change nothing.")
def retention_run_command(dry_run: bool):
    """Anonymise closed cases past their date, delete old sign-ins, expired tokens, old audit."""
    from caseflow.services import retention

    counts = retention.run_retention(_now(), dry_run=dry_run)
    if dry_run:
        click.echo("Dry run: nothing was changed. Records each rule would act on:")
    for rule, count in counts.items():
        click.echo(f"{rule.value}: {count}")


jobs_cli = AppGroup("jobs", help="The background queue (exports, sweep, statistics, retention).")


@jobs_cli.command("consume")
@click.option("--workers", default=2, show_default=True, help="Worker threads.")
def consume_command(workers: int):
    """Run a queue consumer: one per worker machine in production (REDIS_URL shared)."""
    from flask import current_app

    from caseflow.jobs.queue import run_consumer

    run_consumer(current_app._get_current_object(), workers)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
def serve_command(host: str, port: int):
    """The development server with a queue consumer in its own threads: one command."""
    from flask import current_app
    from werkzeug.serving import run_simple

    from caseflow.jobs.queue import start_embedded

    app = current_app._get_current_object()
    consumer = start_embedded(app)
    try:  # run_simple, not app.run, which Flask ignores inside a `flask` command
        run_simple(host, port, app, threaded=True, use_reloader=False)
    finally:
        consumer.stop()


def register(app: Flask) -> None:
    from caseflow.ops.cli import ops_cli

    app.cli.add_command(ops_cli)
    app.cli.add_command(retention_cli)
    app.cli.add_command(statistics_cli)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(serve_command)
    app.cli.add_command(clocks_cli)
    app.cli.add_command(directory_cli)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_user_command)
