"""Benchmark (issue 4): a sweep over 1,000,000 running clocks of which 1 % change status.

Seeds 100,000 cases with 10 clocks each in a fresh database (temporary SQLite, or the empty
PostgreSQL database named by BENCH_DATABASE_URL), 1 % of the clocks already past their
deadline. Prints the time of `services.clock_sweep.sweep` (claim, update, notify the officer
and supervisors, commit) next to the bare `UPDATE clocks SET status = 'breached' WHERE ...
due_at < now` it needs, measured first and rolled back. Target: under 5 s.

    .venv/bin/python bench/clock_sweep.py
    BENCH_DATABASE_URL=postgresql://... .venv/bin/python bench/clock_sweep.py
"""

import os
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cases_pages import seed
from sqlalchemy import func, insert, select, text

from caseflow import create_app
from caseflow.extensions import db
from caseflow.models import Case, Clock, ClockPolicy, Notification
from caseflow.services import clock_sweep, clocks
from config import TestingConfig, normalise_database_url

CASES, CLOCKS_PER_CASE, CHANGING = 100_000, 10, 0.01


def seed_clocks(now: datetime) -> None:
    rng = random.Random(11)
    policy = db.session.scalar(select(ClockPolicy.id).where(ClockPolicy.key == "police_report"))
    facility_of = dict(db.session.execute(select(Case.id, Case.owner_facility_id)).tuples().all())
    conn = db.session.connection()
    batch = []
    for case_id in range(1, CASES + 1):
        for _ in range(CLOCKS_PER_CASE):
            late = rng.random() < CHANGING
            due = now - timedelta(hours=1) if late else now + timedelta(days=rng.randrange(2, 90))
            warn = due - (timedelta(hours=6) if late else timedelta(days=1))
            batch.append(
                dict(
                    case_id=case_id,
                    policy_id=policy,
                    state_code="KDH",
                    facility_id=facility_of[case_id],
                    started_at=due - timedelta(hours=24),
                    due_at=due,
                    due_soon_at=warn,
                    status="running",
                    paused_amount=0,
                )
            )
        if len(batch) >= 50_000:
            conn.execute(insert(Clock), batch)
            batch.clear()
    if batch:
        conn.execute(insert(Clock), batch)
    db.session.commit()


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL")
    if url is None:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='caseflow-sweep-')) / 'bench.db'}"
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=normalise_database_url(url))
    now = datetime(2026, 11, 1, tzinfo=UTC)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        clocks.seed_policies(now)
        started = time.perf_counter()
        seed(CASES, 0)
        seed_clocks(now)
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        total = db.session.scalar(select(func.count(Clock.id)))
        print(
            f"{db.engine.dialect.name}: seeded {total} clocks in "
            f"{time.perf_counter() - started:.0f} s"
        )

        with db.engine.connect() as conn:
            began = time.perf_counter()
            transaction = conn.begin()
            changed = conn.execute(
                text(
                    "UPDATE clocks SET status = 'breached' WHERE status IN ('running', "
                    "'due_soon') AND due_at < :now"
                ),
                {"now": now},
            ).rowcount
            bare = time.perf_counter() - began
            transaction.rollback()

        began = time.perf_counter()
        counts = clock_sweep.sweep(now)
        ours = time.perf_counter() - began
        notified = db.session.scalar(select(func.count(Notification.id)))
        again = time.perf_counter()
        repeat = clock_sweep.sweep(now)
        second = time.perf_counter() - again
    print(f"bare UPDATE:     {bare:6.2f} s  ({changed} clocks)")
    print(
        f"sweep:           {ours:6.2f} s  ({counts['breached']} breached, {notified} notifications)"
    )
    print(
        f"ratio:           {ours / bare:6.1f}x   target: sweep under 5 s -> "
        f"{'ok' if ours < 5 else 'SLOW'}"
    )
    print(f"second sweep:    {second:6.2f} s  ({repeat}: nothing notified twice)")


if __name__ == "__main__":
    main()
