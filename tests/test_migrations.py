"""Migrations are the truth: an empty database upgraded by Alembic matches the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from caseflow.extensions import db
from caseflow.models.base import render_migration_type


def test_upgraded_database_has_no_pending_autogenerate_diff(ctx):
    # The session's database was emptied and built by `flask db upgrade` in conftest.
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_item": render_migration_type}
        )
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_the_migrations_built_every_table_and_stamped_the_head(ctx):
    tables = set(inspect(db.engine).get_table_names())
    assert {t.name for t in db.metadata.sorted_tables} <= tables
    assert "alembic_version" in tables
