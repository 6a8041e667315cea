"""Benchmark (issue 10): sign-in throughput and the cost per request of the session lookup.

Seeds the demo accounts and 100,000 old (ended) sessions in a fresh database (temporary
SQLite, or the empty PostgreSQL database named by BENCH_DATABASE_URL), then prints:

- the cost of one password hash at Werkzeug's default scrypt (N=2^15) and at OWASP's
  (N=2^17, r=8, p=1, the one Caseflow uses), median of checks;
- sign-ins per second through POST /login (CSRF, throttle counts, password hash, session
  record, audit), against a bare `check_password_hash` of the same hash, which dominates;
- the median of a signed-in request to the home page with the database session lookup, and
  of the same request with the lookup replaced by a stub, measured in the same run; the
  difference is the lookup's cost per request (target: under 1 ms), and the median of the
  lookup alone (`sessions.find`).

    .venv/bin/python bench/signin.py
    BENCH_DATABASE_URL=postgresql://... .venv/bin/python bench/signin.py
"""

import os
import re
import secrets
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import insert, select, text
from timing import median_ms, signed_in_client
from werkzeug.security import check_password_hash, generate_password_hash

from caseflow import create_app, security
from caseflow.extensions import db
from caseflow.models import User, UserSession
from caseflow.services import clocks, demo, directory, sessions
from caseflow.services.audit import Actor
from caseflow.services.password_hashes import OWASP_METHOD
from caseflow.services.sessions import SessionLimits
from config import TestingConfig, normalise_database_url

OLD_SESSIONS = 100_000
SIGN_INS = 40
REQUESTS = 300
TARGET_MS = 1.0


def seed(now: datetime) -> None:
    directory.load_directory(Actor(None, "bench"), now)
    clocks.seed_policies(now)
    demo.seed_demo_users(now)
    users = db.session.scalars(select(User.id)).all()
    rows = [
        dict(
            user_id=users[n % len(users)],
            key_hash=sessions.digest(secrets.token_hex(8)),
            created_at=now - timedelta(days=1 + n % 90),
            last_seen_at=now - timedelta(days=1),
            ended_at=now - timedelta(days=1),
            end_reason="signed_out",
        )
        for n in range(OLD_SESSIONS)
    ]
    for start in range(0, len(rows), 20_000):
        db.session.execute(insert(UserSession), rows[start : start + 20_000])
    db.session.commit()


def csrf_token(page) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True))[1]


def sign_in_rate(app) -> tuple[float, float]:
    """Sign-ins a second through the form, and bare password checks a second."""
    client = app.test_client()
    started = time.perf_counter()
    for _ in range(SIGN_INS):
        token = csrf_token(client.get("/login"))  # a fresh session: a fresh CSRF token
        answer = client.post(
            "/login",
            data={"username": "clinic.nurse", "csrf_token": token, "password": demo.DEMO_PASSWORD},
        )
        assert answer.status_code == 302, answer.status_code
        out = client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
        assert out.status_code == 302, out.status_code
    # each round: the sign-in page, the sign-in, the home page and the sign-out
    full = SIGN_INS / (time.perf_counter() - started)
    with app.app_context():
        stored = db.session.scalar(select(User.password_hash).where(User.username == "admin"))
    started = time.perf_counter()
    for _ in range(SIGN_INS):
        check_password_hash(stored, demo.DEMO_PASSWORD)
    return full, SIGN_INS / (time.perf_counter() - started)


def hash_costs() -> None:
    """One check's median at Werkzeug's default cost and at OWASP's, measured together."""
    for name, method in (("Werkzeug default", "scrypt:32768:8:1"), ("OWASP", OWASP_METHOD)):
        stored = generate_password_hash(demo.DEMO_PASSWORD, method=method)
        cost = median_ms(lambda s=stored: check_password_hash(s, demo.DEMO_PASSWORD), 15)
        print(f"password check, {name:<17} {method:<18} {cost:7.1f} ms median")
    print()


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL")
    if url is None:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='caseflow-signin-')) / 'bench.db'}"
    app = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=normalise_database_url(url),
        PASSWORD_HASH_METHOD=OWASP_METHOD,
    )
    now = datetime.now(UTC)
    hash_costs()
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        started = time.perf_counter()
        seed(now)
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE"))
            db.session.commit()
        print(
            f"{db.engine.dialect.name}: seeded demo users and {OLD_SESSIONS} old sessions "
            f"in {time.perf_counter() - started:.0f} s\n"
        )

    full, bare = sign_in_rate(app)
    print(
        f"sign-in (GET and POST /login, sign out): {full:6.1f} a second; "
        f"bare password check: {bare:6.1f} a second (ratio {bare / full:.2f})"
    )

    client = signed_in_client(app, "clinic.nurse")
    assert client.get("/").status_code == 200
    with app.app_context():
        record = db.session.scalar(
            select(UserSession)
            .where(UserSession.ended_at.is_(None))
            .order_by(UserSession.id.desc())
        )
        user_id = record.user_id

    def stubbed(*_args):
        """The request as it was before sessions: the user loaded by the id in the cookie."""
        return SimpleNamespace(id=0, user_id=user_id, user=db.session.get(User, user_id)), "live"

    real_find = sessions.find

    def timed(find) -> float:
        security.sessions.find = find
        started = time.perf_counter()
        client.get("/")
        return (time.perf_counter() - started) * 1000

    # Interleaved, so that the machine's other work weighs on both alike.
    timed(real_find), timed(stubbed)
    pairs = []
    for n in range(REQUESTS):  # alternate which goes first: neither gets the warmer cache
        if n % 2:
            pairs.append((timed(real_find), timed(stubbed)))
        else:
            without_first = timed(stubbed)
            pairs.append((timed(real_find), without_first))
    security.sessions.find = real_find
    with_lookup = statistics.median(p[0] for p in pairs)
    without = statistics.median(p[1] for p in pairs)
    extra = statistics.median(p[0] - p[1] for p in pairs)

    with app.test_request_context("/"):
        from flask import session as cookie_session

        with client.session_transaction() as saved:
            key = saved["sid"]
        cookie_session["sid"] = key
        limits = SessionLimits()
        alone = median_ms(lambda: sessions.find(key, datetime.now(UTC), limits), REQUESTS)

    verdict = "ok" if extra < TARGET_MS else "MISSED"
    print(f"\n{'signed-in home page':<40}{'median ms':>10}")
    print(f"{'  with the session lookup':<40}{with_lookup:>10.2f}")
    print(f"{'  user by id only (baseline)':<40}{without:>10.2f}")
    print(
        f"{'extra per request (median of pairs)':<40}{extra:>10.2f}   "
        f"target < {TARGET_MS} ms: {verdict}"
    )
    print(f"{'sessions.find alone':<40}{alone:>10.2f}")


if __name__ == "__main__":
    main()
