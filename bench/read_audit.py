"""Benchmark (issue 11): what recording every read adds to the work queue at 1,000,000 cases.

Seeds a fresh SQLite database (or the empty PostgreSQL database named by BENCH_DATABASE_URL)
as bench/cases_pages.py does, then times the clinic nurse's work queue (`/cases`, 25 rows)
with its read audit record (one record naming the 25 cases, one batched insert, a commit)
against the same page with the recording switched off, the two interleaved so the machine's
other work weighs on both. Target: under 10 % added to the median.

    .venv/bin/python bench/read_audit.py [--cases 1000000] [--runs 200]
"""

import argparse
import statistics
import time

from cases_pages import seed
from flask_migrate import upgrade
from sqlalchemy import func, select
from timing import bench_database_url, signed_in_client

from caseflow import create_app
from caseflow.extensions import db
from caseflow.models import AuditRecord
from caseflow.services import audit
from config import TestingConfig


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=bench_database_url("caseflow-ra-"))
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        seed(args.cases, 1)
        print(f"seeded {args.cases} cases in {time.perf_counter() - started:.0f} s")
    client = signed_in_client(app, "clinic.nurse")
    recording = audit.record_read

    def page() -> None:
        assert client.get("/cases").status_code == 200

    page()
    with_audit, without = [], []
    for _ in range(args.runs):
        with_audit.append(timed(page))
        audit.record_read = lambda *a, **k: None
        without.append(timed(page))
        audit.record_read = recording
    with app.app_context():
        reads = db.session.scalar(select(func.count()).where(AuditRecord.action == "read_list"))
    a, b = statistics.median(with_audit), statistics.median(without)
    print(f"work queue, every read recorded: {a:.1f} ms median ({reads} read records written)")
    print(f"work queue, recording switched off: {b:.1f} ms median")
    print(f"added: {a - b:.2f} ms, ratio {a / b:.3f} (target under 1.10)")


if __name__ == "__main__":
    main()
