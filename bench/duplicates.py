"""Benchmark (issue 13): possible duplicates at registration over 1,000,000 cases.

Seeds synthetic children whose names are drawn from Malay, Chinese and Indian name parts
(so that a name key is shared the way common names share it) into a fresh database
(temporary SQLite, or the empty PostgreSQL database named by BENCH_DATABASE_URL), with the
name key and birth year a registration stores. Then, for registrations of variants of existing
children, prints the median time of what registration does (`duplicates.on_registration`:
the indexed candidate lookup, scoring, the visibility check, audit and notifications, rolled
back) next to the bare indexed lookup it needs. Target: 20 ms median.

    .venv/bin/python bench/duplicates.py [--cases 1000000]
    BENCH_DATABASE_URL=postgresql://... .venv/bin/python bench/duplicates.py
"""

import argparse
import os
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, text
from synthetic_names import child_name, key_of
from timing import median_ms

from caseflow import create_app
from caseflow.domain.facilities import FacilityType
from caseflow.extensions import db
from caseflow.models import Case, District, Facility, User
from caseflow.services import demo, directory, duplicates
from caseflow.services.audit import Actor
from config import TestingConfig, normalise_database_url

PROBES = 50


def seed(count: int) -> None:
    rng = random.Random(13)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    directory.load_directory(Actor(None, "bench"), now)
    demo.seed_demo_users(now)
    owners = db.session.execute(
        select(Facility.id, Facility.state_code).where(
            Facility.type.in_([FacilityType.CLINIC, FacilityType.JKM, FacilityType.SCHOOL])
        )
    ).all()
    districts: dict[str, list[int]] = {}
    for district_id, state in db.session.execute(select(District.id, District.state_code)):
        districts.setdefault(state, []).append(district_id)
    nurse = db.session.scalar(select(User).where(User.username == "clinic.nurse"))
    conn = db.session.connection()
    for start in range(0, count, 20_000):
        rows = []
        for n in range(start + 1, min(start + 20_000, count) + 1):
            owner, state = rng.choice(owners)
            given, family = child_name(rng)
            key = key_of(given, family)
            born = date(2008, 1, 1) + timedelta(days=rng.randrange(0, 18 * 365))
            reported = now - timedelta(minutes=rng.randrange(0, 400_000))
            rows.append(
                dict(
                    id=n,
                    reference=f"CF-2026-{n:07d}",
                    version=1,
                    status="open",
                    risk_level="medium",
                    child_given_name=given,
                    child_family_name=family,
                    date_of_birth=born,
                    sex=rng.choice(["female", "male"]),
                    state_code=state,
                    district_id=rng.choice(districts[state]),
                    home_language="ms",
                    source_type="clinic",
                    reported_at=reported,
                    soca_sections=[],
                    narrative="",
                    owner_facility_id=owner,
                    returned_to_sender=False,
                    registered_at=reported,
                    updated_at=reported,
                    registered_by_id=nurse.id,
                    name_key=key,
                    birth_year=born.year,
                )
            )
        conn.execute(insert(Case), rows)
        db.session.commit()
        conn = db.session.connection()
        if (start + 20_000) % 200_000 == 0:
            print(f"  seeded {min(start + 20_000, count):>8} cases", flush=True)
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="measure an already seeded database")
    args = parser.parse_args()
    count = args.cases
    url = os.environ.get("BENCH_DATABASE_URL")
    if url is None:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='caseflow-dups-')) / 'bench.db'}"
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=normalise_database_url(url))
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        started = time.perf_counter()
        if not (args.reuse and db.session.scalar(select(func.count(Case.id)))):
            seed(count)
        total = db.session.scalar(select(func.count(Case.id)))
        print(
            f"{db.engine.dialect.name}: seeded {total} cases in "
            f"{time.perf_counter() - started:.0f} s"
        )
        probes = random.Random(5).sample(range(1, total + 1), PROBES)
        nurse = Actor(db.session.scalar(select(User).where(User.username == "clinic.nurse")))
        now = datetime(2026, 11, 2, tzinfo=UTC)
        lookup = (
            "SELECT * FROM cases WHERE name_key = :key AND birth_year BETWEEN :lo "
            "AND :hi AND id <> :id AND merged_into_id IS NULL LIMIT 500"
        )
        params = []
        for case_id in probes:
            case = db.session.get(Case, case_id)
            y = case.birth_year
            params.append(dict(key=case.name_key, lo=y - 1, hi=y + 1, id=case_id))
        db.session.rollback()
        plan = db.session.execute(
            text(
                ("EXPLAIN QUERY PLAN " if db.engine.dialect.name == "sqlite" else "EXPLAIN ")
                + lookup
            ),
            params[0],
        ).all()
        print("plan:", " | ".join(str(row[-1]) for row in plan))
        sizes = [len(db.session.execute(text(lookup), p).all()) for p in params]
        print(f"candidates per lookup: median {sorted(sizes)[len(sizes) // 2]}, max {max(sizes)}")

        turn = {"bare": 0, "ours": 0}

        def bare():
            p = params[turn["bare"] % PROBES]
            turn["bare"] += 1
            with db.engine.connect() as conn:
                conn.execute(text(lookup), p).all()

        def ours():
            case = db.session.get(Case, probes[turn["ours"] % PROBES])
            turn["ours"] += 1
            duplicates.on_registration(nurse, case, now)
            db.session.rollback()

        bare_ms = median_ms(bare, PROBES * 2)
        ours_ms = median_ms(ours, PROBES * 2)
    print(f"bare indexed lookup: {bare_ms:6.2f} ms median")
    print(
        f"matching at registration: {ours_ms:6.2f} ms median  (ratio {ours_ms / bare_ms:.1f}x)"
        f"   target: 20 ms -> {'ok' if ours_ms <= 20 else 'SLOW'}"
    )


if __name__ == "__main__":
    main()
