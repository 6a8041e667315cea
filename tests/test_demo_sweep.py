"""The demo sweeps its clocks: once when seeded, at once when `make run` starts serving, and
every minute while it serves, so the late demo clocks notify their officers."""

import re
import time
from datetime import UTC, datetime

import pytest
from huey import RedisHuey
from huey.storage import SqliteStorage
from sqlalchemy import func, select

from caseflow.extensions import db
from caseflow.jobs import queue, tasks
from caseflow.jobs.queue import huey
from caseflow.models import Notification
from tests.support import register_overdue_cases


def notifications(app) -> int:
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Notification))
        db.session.remove()
        return count


def test_the_queue_sweeps_every_minute():
    minutes = [datetime(2026, 12, 1, 9, m, tzinfo=UTC) for m in range(60)]
    sweep = tasks.sweep_clocks.task_class()
    assert all(sweep.validate_datetime(m) for m in minutes)


@pytest.fixture
def file_queue(tmp_path):
    """The queue of `make run` on a file of this test's own (or Redis, where REDIS_URL names
    it), not run at once in the caller as elsewhere in the tests."""
    huey.immediate = False
    original = huey.storage
    if not isinstance(huey, RedisHuey):
        huey.storage = SqliteStorage(huey.name, filename=str(tmp_path / "queue.db"))
    huey.flush()
    yield huey
    huey.storage = original
    huey.immediate = True


def test_serving_starts_a_consumer_that_sweeps_at_once(app, demo_users, file_queue):
    register_overdue_cases(app, 2)
    assert notifications(app) == 0
    consumer = queue.start_embedded(app, workers=1)
    try:
        deadline = time.monotonic() + 30
        while notifications(app) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        consumer.stop(graceful=True)
    assert notifications(app) >= 2, "the sweep queued on start did not run"


def test_seed_demo_runs_one_sweep(app):
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["seed-demo", "--cases", "3"])
    assert result.exit_code == 0, result.output
    found = re.search(r"Clock sweep: (\d+) due soon, (\d+) breached", result.output)
    assert found and int(found.group(2)) >= 1, result.output
    assert notifications(app) >= 1
