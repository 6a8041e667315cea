"""Benchmark (issue 14): the mixed load of bench/locustfile.py against gunicorn and PostgreSQL.

Seeds the empty PostgreSQL database named by BENCH_DATABASE_URL as bench/dashboard.py does
(`--cases`; `--reuse` keeps a database seeded by an earlier run), serves it with gunicorn and
the committed gunicorn.conf.py, times each request alone (sequentially, nothing else running),
then runs locust headless with `--users` for `--seconds` and prints p50/p95/p99 per request
under load next to the same request alone. Target at 50 users on 2 cores: p95 <= 250 ms, no
error. `--sign-in-burst` then sends 50 sign-ins at once while one client keeps reading the
case page, and prints that client's p50/p99 (target p99 <= 500 ms).

    BENCH_DATABASE_URL=postgresql://... .venv/bin/python bench/load.py --cases 1000000
"""

import argparse
import csv
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import requests
from load_mix import registration
from sqlalchemy import func, select

from caseflow import create_app
from caseflow.extensions import db
from caseflow.models import Case, User
from config import TestingConfig, normalise_database_url

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "caseflow-demo"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def prepare(url: str, count: int, reuse: bool) -> tuple[list[int], int]:
    """Seed (unless reused) and pick the cases the protectors read and the nurse's OSCC."""
    from dashboard import seed

    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        existing = db.session.scalar(select(func.count()).select_from(Case))
        if not (reuse and existing):
            started = time.perf_counter()
            seed(count, datetime.now(UTC))
            print(f"seeded {count} cases in {time.perf_counter() - started:.0f} s", flush=True)
        protector = db.session.scalar(select(User).where(User.username == "jkm.protector"))
        nurse = db.session.scalar(select(User).where(User.username == "clinic.nurse"))
        ids = list(
            db.session.scalars(
                select(Case.id)
                .where(Case.owner_facility_id == protector.facility_id, Case.status != "closed")
                .order_by(Case.id)
                .limit(500)
            )
        )
        total = db.session.scalar(select(func.count()).select_from(Case))
        print(f"database: {total} cases on {db.engine.dialect.name}", flush=True)
        return ids, nurse.facility.default_oscc_id


def serve(url: str, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "CASEFLOW_ENV": "development",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def web_session(host: str, username: str) -> requests.Session:
    session = requests.Session()
    token = CSRF.search(session.get(f"{host}/login").text).group(1)
    session.post(
        f"{host}/login", data={"username": username, "password": PASSWORD, "csrf_token": token}
    )
    return session


def bearer(host: str, username: str) -> dict:
    answer = requests.post(
        f"{host}/api/v1/tokens", json={"username": username, "password": PASSWORD}
    )
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def timed(fn, runs: int) -> list[float]:
    fn()  # warm
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        answer = fn()
        samples.append((time.perf_counter() - started) * 1000)
        assert answer.status_code < 400, (answer.status_code, answer.text[:200])
    return samples


def alone(host: str, ids: list[int], oscc: int, runs: int) -> dict[str, float]:
    """Each request of the mix served with nothing else running: its median in ms."""
    protector = web_session(host, "jkm.protector")
    api = {u: bearer(host, u) for u in ("jkm.protector", "clinic.nurse", "jkm.supervisor")}
    case = ids[0]
    made = []

    def register():
        answer = requests.post(
            f"{host}/api/v1/cases", json=registration(), headers=api["clinic.nurse"]
        )
        made.append(answer.json())
        return answer

    def refer():
        body = made.pop()
        return requests.post(
            f"{host}/api/v1/cases/{body['id']}/referrals",
            headers=api["clinic.nurse"],
            json={
                "to_facility_id": oscc,
                "reason": "Load test referral.",
                "urgency": "routine",
                "version": body["version"],
            },
        )

    def sign_in():
        return requests.post(
            f"{host}/api/v1/tokens", json={"username": "jkm.protector", "password": PASSWORD}
        )

    checks = {
        "work queue": lambda: protector.get(f"{host}/cases"),
        "case page": lambda: protector.get(f"{host}/cases/{case}"),
        "timeline (API)": lambda: requests.get(
            f"{host}/api/v1/cases/{case}/timeline", headers=api["jkm.protector"]
        ),
        "caseload (API)": lambda: requests.get(
            f"{host}/api/v1/caseload", headers=api["jkm.supervisor"]
        ),
        "information pack (API)": lambda: requests.get(
            f"{host}/api/v1/cases/{case}/information-pack", headers=api["jkm.protector"]
        ),
        "sign in (API token)": sign_in,
    }
    result = {name: statistics.median(timed(fn, runs)) for name, fn in checks.items()}
    pairs = []
    for _ in range(runs):
        started = time.perf_counter()
        register()
        middle = time.perf_counter()
        refer()
        pairs.append(((middle - started) * 1000, (time.perf_counter() - middle) * 1000))
    result["register (API)"] = statistics.median(p[0] for p in pairs)
    result["refer (API)"] = statistics.median(p[1] for p in pairs)
    return result


def sign_in_everyone(host: str, users: int, into: Path) -> float:
    """Each simulated user's own session and token, signed in before the timed run (four at
    a time, as people arriving at work): the run then measures the work, not the arrival."""
    share = {"jkm.protector": 0.75, "clinic.nurse": 0.15, "jkm.supervisor": 0.10}
    wanted = {name: max(1, round(users * part)) for name, part in share.items()}
    jobs = [("web", "jkm.protector")] * wanted["jkm.protector"]
    jobs += [("api", name) for name, count in wanted.items() for _ in range(count)]

    def one(job):
        kind, username = job
        if kind == "web":
            return job, web_session(host, username).cookies.get_dict()
        return job, bearer(host, username)["Authorization"].removeprefix("Bearer ")

    started = time.perf_counter()
    pools: dict[str, dict[str, list]] = {"web": {}, "api": {}}
    with ThreadPoolExecutor(max_workers=4) as pool:
        for (kind, username), made in pool.map(one, jobs):
            pools[kind].setdefault(username, []).append(made)
    into.write_text(json.dumps(pools))
    return time.perf_counter() - started


def run_locust(
    host: str, ids: list[int], oscc: int, users: int, seconds: int, wait: str
) -> list[dict]:
    prefix = Path(tempfile.mkdtemp(prefix="caseflow-load-")) / "load"
    took = sign_in_everyone(host, users, prefix.with_name("signed-in.json"))
    print(f"signed {users} users in beforehand in {took:.0f} s", flush=True)
    env = {
        **os.environ,
        "CASEFLOW_LOAD_CASES": ",".join(map(str, ids)),
        "CASEFLOW_LOAD_OSCC": str(oscc),
        "CASEFLOW_LOAD_WAIT": wait,
        "CASEFLOW_LOAD_SIGNED_IN": str(prefix.with_name("signed-in.json")),
    }
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 5)),
            "--run-time",
            f"{seconds}s",
            "--host",
            host,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "10",
            "--reset-stats",  # the ramp-up (all users started) is not counted
        ],
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", newline="") as f:
        return list(csv.DictReader(f))


