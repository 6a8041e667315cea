"""Long exports are jobs: queued by a POST, followed by their owner, downloaded once, audited.

Most tests run jobs at once (Huey's immediate mode, set in conftest); the last ones start a
real consumer, on the SQLite file queue and, when REDIS_URL is set, on Redis.
"""

import io
import os
import re
import time
from datetime import UTC, datetime, timedelta

import pytest
from huey import RedisHuey
from openpyxl import load_workbook
from sqlalchemy import delete, func, select, update

from caseflow.extensions import db
from caseflow.jobs.queue import huey
from caseflow.models import AuditRecord, Case, ExportJob, User
from caseflow.services import export_jobs
from tests.support import post_form, register_overdue_cases, require


@pytest.fixture
def small_limit(monkeypatch):
    """Three cases make a "long" export here, so the tests need not register 2,001."""
    monkeypatch.setattr(export_jobs, "SYNC_LIMIT", 2)


def references(xlsx: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(xlsx)).active
    return [row[0].value for row in sheet.iter_rows() if str(row[0].value).startswith("CF-")]


def protector_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.username == "jkm.protector"))


def test_a_long_drill_down_export_is_a_job_the_supervisor_downloads_once(app, as_user, small_limit):
    ids = register_overdue_cases(app, 3)
    supervisor = as_user("jkm.supervisor")
    listing = f"/dashboard/cases?officer={protector_id(app)}&metric=open"
    offer = supervisor.get(listing.replace("/cases?", "/cases.xlsx?"))
    assert offer.status_code == 200 and b"Prepare the XLSX file" in offer.data
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', offer.get_data(as_text=True)))
    started = supervisor.post("/exports", data=fields)
    assert started.status_code == 302
    page_url = started.headers["Location"]
    page = supervisor.get(page_url).get_data(as_text=True)
    assert "<progress" in page and "export-progress.js" in page and "<script>" not in page
    status = supervisor.get(page_url + "/status").json
    assert status["status"] == "done" and status["progress"] == 100 and status["rows"] == 3
    got = supervisor.get(status["download_url"])
    assert got.status_code == 200 and got.headers["Cache-Control"] == "no-store"
    with app.app_context():
        expected = set(db.session.scalars(select(Case.reference).where(Case.id.in_(ids))))
    assert sorted(references(got.data)) == sorted(expected)
    assert supervisor.get(status["download_url"]).status_code == 404  # once
    assert "download_url" not in supervisor.get(page_url + "/status").json
    with app.app_context():
        audit = db.session.scalars(select(AuditRecord).where(AuditRecord.action == "export")).one()
    assert audit.username == "jkm.supervisor" and sorted(audit.detail["case_ids"]) == sorted(ids)


def test_nobody_but_the_requester_sees_or_fetches_the_job(app, as_user, small_limit):
    register_overdue_cases(app, 3)
    owner = as_user("jkm.protector")
    offer = owner.get("/cases/export.csv?status=all")
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', offer.get_data(as_text=True)))
    page_url = owner.post("/exports", data=fields).headers["Location"]
    other = as_user("jkm.supervisor")  # sees these cases, but did not ask for this file
    for suffix in ("", "/status", "/download"):
        assert other.get(page_url + suffix).status_code == 404
    got = owner.get(page_url + "/download")
    assert got.status_code == 200 and got.mimetype == "text/csv"
    assert got.get_data(as_text=True).count("CF-") == 3


def test_a_post_for_someone_elses_scope_queues_nothing(app, as_user):
    register_overdue_cases(app, 1)
    outsider = as_user("jkm.protector")  # not a supervisor
    answer = post_form(
        outsider,
        "/exports",
        {"kind": "dashboard_cases", "format": "csv", "metric": "open"},
        token_from="/cases",
    )
    assert answer.status_code == 404
    with app.app_context():
        assert db.session.scalars(select(ExportJob)).all() == []


