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


def test_migration_0021_mends_the_identity_keys_the_earlier_code_left(
    app, demo_users, act, case_input
):
    """Cases anonymised or corrected before it: the migration, run again from 0020, removes the
    MyKid number and name key of the first and keys the second under its corrected name."""
    from datetime import UTC, datetime

    from flask_migrate import downgrade, upgrade
    from sqlalchemy import update

    from caseflow.domain.cases import Sex
    from caseflow.domain.names import name_key
    from caseflow.models import Case
    from caseflow.services import cases, corrections, retention

    now = datetime(2026, 12, 2, 5, 0, tzinfo=UTC)
    number = "140502021234"
    gone = act("jkm.protector", cases.register_case, case_input(identity_number=number), now)
    kept = act("jkm.protector", cases.register_case, case_input(), now)

    def correct(actor):
        case = db.session.get(Case, kept)
        wanted = corrections.IdentityInput(
            "Nurul Huda", case.child_family_name, Sex.FEMALE, age_estimate=12
        )
        corrections.correct_identity(actor, case, case.version, wanted, "Birth certificate", now)

    act("jkm.protector", correct)
    with app.app_context():
        retention.anonymise_case(db.session.get(Case, gone), now)
        db.session.commit()
        old_key = name_key("Aina", "Contoh")  # what the earlier code left on both
        db.session.execute(
            update(Case).where(Case.id == gone).values(identity_number=number, name_key=old_key)
        )
        db.session.execute(update(Case).where(Case.id == kept).values(name_key=old_key))
        db.session.commit()
        downgrade(revision="0020")
        upgrade()
        db.session.expire_all()
        anonymised, corrected = db.session.get(Case, gone), db.session.get(Case, kept)
        assert (anonymised.identity_number, anonymised.name_key) == (None, "")
        assert corrected.name_key == name_key("Nurul Huda", corrected.child_family_name) != old_key


def test_migration_0022_leaves_three_dimensions_to_the_cases_until_a_rebuild(
    app, demo_users, act, case_input
):
    """Upgraded with cases in it, the database keeps its pairs and has no triples: counts by
    three dimensions are made from the cases until `flask statistics rebuild` has run."""
    from datetime import UTC, date, datetime

    from flask_migrate import downgrade, upgrade
    from sqlalchemy import func, select

    from caseflow.domain.statistics import Dimension
    from caseflow.models import StatisticsCount
    from caseflow.services import cases, statistics

    now = datetime(2026, 12, 2, 5, 0, tzinfo=UTC)
    act("jkm.protector", cases.register_case, case_input(), now)
    triple = [Dimension.STATE, Dimension.SEX, Dimension.ABUSE_FORM]
    period = date(2026, 1, 1), date(2026, 12, 31)
    with app.app_context():
        truth = statistics.table(triple, *period, threshold=0).counts
        pairs = select(func.count()).select_from(StatisticsCount)
        pairs = pairs.where(StatisticsCount.dimension_b != "", StatisticsCount.dimension_c == "")
        kept_pairs = db.session.scalar(pairs)
        db.session.commit()
        downgrade(revision="0021")
        upgrade()
        assert statistics.kept_depth() == 2
        assert db.session.scalar(pairs) == kept_pairs > 0
        assert statistics.table(triple, *period, threshold=0).counts == truth
        statistics.rebuild()
        assert statistics.kept_depth() == 3
        assert statistics.table(triple, *period, threshold=0).counts == truth