def sign_in_burst(host: str, case: int, burst: int) -> None:
    """50 sign-ins at once while one reader keeps opening the case page."""
    reader = web_session(host, "jkm.protector")
    samples: list[float] = []
    stop = threading.Event()

    def read():
        while not stop.is_set():
            started = time.perf_counter()
            reader.get(f"{host}/cases/{case}")
            samples.append((time.perf_counter() - started) * 1000)

    def sign_in():
        requests.post(
            f"{host}/api/v1/tokens", json={"username": "jkm.protector", "password": PASSWORD}
        )

    quiet = statistics.median(timed(lambda: reader.get(f"{host}/cases/{case}"), 20))
    thread = threading.Thread(target=read)
    thread.start()
    started = time.perf_counter()
    signers = [threading.Thread(target=sign_in) for _ in range(burst)]
    for t in signers:
        t.start()
    for t in signers:
        t.join()
    took = time.perf_counter() - started
    stop.set()
    thread.join()
    q = statistics.quantiles(samples, n=100)
    print(
        f"\n{burst} sign-ins at once took {took:.1f} s; the case page meanwhile "
        f"(n={len(samples)}): p50 {q[49]:.0f} ms, p99 {q[98]:.0f} ms "
        f"(alone {quiet:.0f} ms; target p99 <= 500 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--alone-runs", type=int, default=20)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded database")
    parser.add_argument("--sign-in-burst", type=int, default=0, metavar="N")
    parser.add_argument(
        "--wait", default="0.5,2", help="think time between a user's requests: low,high seconds"
    )
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url or not url.startswith(("postgres://", "postgresql")):
        raise SystemExit("Set BENCH_DATABASE_URL to an empty PostgreSQL database.")
    url = normalise_database_url(url)
    ids, oscc = prepare(url, args.cases, args.reuse)
    server = serve(url, args.port)
    host = f"http://127.0.0.1:{args.port}"
    try:
        base = alone(host, ids, oscc, args.alone_runs)
        rows = run_locust(host, ids, oscc, args.users, args.seconds, args.wait)
        if args.sign_in_burst:
            sign_in_burst(host, ids[0], args.sign_in_burst)
    finally:
        server.terminate()
        server.wait()
    print(
        f"\n{args.users} users for {args.seconds} s, think time {args.wait} s, "
        f"gunicorn.conf.py ({os.cpu_count()} cores), load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'request':<26}{'n':>6}{'fail':>5}{'alone p50':>10}{'p50':>7}{'p95':>7}{'p99':>7}"
        f"{'p50/alone':>10}"
    )
    for row in rows:
        name = row["Name"]
        alone_ms = base.get(name)
        ratio = f"{float(row['50%']) / alone_ms:>9.1f}x" if alone_ms else f"{'':>10}"
        shown = f"{alone_ms:>10.0f}" if alone_ms else f"{'':>10}"
        print(
            f"{name:<26}{row['Request Count']:>6}{row['Failure Count']:>5}{shown}"
            f"{row['50%']:>7}{row['95%']:>7}{row['99%']:>7}{ratio}"
        )


if __name__ == "__main__":
    main()