def test_api_queues_an_export_and_reports_its_progress(app, api):
    register_overdue_cases(app, 3)
    answer = api(
        "jkm.protector",
        "post",
        "/exports",
        json={"kind": "cases", "format": "xlsx", "status": "all"},
    )
    assert answer.status_code == 202, answer.json
    job = answer.json
    assert job["kind"] == "cases" and job["status"] in {"queued", "running", "done"}
    followed = api("jkm.protector", "get", f"/exports/{job['id']}").json
    assert followed["status"] == "done" and followed["progress"] == 100
    assert api("jkm.supervisor", "get", f"/exports/{job['id']}").status_code == 404
    assert api("jkm.supervisor", "get", f"/exports/{job['id']}/file").status_code == 404
    got = api("jkm.protector", "get", followed["download_url"].removeprefix("/api/v1"))
    assert got.status_code == 200 and len(references(got.data)) == 3
    assert api("jkm.protector", "get", f"/exports/{job['id']}/file").status_code == 404
    bad = api("jkm.protector", "post", "/exports", json={"kind": "everything", "format": "pdf"})
    assert bad.status_code == 422 and set(bad.json["error"]["fields"]) == {"kind", "format"}
    unknown = api(
        "jkm.protector",
        "post",
        "/exports",
        json={"kind": "cases", "format": "csv", "child_name": "x"},
    )
    assert unknown.status_code == 422


def test_files_expire_after_24_hours(app, api):
    register_overdue_cases(app, 1)
    job = api("jkm.protector", "post", "/exports", json={"kind": "cases", "format": "csv"}).json
    with app.app_context():
        kept = db.session.get(ExportJob, job["id"])
        assert kept.expires_at - kept.created_at == timedelta(hours=24)
        past = datetime.now(UTC) - timedelta(minutes=1)  # as if made 24 hours and 1 minute ago
        db.session.execute(update(ExportJob).values(expires_at=past))
        db.session.commit()
        assert export_jobs.purge_expired(datetime.now(UTC)) == 1
        assert db.session.get(ExportJob, job["id"]).content is None
    assert api("jkm.protector", "get", f"/exports/{job['id']}").json["download_url"] is None
    assert api("jkm.protector", "get", f"/exports/{job['id']}/file").status_code == 404


def run_through_consumer(app, api) -> dict:
    """Queue an export through the API and let the consumer, in its threads, do it."""
    register_overdue_cases(app, 3)
    job = api(
        "jkm.protector",
        "post",
        "/exports",
        json={"kind": "cases", "format": "csv", "status": "all"},
    ).json
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        followed = api("jkm.protector", "get", f"/exports/{job['id']}").json
        if followed["status"] in {"done", "failed"}:
            return followed
        time.sleep(0.2)
    pytest.fail("the consumer did not finish the export within 30 s")


def test_a_real_consumer_runs_the_export_on_the_file_queue(app, api, consumer):
    if isinstance(huey, RedisHuey):
        pytest.skip("the queue is Redis here: see the next test")
    followed = run_through_consumer(app, api)
    assert followed["status"] == "done" and followed["rows"] == 3


def test_the_production_queue_runs_on_redis(app, api, consumer):
    """The PostgreSQL leg of CI runs the queue as production does, on Redis."""
    if not os.environ.get("REDIS_URL"):
        on_postgres = app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")
        if on_postgres:
            require(False, "REDIS_URL is not set: the PostgreSQL leg runs the queue on Redis")
        pytest.skip("REDIS_URL is not set (SQLite leg: the file queue is tested above)")
    assert isinstance(huey, RedisHuey)
    followed = run_through_consumer(app, api)
    assert followed["status"] == "done" and followed["rows"] == 3


def test_the_queue_sweeps_clocks_and_rebuilds_statistics(app, demo_users):
    """The periodic sweep and the statistics rebuild are tasks the consumer runs."""
    from caseflow.jobs import tasks
    from caseflow.models import Notification, StatisticsCount

    register_overdue_cases(app, 2)
    with app.app_context():
        db.session.execute(delete(StatisticsCount))
        db.session.commit()
    tasks.sweep_clocks()
    tasks.rebuild_statistics()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Notification)) >= 2
        assert db.session.scalar(select(func.count()).select_from(StatisticsCount)) > 0
