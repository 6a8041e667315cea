"""Benchmark (issue 14): the pages and API reads at scale, on a database already seeded.

Reads the PostgreSQL database named by BENCH_DATABASE_URL, seeded by `bench/dashboard.py
--seed-only` (1,000,000 cases, ten JKM offices of 100,000, a tenth open), and prints each
request's median next to the median of the bare SQL it needs, measured in the same run,
with their ratio and the load average. Then EXPLAIN ANALYZE of the work queue's count as
the app sends it, to show which index serves the visibility clause.

    BENCH_DATABASE_URL=postgresql://... .venv/bin/python bench/million.py
"""

import argparse
import os
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select, text
from timing import as_served, bare, machine_speed_ms, median_ms, sent_by, signed_in_client

from caseflow import create_app
from caseflow.domain.clocks import MALAYSIA, local_date
from caseflow.domain.statistics import whole_months
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, User
from caseflow.services import demo, statistics
from config import TestingConfig, normalise_database_url

RUNS = 20


def midnight(day: date) -> datetime:
    """The start of a Malaysian day, as the statistics count periods."""
    return datetime.combine(day, datetime.min.time(), MALAYSIA)


OPEN = "('open', 'awaiting_assignment', 'assigned', 'assessed')"


def api_client(app, username: str):
    client = app.test_client()
    answer = client.post(
        "/api/v1/tokens", json={"username": username, "password": demo.DEMO_PASSWORD}
    )
    assert answer.status_code == 201, answer.get_data(as_text=True)
    token = answer.get_json()["token"]
    return lambda path: client.get(path, headers={"Authorization": f"Bearer {token}"})


def case_page_sql(case_id: int):
    """The case page's bare SQL: the case, its timeline, its clocks, and the children sharing
    its name key within two years of its birth year (the possible-duplicates lookup)."""
    return bare(
        ("SELECT * FROM cases WHERE id = :id", {"id": case_id}),
        ("SELECT * FROM case_events WHERE case_id = :id ORDER BY at", {"id": case_id}),
        ("SELECT * FROM clocks WHERE case_id = :id", {"id": case_id}),
        (
            "SELECT o.* FROM cases c JOIN cases o ON o.name_key = c.name_key AND o.birth_year "
            "BETWEEN c.birth_year - 2 AND c.birth_year + 2 WHERE c.id = :id AND o.id <> c.id "
            "AND c.name_key <> '' AND o.merged_into_id IS NULL LIMIT 500",
            {"id": case_id},
        ),
    )


def explain_count(app, client, path: str) -> None:
    """The count(*) statement the page sends, with its parameters, under EXPLAIN ANALYZE."""
    seen = sent_by(app, lambda: client.get(path))
    statement, parameters = next((s, p) for s, p in seen if "count(*)" in s)
    with app.app_context():
        engine = db.engine
    with engine.connect() as conn:
        cursor = conn.connection.driver_connection.cursor()
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + statement, parameters)
        print(f"\nEXPLAIN ANALYZE of {path}'s count:")
        for (line,) in cursor.fetchall():
            print("  " + line)


def protectors_office() -> int:
    """The demo protector's office, whose pages every benchmark here reads. In an application
    context."""
    return db.session.scalar(select(User.facility_id).where(User.username == "jkm.protector"))


