"""`GET /healthz`: is this app server able to serve? For load balancers and monitoring.

No sign-in, no personal data, no read audit (it shows no case), and cheap enough to be asked
every few seconds: one `SELECT 1` and one question to the task queue's store. A failing check
answers 503 and names the check; what went wrong goes to the log, never into the answer (a
driver's message can carry a host name or a user name).
"""

import logging

from flask import Blueprint, jsonify
from sqlalchemy import text

from caseflow.extensions import db

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


def check_database() -> None:
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.rollback()


def check_queue() -> None:
    from caseflow.jobs.queue import huey

    huey.pending_count()  # Redis LLEN or a SQLite count: the store answered


CHECKS = {"database": check_database, "queue": check_queue}


def run_checks() -> dict[str, str]:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            log.warning("health check %s failed", name, exc_info=True)
            results[name] = "fail"
        else:
            results[name] = "ok"
    return results


@bp.get("/healthz")
def healthz():
    checks = run_checks()
    ok = all(result == "ok" for result in checks.values())
    response = jsonify({"status": "ok" if ok else "fail", "checks": checks})
    response.status_code = 200 if ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response
