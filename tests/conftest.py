"""Fixtures: the app on a migrated database, a cleaned database per test, sign-in by real POST.

The test database is SQLite in a temporary folder unless TEST_DATABASE_URL names another
(the CI's PostgreSQL leg). Tests build their data through the same services the app uses.
"""

import os
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, func, select, text, update

from caseflow import create_app
from caseflow.domain.roles import Role
from caseflow.extensions import cache, db
from caseflow.jobs import queue
from caseflow.jobs.queue import huey
from caseflow.models import Clock, ClockPolicy, Facility, Notification, StatisticsBuild
from caseflow.services import accounts, clocks, demo, directory
from caseflow.services.accounts import AccountDetails
from caseflow.services.audit import Actor
from config import TestingConfig, normalise_database_url
from tests.support import PASSWORD, facility_id, post_form, synthetic_child

# The app refuses the development secret key unless told it runs for development or tests.
os.environ.setdefault("CASEFLOW_ENV", "testing")

REFERENCE_TABLES = {"states", "districts", "facilities", "clock_policies"}
# Jobs run at once, in the request that queues them; tests of the queue itself turn this off.
huey.immediate = True


def database_url_for_tests(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return normalise_database_url(url)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


def reset_schema() -> None:
    """Start from an empty database so that the migrations, not create_all, build it."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    else:
        db.metadata.drop_all(db.engine)
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    from flask_migrate import upgrade

    app = create_app(
        TestingConfig, SQLALCHEMY_DATABASE_URI=database_url_for_tests(tmp_path_factory)
    )
    queue.bind(app)  # tasks run against the test database, whoever calls them
    with app.app_context():
        reset_schema()
        upgrade()
        directory.load_directory(Actor(None, "tests"), datetime.now(UTC))
        clocks.seed_policies(datetime.now(UTC))
        app.config["BASELINE_FACILITY_ID"] = db.session.scalar(select(func.max(Facility.id)))
        app.config["BASELINE_POLICY_ID"] = db.session.scalar(select(func.max(ClockPolicy.id)))
        db.session.remove()
    return app


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "module_data: the module builds its data once (module-scoped fixtures); the database is"
        " cleaned after the module, not after each test, so its tests must leave it usable",
    )


@pytest.fixture(autouse=True)
def _clean_database(request):
    """After each test, remove everything but the reference directory it started with."""
    yield
    if "app" not in request.fixturenames or request.node.get_closest_marker("module_data"):
        return
    wipe_database(request.getfixturevalue("app"))


@pytest.fixture(scope="module", autouse=True)
def _clean_database_after_module(request):
    """A `module_data` module's data lives through its tests and goes when the module ends."""
    yield
    if request.node.get_closest_marker("module_data"):
        wipe_database(request.getfixturevalue("app"))


def wipe_database(app) -> None:
    with app.app_context():
        db.session.rollback()
        # notifications point at clocks, clocks at policies, revised policies at users
        db.session.execute(delete(Notification))
        db.session.execute(delete(Clock))
        # an administrator's revision in one test must not be in force in the next
        policies = app.config["BASELINE_POLICY_ID"]
        db.session.execute(delete(ClockPolicy).where(ClockPolicy.id > policies))
        db.session.execute(update(ClockPolicy).values(current=True))
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in REFERENCE_TABLES:
                db.session.execute(delete(table))
        baseline = app.config["BASELINE_FACILITY_ID"]
        db.session.execute(delete(Facility).where(Facility.id > baseline))
        # An empty database's monthly counts are complete, triples too, as after a migration:
        # restored here whatever a test did to the flag (a migration test drops it).
        db.session.add(StatisticsBuild(depth=3, built_at=datetime.now(UTC)))
        db.session.commit()
        db.session.remove()
        cache.clear()  # what the pages kept of the settings and the directory just removed


@pytest.fixture
def ctx(app):
    """An application context for tests that call services directly (not for client tests)."""
    with app.app_context():
        yield
        db.session.rollback()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(app):
    """Create an account through the accounts service; returns its username."""

    def make(role: Role, facility_code: str, username: str | None = None, **extra) -> str:
        with app.app_context():
            name = username or f"{role.value}.{accounts_count() + 1}"
            supervised = tuple(facility_id(c) for c in extra.pop("supervises", ()))
            details = AccountDetails(
                username=name,
                display_name=f"Test {role.value.replace('_', ' ')}",
                role=role,
                facility_id=facility_id(facility_code),
                supervised_facility_ids=supervised,
                **extra,
            )
            accounts.create_user(Actor(None, "tests"), details, PASSWORD, datetime.now(UTC))
            db.session.remove()
            return name

    return make


def accounts_count() -> int:
    from caseflow.models import User

    return db.session.scalar(select(func.count(User.id)))


@pytest.fixture
def demo_users(app):
    with app.app_context():
        demo.seed_demo_users(datetime.now(UTC))
        db.session.remove()
    return [username for username, *_ in demo.DEMO_USERS]


@pytest.fixture
def login_as(client):
    def login(username: str, password: str = PASSWORD, follow: bool = True):
        return post_form(
            client,
            "/login",
            {"username": username, "password": password},
            follow_redirects=follow,
        )

    return login


def pytest_report_header(config):
    url = os.environ.get("TEST_DATABASE_URL") or "sqlite (temporary file)"
    return f"caseflow test database: {url.split('@')[-1]}"


@pytest.fixture
def case_input():
    """A valid registration for a synthetic child; override any field."""
    from caseflow.domain.cases import AbuseForm, SourceType
    from caseflow.services.cases import CaseInput, ConcernInput

    def build(**overrides) -> CaseInput:
        fields = dict(
            given_name="Aina",
            date_of_birth=datetime(2014, 5, 2).date(),
            age_estimate=None,
            concerns=[ConcernInput(AbuseForm.GROOMING, online=True, platforms=("whatsapp",))],
            caregiver_name="Puan Contoh",
            caregiver_phone="012-000 0000",
        )
        reported = datetime(2026, 3, 19, 1, 0, tzinfo=UTC)
        return synthetic_child(SourceType.CLINIC, reported, **{**fields, **overrides})

    return build


@pytest.fixture
def act(app):
    """Run a service step as a user (by username) inside an app context; returns its result."""

    def run(username: str | None, step, *args, **kwargs):
        with app.app_context():
            user = accounts.find_user(username) if username else None
            result = step(Actor(user, "127.0.0.1"), *args, **kwargs)
            value = getattr(result, "id", result)
            db.session.remove()
            return value

    return run


@pytest.fixture
def as_user(app, demo_users):
    """A fresh signed-in client per demo user."""

    def sign_in(username):
        client = app.test_client()
        post_form(client, "/login", {"username": username, "password": "caseflow-demo"})
        return client

    return sign_in


@pytest.fixture
def api(client, demo_users):
    """Call the API as a demo user: api("clinic.nurse", "post", "/cases", json=...)."""
    tokens = {}

    def call(username, method, path, **kwargs):
        if username not in tokens:
            answer = client.post(
                "/api/v1/tokens", json={"username": username, "password": "caseflow-demo"}
            )
            assert answer.status_code == 201
            tokens[username] = answer.json["token"]
        headers = {"Authorization": f"Bearer {tokens[username]}"}
        return getattr(client, method)(f"/api/v1{path}", headers=headers, **kwargs)

    return call


@pytest.fixture
def consumer(app, tmp_path):
    """A real queue consumer in threads, as `make run` has: on a file queue of its own, or on
    Redis where REDIS_URL names it (the production mode)."""
    from huey import RedisHuey
    from huey.storage import SqliteStorage

    huey.immediate = False
    original = huey.storage
    if not isinstance(huey, RedisHuey):
        huey.storage = SqliteStorage(huey.name, filename=str(tmp_path / "queue.db"))
    huey.flush()
    running = queue.EmbeddedConsumer(huey, workers=1, worker_type="thread", periodic=False)
    running.start()
    yield running
    running.stop(graceful=True)
    huey.storage = original
    huey.immediate = True