def sampled_cases(office: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The office's heaviest case (earlier runs of bench/load.py print packs on it) and the
    first with the median number of steps, each with its steps: the page grows with the
    timeline. In an application context."""
    open_cases = (
        select(Case.id, func.count(CaseEvent.id).label("steps"))
        .outerjoin(CaseEvent, CaseEvent.case_id == Case.id)
        .where(Case.owner_facility_id == office, Case.status != "closed")
        .group_by(Case.id)
        .order_by(Case.id)
        .limit(200)
        .subquery()
    )
    sampled = db.session.execute(select(open_cases.c.id, open_cases.c.steps)).all()
    heaviest = max(sampled, key=lambda row: (row[1], -row[0]))
    middle = sorted(steps for _, steps in sampled)[len(sampled) // 2]
    typical = next((i, steps) for i, steps in sampled if steps == middle)
    return tuple(heaviest), typical


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=RUNS)
    runs = parser.parse_args().runs
    url = normalise_database_url(os.environ["BENCH_DATABASE_URL"])
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url)
    now = datetime.now(UTC)
    with app.app_context():
        total = db.session.scalar(text("SELECT count(*) FROM cases"))
        office = protectors_office()
        (case_id, heavy_steps), (typical_id, middle) = sampled_cases(office)
        held = db.session.scalar(
            text(f"SELECT count(*) FROM cases WHERE owner_facility_id = :f AND status IN {OPEN}"),
            {"f": office},
        )
        dialect = db.engine.dialect.name
        # Counts by three dimensions read the monthly triples, which a database seeded before
        # migration 0022 has only after a rebuild: without them the baseline would read nothing.
        assert statistics.kept_depth() == 3, "run `flask statistics rebuild` on this database"
    print(f"{dialect}: {total} cases; the office holds {held} open cases")
    print(f"machine speed: a fixed Python loop takes {machine_speed_ms():.0f} ms")
    as_served()  # as a gunicorn worker holds it
    protector_web = signed_in_client(app, "jkm.protector")
    supervisor_api = api_client(app, "jkm.supervisor")
    analyst_api = api_client(app, "analyst")
    today = local_date(now)  # the API counts Malaysian days
    year, three_years = today - timedelta(days=364), today - timedelta(days=3 * 365)

    def every_case_sql(since: date, until: date) -> tuple[str, dict]:
        """The three-dimension count made from the cases reported from `since` to before
        `until` (Malaysia dates)."""
        return (
            "SELECT c.state_code, c.sex, k.form, count(DISTINCT c.id), sum(c.record_key) "
            "FROM cases c JOIN concerns k ON k.case_id = c.id WHERE c.reported_at >= :since "
            "AND c.reported_at < :until GROUP BY c.state_code, c.sex, k.form",
            {"since": midnight(since), "until": midnight(until)},
        )

    def stats_sql(since: date) -> list[tuple[str, dict]]:
        """What the count needs: its whole months' triples summed from the monthly table, and
        the days around them (at most a month at each end) counted from the cases."""
        first, last = whole_months(since, today)
        needed = [
            (
                "SELECT value_a, value_b, value_c, sum(count), sum(key_sum) FROM "
                "statistics_counts WHERE dimension_a = 'state' AND dimension_b = 'sex' AND "
                "dimension_c = 'abuse_form' AND month >= :first AND month <= :last "
                "GROUP BY value_a, value_b, value_c",
                {"first": f"{first:%Y-%m}", "last": f"{last:%Y-%m}"},
            )
        ]
        if since < first:
            needed.append(every_case_sql(since, first))
        if last < today:
            needed.append(every_case_sql(last + timedelta(days=1), today + timedelta(days=1)))
        return needed

    checks = [
        (
            "work queue (/cases, 25 of the office's open)",
            lambda: protector_web.get("/cases"),
            bare(
                (
                    f"SELECT count(*) FROM cases WHERE owner_facility_id = :f AND status IN {OPEN}"
                    " AND merged_into_id IS NULL",
                    {"f": office},
                ),
                (
                    f"SELECT * FROM cases WHERE owner_facility_id = :f AND status IN {OPEN} "
                    "AND merged_into_id IS NULL ORDER BY updated_at DESC, id DESC LIMIT 25",
                    {"f": office},
                ),
            ),
        ),
        (
            "incoming referrals (/referrals, the office's)",
            lambda: protector_web.get("/referrals"),
            bare(
                (
                    "SELECT * FROM referrals WHERE to_facility_id = :f AND status IN "
                    "('sent', 'acknowledged') ORDER BY urgency = 'urgent' DESC, sent_at, id "
                    "LIMIT 25",
                    {"f": office},
                ),
                (
                    "SELECT * FROM cases WHERE owner_facility_id = :f AND returned_to_sender "
                    "ORDER BY updated_at DESC LIMIT 50",
                    {"f": office},
                ),
            ),
        ),
        (
            f"case page, the heaviest case ({heavy_steps} steps)",
            lambda: protector_web.get(f"/cases/{case_id}"),
            case_page_sql(case_id),
        ),
        (
            f"case page, a typical case ({middle} steps)",
            lambda: protector_web.get(f"/cases/{typical_id}"),
            case_page_sql(typical_id),
        ),
        (
            "GET /api/v1/caseload (supervisor)",
            lambda: supervisor_api("/api/v1/caseload"),
            bare(
                (
                    "SELECT owner_officer_id, count(*) FROM cases WHERE owner_facility_id = :f "
                    f"AND status IN {OPEN} GROUP BY owner_officer_id",
                    {"f": office},
                ),
                (
                    "SELECT c.owner_officer_id, count(DISTINCT c.id) FROM clocks k JOIN cases c "
                    f"ON c.id = k.case_id WHERE c.owner_facility_id = :f AND c.status IN {OPEN} "
                    "AND k.status IN ('running', 'due_soon', 'breached') AND k.due_soon_at <= "
                    ":now GROUP BY c.owner_officer_id",
                    {"f": office, "now": now},
                ),
            ),
        ),
        (
            "GET /api/v1/statistics, 3 dims, 1 year",
            lambda: analyst_api(
                f"/api/v1/statistics?group_by=state,sex,abuse_form&from={year}&to={today}"
            ),
            bare(*stats_sql(year)),
        ),
        (
            "GET /api/v1/statistics, 3 dims, 3 years",
            lambda: analyst_api(
                f"/api/v1/statistics?group_by=state,sex,abuse_form&from={three_years}&to={today}"
            ),
            bare(*stats_sql(three_years)),
        ),
    ]
    print(f"\n{'request':<50}{'median ms':>10}{'bare SQL ms':>13}{'ratio':>8}  load avg")
    for label, request, sql in checks:
        assert request().status_code == 200, label
        ours = median_ms(request, runs)  # each request in its own application context, as served
        with app.app_context():
            base = median_ms(sql, runs)
        load = os.getloadavg()[0]
        print(f"{label:<50}{ours:>10.1f}{base:>13.1f}{ours / base:>7.2f}x  {load:5.1f}", flush=True)
    with app.app_context():
        every_case = median_ms(bare(every_case_sql(three_years, today + timedelta(days=1))), 5)
    print(f"(the 3-year count made from every case instead: {every_case:.0f} ms of bare SQL)")
    print(f"machine speed at the end: the same loop takes {machine_speed_ms():.0f} ms")
    explain_count(app, protector_web, "/cases")


if __name__ == "__main__":
    main()
