"""Signing in: the same answer for unknown users and wrong passwords, lockout, idle expiry."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.models import AuditRecord, User
from tests.support import PASSWORD, post_form

CLINIC = "kdh-clinic-klinik-kesihatan-bandar-alor-setar"
HOME_TITLES = {
    "admin": "Administration",
    "clinic.nurse": "Clinic home",
    "oscc.doctor": "OSCC home",
    "school.counsellor": "School home",
    "jkm.protector": "Protector home",
    "jkm.supervisor": "Supervisor home",
    "d11.officer": "Investigation home",
    "analyst": "Analyst home",
    "jkm.protector.sgr": "Protector home",
    "helpline.operator": "Helpline home",
}


def test_every_demo_account_signs_in_to_its_role_home(app, demo_users, login_as, client):
    assert sorted(demo_users) == sorted(HOME_TITLES)
    for username, title in HOME_TITLES.items():
        page = login_as(username, "caseflow-demo")
        assert page.status_code == 200
        assert f"<h1>{title}</h1>" in page.get_data(as_text=True), username
        post_form(client, "/logout", {}, token_from="/")


def test_unknown_user_and_wrong_password_get_the_same_message(make_user, login_as, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.one")
    wrong = login_as("nurse.one", "not-the-password")
    unknown = login_as("nobody.here", "not-the-password")
    for page in (wrong, unknown):
        assert page.status_code == 401
        assert "Wrong username or password." in page.get_data(as_text=True)
    assert client.get("/").status_code == 302  # still signed out


def lock(login_as, username):
    for _ in range(5):
        page = login_as(username, "wrong-password-again")
    return page


def test_five_failures_lock_the_account_even_for_the_right_password(app, make_user, login_as):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.two")
    fifth = lock(login_as, "nurse.two")
    assert "This account is locked" in fifth.get_data(as_text=True)
    right = login_as("nurse.two", PASSWORD)
    assert right.status_code == 401
    assert "This account is locked" in right.get_data(as_text=True)
    with app.app_context():
        actions = db.session.scalars(select(AuditRecord.action)).all()
        assert actions.count("account_locked") == 1


def test_lock_ends_after_its_duration(app, make_user, login_as, monkeypatch):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.three")
    lock(login_as, "nurse.three")
    later = datetime.now(UTC) + app.config["LOCKOUT_DURATION"] + timedelta(seconds=5)
    monkeypatch.setattr("caseflow.web.auth.utc_now", lambda: later)
    assert "<h1>Clinic home</h1>" in login_as("nurse.three").get_data(as_text=True)


def test_failures_spread_beyond_fifteen_minutes_do_not_lock(app, make_user, login_as, monkeypatch):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.four")
    start = datetime.now(UTC)
    for minute in (0, 4, 8, 12, 16, 20):  # never five inside one 15-minute window
        monkeypatch.setattr(
            "caseflow.web.auth.utc_now", lambda m=minute: start + timedelta(minutes=m)
        )
        page = login_as("nurse.four", "wrong-password-again")
        assert "locked" not in page.get_data(as_text=True)


def test_form_without_csrf_token_is_refused_and_changes_nothing(app, make_user, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.five")
    page = client.post("/login", data={"username": "nurse.five", "password": PASSWORD})
    assert page.status_code == 400
    assert "security token was missing" in page.get_data(as_text=True)
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count()).select_from(AuditRecord).where(AuditRecord.action == "sign_in")
            )
            == 0
        )
    assert client.get("/").status_code == 302


def test_idle_session_expires_after_thirty_minutes_with_a_message(
    make_user, login_as, client, monkeypatch
):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.six")
    login_as("nurse.six")
    assert client.get("/").status_code == 200
    later = datetime.now(UTC) + timedelta(minutes=31)
    monkeypatch.setattr("caseflow.security.utc_now", lambda: later)
    expired = client.get("/", follow_redirects=True)
    text = expired.get_data(as_text=True)
    assert "Your session expired after 30 minutes without activity" in text
    assert "<h1>Sign in to Caseflow</h1>" in text
    assert client.get("/").status_code == 302


def test_activity_within_thirty_minutes_keeps_the_session(make_user, login_as, client, monkeypatch):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.seven")
    login_as("nurse.seven")
    start = datetime.now(UTC)
    for minutes in (29, 58, 87):  # each request within 30 minutes of the one before
        monkeypatch.setattr(
            "caseflow.security.utc_now", lambda m=minutes: start + timedelta(minutes=m)
        )
        assert client.get("/").status_code == 200


def test_deactivation_signs_the_user_out_of_an_open_session(app, make_user, login_as, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.eight")
    login_as("nurse.eight")
    with app.app_context():
        from caseflow.services import accounts
        from caseflow.services.audit import Actor

        user = accounts.find_user("nurse.eight")
        accounts.set_active(Actor(None, "tests"), user, False, datetime.now(UTC))
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "javascript:x"])
def test_sign_in_never_redirects_off_site(make_user, client, target):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.nine")
    page = post_form(
        client, "/login", {"username": "nurse.nine", "password": PASSWORD, "next": target}
    )
    assert page.status_code == 302
    assert page.headers["Location"] == "/"


def test_password_is_stored_as_a_modern_hash(app, make_user):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.ten")
    with app.app_context():
        stored = db.session.scalar(select(User.password_hash).where(User.username == "nurse.ten"))
    assert stored.startswith(("scrypt:", "pbkdf2:sha256:600000")) and PASSWORD not in stored
