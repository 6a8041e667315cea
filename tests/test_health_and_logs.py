"""`/healthz` for the load balancer, one JSON log line a request, a request id to quote."""

import json
import logging

import pytest

from caseflow import create_app
from caseflow.jobs.queue import huey
from caseflow.ops.request_log import logger as request_logger
from config import TestingConfig
from tests.test_api import BODY

#: Nothing listens on port 1: a database server that is stopped.
STOPPED_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:1/caseflow?connect_timeout=3"


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records: list[dict] = []

    def emit(self, record):
        self.records.append(json.loads(record.getMessage()))


@pytest.fixture
def log_lines():
    handler = Lines()
    request_logger.addHandler(handler)
    yield handler.records
    request_logger.removeHandler(handler)


def test_healthz_answers_ok_without_sign_in_and_holds_no_personal_data(client):
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json == {"status": "ok", "checks": {"database": "ok", "queue": "ok"}}
    assert answer.headers["Cache-Control"] == "no-store"


def test_healthz_is_not_read_audited(app, client, ctx):
    from sqlalchemy import func, select

    from caseflow.extensions import db
    from caseflow.models import AuditRecord

    before = db.session.scalar(select(func.count(AuditRecord.id)))
    for _ in range(30):  # a load balancer asks often: never throttled, never recorded
        assert client.get("/healthz").status_code == 200
    assert db.session.scalar(select(func.count(AuditRecord.id))) == before


def test_healthz_answers_503_naming_the_database_when_it_is_stopped():
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=STOPPED_DATABASE)
    answer = app.test_client().get("/healthz")
    assert answer.status_code == 503
    assert answer.json == {"status": "fail", "checks": {"database": "fail", "queue": "ok"}}
    assert "127.0.0.1" not in answer.get_data(as_text=True)


def test_healthz_answers_503_naming_the_queue_when_its_store_is_down(client, monkeypatch):
    def down():
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(huey, "pending_count", down)
    answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.json["checks"] == {"database": "ok", "queue": "fail"}


def test_one_log_line_per_request_with_the_route_not_the_query(as_user, log_lines):
    nurse = as_user("clinic.nurse")
    log_lines.clear()
    answer = nurse.get("/cases?status=open&page=1")
    assert answer.status_code == 200
    assert len(log_lines) == 1
    line = log_lines[0]
    assert set(line) == {
        "time", "request_id", "user_id", "route", "method", "status", "duration_ms"
    }  # fmt: skip
    assert line["route"] == "/cases"
    assert line["method"] == "GET" and line["status"] == 200
    assert isinstance(line["user_id"], int) and line["duration_ms"] >= 0
    assert line["request_id"] == answer.headers["X-Request-ID"]
    assert "status=" not in json.dumps(line)
    log_lines.clear()
    nurse.get("/cases?q=Aina+Contoh")  # a name in a search: replaced by a token, never logged
    assert log_lines and "Aina" not in json.dumps(log_lines)


def test_a_case_page_logs_its_rule_not_the_case_id(api, log_lines):
    created = api("clinic.nurse", "post", "/cases", json=BODY)
    assert created.status_code == 201
    log_lines.clear()
    api("clinic.nurse", "get", f"/cases/{created.json['id']}")
    assert [line["route"] for line in log_lines] == ["/api/v1/cases/<id:case_id>"]
    assert log_lines[0]["user_id"] is not None


def test_a_sane_incoming_request_id_is_kept_and_a_forged_one_replaced(client, log_lines):
    kept = client.get("/login", headers={"X-Request-ID": "nginx-5f2b9c"})
    assert kept.headers["X-Request-ID"] == "nginx-5f2b9c"
    forged = client.get("/login", headers={"X-Request-ID": 'x" , "user_id": 1'})
    assert forged.headers["X-Request-ID"] not in ('x" , "user_id": 1', "")
    assert [line["request_id"] for line in log_lines] == [
        "nginx-5f2b9c",
        forged.headers["X-Request-ID"],
    ]
    assert client.get("/login").headers["X-Request-ID"] != forged.headers["X-Request-ID"]


def test_error_pages_show_the_request_id_to_quote(as_user):
    nurse = as_user("clinic.nurse")
    answer = nurse.get("/cases/999999", headers={"X-Request-ID": "quote-me-42"})
    assert answer.status_code == 404
    assert "quote-me-42" in answer.get_data(as_text=True)
    other = nurse.delete("/cases", headers={"X-Request-ID": "bad-method-7"})
    assert other.status_code == 405
    assert "bad-method-7" in other.get_data(as_text=True)


def test_api_errors_carry_the_request_id(client):
    answer = client.get("/api/v1/cases", headers={"X-Request-ID": "api-err-1"})
    assert answer.status_code == 401
    assert answer.json["error"]["request_id"] == "api-err-1"
    assert answer.headers["X-Request-ID"] == "api-err-1"


def test_a_fault_of_ours_is_a_page_with_the_id_logged_as_500(tmp_path, log_lines):
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'x.db'}")
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("a bug")

    answer = app.test_client().get("/boom", headers={"X-Request-ID": "fault-9"})
    assert answer.status_code == 500
    assert "fault-9" in answer.get_data(as_text=True)
    assert "a bug" not in answer.get_data(as_text=True)
    assert log_lines[-1]["status"] == 500 and log_lines[-1]["route"] == "/boom"
