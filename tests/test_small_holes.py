"""The small holes of issue 10: link building, `next`, mail runs, access logs, safe defaults."""

import logging
import threading
import urllib.request
from datetime import timedelta

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from caseflow import create_app
from caseflow.extensions import db
from caseflow.models import ClockPolicy
from caseflow.services import accounts, clock_sweep
from caseflow.web.helpers import is_safe_local_url
from config import DevelopmentConfig, ProductionConfig
from tests import test_sweep
from tests.support import REPORTED, post_form
from tests.support import register_overdue_cases as register

smtp_server = test_sweep.smtp_server  # a real local SMTP server (aiosmtpd)


@pytest.mark.parametrize("query", ["fmt=x", "_method=POST", "_external=1&_anchor=x", "name=x"])
def test_unknown_query_parameters_never_reach_link_building(as_user, query):
    nurse, boss = as_user("clinic.nurse"), as_user("jkm.supervisor")
    assert nurse.get(f"/cases?{query}").status_code == 200
    for path in ("/dashboard", "/dashboard/cases"):
        assert boss.get(f"{path}?{query}").status_code == 200, path


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "/\t/evil.example",
        "javascript:alert(1)",
        "evil.example",
    ],
)
def test_next_after_a_step_never_leaves_the_site(app, as_user, target):
    assert not is_safe_local_url(target)
    (case_id,) = register(app, 1)
    boss = as_user("jkm.supervisor")
    with app.app_context():
        protector = accounts.find_user("jkm.protector").id
    data = {"officer_id": protector, "next": target}
    page = post_form(boss, f"/cases/{case_id}/assignment", data, token_from=f"/cases/{case_id}")
    assert page.status_code == 302
    assert page.headers["Location"] == f"/cases/{case_id}"


def test_a_policy_name_with_a_line_break_is_refused(app, as_user):
    admin = as_user("admin")
    data = {
        "name": "Police report\nBcc: someone@evil.example",
        "target_amount": 48,
        "target_unit": "hours",
        "due_soon_percent": 75,
    }
    page = post_form(admin, "/admin/policies/police_report", data)
    assert "without line breaks" in page.get_data(as_text=True)
    with app.app_context():
        versions = db.session.scalars(
            select(ClockPolicy.version).where(ClockPolicy.key == "police_report")
        ).all()
    assert versions == [1]


def test_one_bad_mail_is_logged_and_the_rest_still_go(app, demo_users, smtp_server, caplog):
    settings, inbox = smtp_server
    with app.app_context():
        accounts.find_user("jkm.protector").email = "protector@test.invalid\r\nBcc: x@evil.example"
        accounts.find_user("jkm.supervisor").email = "supervisor@test.invalid"
        db.session.commit()
    register(app, 1)
    with app.app_context(), caplog.at_level(logging.ERROR):
        clock_sweep.sweep(REPORTED + timedelta(days=3), mail=settings)
    assert [rcpt for rcpt, _body in inbox.messages] == [["supervisor@test.invalid"]]
    assert "could not be written" in caplog.text


def test_a_stored_policy_name_with_a_line_break_never_stops_the_sweep(
    app, demo_users, smtp_server, caplog
):
    settings, inbox = smtp_server
    with app.app_context():
        accounts.find_user("jkm.supervisor").email = "supervisor@test.invalid"
        names = dict(db.session.execute(select(ClockPolicy.id, ClockPolicy.name)).tuples().all())
        for policy in db.session.scalars(select(ClockPolicy)):  # written before the rule
            policy.name = f"{policy.name}\nBcc: x@evil.example"
        db.session.commit()
    try:
        register(app, 1)
        with app.app_context(), caplog.at_level(logging.ERROR):
            counts = clock_sweep.sweep(REPORTED + timedelta(days=3), mail=settings)
        assert counts["breached"] >= 1 and inbox.messages == []
        assert "could not be written" in caplog.text
    finally:  # the policies are reference data the other tests share
        with app.app_context():
            for policy in db.session.scalars(select(ClockPolicy)):
                policy.name = names[policy.id]
            db.session.commit()


def test_the_development_server_logs_paths_without_query_strings(app, caplog):
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            url = f"http://127.0.0.1:{server.server_port}/login?q=Aina+Contoh&next=/cases"
            urllib.request.urlopen(url).read()
    finally:
        server.shutdown()
    logged = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert any("GET /login HTTP/1.1" in line for line in logged), logged
    assert not any("Aina" in line or "?" in line for line in logged)


def test_gunicorn_logs_paths_without_query_strings():
    from pathlib import Path

    settings = {}
    exec((Path(__file__).parent.parent / "gunicorn.conf.py").read_text(), settings)
    assert "%(U)s" in settings["access_log_format"]
    assert (
        "%(r)s" not in settings["access_log_format"]
        and "%(q)s" not in settings["access_log_format"]
    )


def test_the_app_refuses_the_development_secret_unless_told_it_is_for_development(monkeypatch):
    monkeypatch.delenv("CASEFLOW_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()  # no CASEFLOW_ENV: production, which needs a real key
    with pytest.raises(RuntimeError, match="development SECRET_KEY"):
        create_app(DevelopmentConfig)
    monkeypatch.setenv("CASEFLOW_ENV", "development")
    assert create_app().config["ENV_NAME"] == "development"


def test_seed_demo_refuses_to_run_in_production(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "y" * 48)
    app = create_app(ProductionConfig)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "refuses to run in production" in result.output
