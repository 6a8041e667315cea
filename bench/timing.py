"""What the benchmark scripts share: a warmed median, and a client signed in as a demo user."""

import statistics
import time

from sqlalchemy import event, text

from caseflow.extensions import db
from caseflow.services import demo


def median_ms(fn, runs: int) -> float:
    fn()  # warm: the first call pays for caches a running server already has
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def medians_by_turns(runs: int, *fns) -> list[float]:
    """Each function's median in ms, asked in turns (one of each, `runs` times). This VM's
    speed drifts within a minute: a page timed in one block and its baseline in the next
    compared two speeds, and the ratio moved from 0.9 to 1.8 between two runs of one code."""
    for fn in fns:
        fn()  # warm, as `median_ms` does
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, kept in zip(fns, samples, strict=True):
            started = time.perf_counter()
            fn()
            kept.append(time.perf_counter() - started)
    return [statistics.median(kept) * 1000 for kept in samples]


def machine_speed_ms() -> float:
    """A fixed piece of pure Python, timed: this VM's speed drifts by a third within an hour,
    so a run prints it beside its figures to say which kind of hour it ran in."""
    return median_ms(lambda: sum(i * i for i in range(1_000_000)), 5)


def bare(*statements: tuple[str, dict]):
    """The baseline: the same SQL a page needs, sent straight to the database."""

    def run():
        with db.engine.connect() as conn:
            for sql, params in statements:
                conn.execute(text(sql), params).all()

    return run


def sent_by(app, fetch) -> list[tuple[str, object]]:
    """Every statement `fetch` makes the app send, with its parameters, as the driver got them."""
    seen: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, *_args):
        seen.append((statement, parameters))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        fetch()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def replayed(app, fetch):
    """The strictest baseline for a page: every SELECT it sends, captured from one request and
    sent again straight to the database with the same parameters (its audit writes left out,
    which only lowers the baseline). Returns the runner and how many statements it sends."""
    captured = [(s, p) for s, p in sent_by(app, fetch) if s.lstrip()[:6].upper() == "SELECT"]

    def run():
        with db.engine.connect() as conn:
            for statement, parameters in captured:
                conn.exec_driver_sql(statement, parameters).all()

    return run, len(captured)


def as_served() -> None:
    """The app as a gunicorn worker holds it once loaded (gunicorn.conf.py, post_worker_init):
    its heap frozen out of the garbage collector's sight, so that a timed request does not pay
    for a full collection a served one never makes."""
    from caseflow.ops.heap import freeze_loaded_app

    freeze_loaded_app()


def signed_in_client(app, username: str):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post(
        "/login", data={"username": username, "password": demo.DEMO_PASSWORD, "csrf_token": token}
    )
    return client


def bench_database_url(prefix: str) -> str:
    """BENCH_DATABASE_URL (an empty PostgreSQL database), or a fresh SQLite file."""
    import os
    import tempfile
    from pathlib import Path

    from config import normalise_database_url

    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return normalise_database_url(url)
    return f"sqlite:///{Path(tempfile.mkdtemp(prefix=prefix)) / 'bench.db'}"


def advance_sequences() -> None:
    """After rows inserted with explicit ids, move PostgreSQL's id sequences past them, or the
    first registration afterwards collides with a seeded id (SQLite needs nothing)."""
    from sqlalchemy import text

    from caseflow.extensions import db

    if db.engine.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement is not False:
            db.session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )
    db.session.commit()
