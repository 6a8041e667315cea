"""The task queue: Huey, on Redis in production and on a SQLite file for `make run`.

Huey was chosen because it is the small, kept queue that has both modes Caseflow needs with
one API: `RedisHuey` shares work across machines (several consumers, one Redis), `SqliteHuey`
needs no server for the demo, and its periodic tasks replace a separate scheduler. Celery
would bring a broker, a result backend and a beat process for the same four jobs; RQ has no
embedded mode. Set REDIS_URL for Redis; otherwise the queue is `instance/queue.db`.
"""

import os
from functools import wraps
from pathlib import Path

from flask import Flask, current_app, has_app_context
from huey import RedisHuey, SqliteHuey
from huey.consumer import Consumer

ROOT = Path(__file__).resolve().parents[2]


def make_huey():
    url = os.environ.get("REDIS_URL")
    if url:
        return RedisHuey("caseflow", url=url)
    path = os.environ.get("CASEFLOW_QUEUE_FILE") or str(ROOT / "instance" / "queue.db")
    Path(path).parent.mkdir(exist_ok=True)
    return SqliteHuey("caseflow", filename=path)


huey = make_huey()
_app: Flask | None = None


def bind(app: Flask) -> None:
    """The app whose database the tasks of this process use (a consumer binds its own)."""
    global _app
    _app = app


def task_app() -> Flask:
    global _app
    if _app is None:
        if has_app_context():
            return current_app._get_current_object()
        from caseflow import create_app  # a bare `huey_consumer caseflow.jobs.tasks.huey`

        _app = create_app()
    return _app


def in_app_context(func):
    """Run a task in a fresh app context: its own database session, committed or not by it."""

    @wraps(func)
    def wrapped(*args, **kwargs):
        with task_app().app_context():
            return func(*args, **kwargs)

    return wrapped


class EmbeddedConsumer(Consumer):
    """A consumer that runs in threads of another program (the dev server, a test): it leaves
    that program's signal handling alone."""

    def _set_signal_handlers(self):
        pass


def start_embedded(app: Flask, workers: int = 2) -> EmbeddedConsumer:
    """The consumer of `make run`: periodic tasks on, and one clock sweep queued at once, so
    the demo's late clocks notify on start rather than at the scheduler's first minute."""
    bind(app)
    from caseflow.jobs import tasks  # registers the tasks with the queue

    consumer = EmbeddedConsumer(huey, workers=workers, worker_type="thread", periodic=True)
    consumer.start()
    tasks.sweep_clocks()
    return consumer


def run_consumer(app: Flask, workers: int) -> None:
    """The production consumer: `flask jobs consume`, one per worker machine."""
    bind(app)
    import caseflow.jobs.tasks  # noqa: F401

    huey.create_consumer(workers=workers, worker_type="thread", periodic=True).run()
