"""Benchmark (issue 3): case page, work queue and search with 100,000 cases, 1,000,000 events.

Seeds a fresh SQLite database in a temporary folder, or the empty PostgreSQL database named by
BENCH_DATABASE_URL (schema by the Alembic migrations, the
directory and demo users through the services, then cases, concerns, referrals and events
in bulk), then prints for each page the median time of a signed-in request next to the
median of the bare SQL it needs, and their ratio. Targets: case page and work queue within
50 ms median, search within 100 ms.

    .venv/bin/python bench/cases_pages.py [--cases 100000] [--events-per-case 10]
    BENCH_DATABASE_URL=postgresql://... .venv/bin/python bench/cases_pages.py
"""

import argparse
import random
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select, text
from timing import advance_sequences, bench_database_url, median_ms, signed_in_client

from caseflow import create_app
from caseflow.domain.facilities import FacilityType
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Concern, Facility, Referral, User
from caseflow.services import demo, directory
from caseflow.services.audit import Actor
from config import TestingConfig

RUNS = 50
NAMES = ["Aina", "Budi", "Chen", "Devi", "Ezra", "Farah", "Guna", "Hana", "Imran", "Jia"]
FAMILIES = ["Contoh", "Sampel", "Rekaan", "Ujian", "Demo", "Tiruan"]


def seed(count: int, events_per_case: int) -> None:
    rng = random.Random(7)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    directory.load_directory(Actor(None, "bench"), now)
    demo.seed_demo_users(now)
    owners = db.session.execute(
        select(Facility.id, Facility.state_code).where(
            Facility.type.in_([FacilityType.CLINIC, FacilityType.JKM, FacilityType.OSCC])
        )
    ).all()
    nurse = db.session.scalar(select(User).where(User.username == "clinic.nurse"))
    oscc = nurse.facility.default_oscc_id
    conn = db.session.connection()
    batch = 10_000
    for start in range(0, count, batch):
        cases, concerns, referrals, events = [], [], [], []
        for n in range(start + 1, min(start + batch, count) + 1):
            # 1 case in 100 is the demo clinic's, as a busy clinic's share of a state would be
            owner, state = (nurse.facility_id, "KDH") if n % 100 == 0 else rng.choice(owners)
            reported = now - timedelta(minutes=rng.randrange(0, 400_000))
            cases.append(
                dict(
                    id=n,
                    reference=f"CF-2026-{n:06d}",
                    version=events_per_case,
                    status="open",
                    risk_level=rng.choice(["high", "medium", "low"]),
                    child_given_name=rng.choice(NAMES),
                    child_family_name=rng.choice(FAMILIES) + str(n),
                    age_estimate=rng.randrange(3, 17),
                    sex=rng.choice(["female", "male"]),
                    record_key=rng.randrange(256),
                    state_code=state,
                    home_language="ms",
                    source_type="clinic",
                    reported_at=reported,
                    soca_sections=[],
                    narrative="",
                    owner_facility_id=owner,
                    owner_officer_id=nurse.id if owner == nurse.facility_id else None,
                    returned_to_sender=False,
                    registered_at=reported,
                    updated_at=reported,
                    registered_by_id=nurse.id,
                )
            )
            concerns.append(dict(case_id=n, form="sexual_abuse", online=False, platforms=[]))
            if owner == nurse.facility_id:
                referrals.append(
                    dict(
                        case_id=n,
                        from_facility_id=owner,
                        to_facility_id=oscc,
                        reason="bench",
                        urgency="routine",
                        status="sent",
                        sent_at=reported,
                        sent_by_id=nurse.id,
                    )
                )
            for e in range(events_per_case):
                at = reported + timedelta(hours=e)
                events.append(
                    dict(
                        case_id=n,
                        type="note",
                        at=at,
                        recorded_at=at,
                        user_id=nurse.id,
                        facility_id=owner,
                        data={"text": "synthetic"},
                    )
                )
        conn.execute(insert(Case), cases)
        conn.execute(insert(Concern), concerns)
        if referrals:
            conn.execute(insert(Referral), referrals)
        if events:
            conn.execute(insert(CaseEvent), events)
        db.session.commit()
        conn = db.session.connection()
        print(f"  seeded {min(start + batch, count):>7} cases", flush=True)
    advance_sequences()
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def bare(sql: str, **params):
    def run():
        with db.engine.connect() as conn:
            conn.execute(text(sql), params).all()

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--events-per-case", type=int, default=10)
    args = parser.parse_args()
    url = bench_database_url("caseflow-bench-")
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        started = time.perf_counter()
        seed(args.cases, args.events_per_case)
        print(
            f"seeded {args.cases} cases, {args.cases * args.events_per_case} events "
            f"in {time.perf_counter() - started:.0f} s\n"
        )
        nurse = db.session.scalar(select(User).where(User.username == "clinic.nurse"))
        case_id = db.session.scalar(
            select(Case.id).where(Case.owner_facility_id == nurse.facility_id).limit(1)
        )
        reference = db.session.get(Case, case_id).reference
        name = db.session.get(Case, case_id).child_family_name
        facility, oscc = nurse.facility_id, nurse.facility.default_oscc_id
    client = signed_in_client(app, "clinic.nurse")
    doctor = signed_in_client(app, "oscc.doctor")
    checks = [
        (
            "case page",
            lambda: client.get(f"/cases/{case_id}"),
            50,
            bare("SELECT * FROM cases WHERE id = :id", id=case_id),
            bare("SELECT * FROM case_events WHERE case_id = :id ORDER BY at", id=case_id),
        ),
        (
            "work queue (my open cases)",
            lambda: client.get("/cases"),
            50,
            bare(
                "SELECT * FROM cases WHERE owner_facility_id = :f AND status != 'closed' "
                "ORDER BY updated_at DESC LIMIT 25",
                f=facility,
            ),
            None,
        ),
        (
            "incoming referrals (OSCC)",
            lambda: doctor.get("/referrals"),
            50,
            bare(
                "SELECT * FROM referrals WHERE to_facility_id = :f AND status IN ('sent', "
                "'acknowledged') ORDER BY sent_at LIMIT 25",
                f=oscc,
            ),
            None,
        ),
        (
            "search by reference",
            lambda: client.get(f"/cases?q={reference}&status=all"),
            100,
            bare("SELECT * FROM cases WHERE reference = :r", r=reference),
            None,
        ),
        (
            "search by name",
            lambda: client.get(f"/cases?q={name}&status=all"),
            100,
            bare(
                "SELECT * FROM cases WHERE owner_facility_id = :f AND child_family_name LIKE :n "
                "LIMIT 25",
                f=facility,
                n=f"%{name}%",
            ),
            None,
        ),
    ]
    print(f"{'page':<28}{'median ms':>10}{'bare SQL ms':>13}{'ratio':>8}{'target':>8}")
    for label, page, target, *sqls in checks:
        ours = median_ms(page, RUNS)  # each request in its own application context, as served
        with app.app_context():
            base = sum(median_ms(s, RUNS) for s in sqls if s is not None)
        flag = "ok" if ours <= target else "SLOW"
        print(f"{label:<28}{ours:>10.1f}{base:>13.2f}{ours / base:>8.0f}x{target:>6} {flag}")


if __name__ == "__main__":
    main()
