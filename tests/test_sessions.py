"""Server-side sessions: sign-out, idle and absolute ends hold on every app server."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from caseflow import create_app
from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.models import UserSession
from caseflow.services import accounts
from caseflow.services.audit import Actor
from config import TestingConfig
from tests.support import PASSWORD, post_form

CLINIC = "kdh-clinic-klinik-kesihatan-bandar-alor-setar"
ADMIN_HOME = "national-jkm-headquarters"
COOKIE = "caseflow_session"


def cookie_of(client) -> str:
    return client.get_cookie(COOKIE).value


def replay(app, cookie: str):
    """A fresh browser (or an attacker) presenting a saved cookie."""
    other = app.test_client()
    other.set_cookie(COOKIE, cookie)
    return other


def test_a_cookie_saved_before_sign_out_is_refused_after_it(app, make_user, login_as, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.a")
    login_as("nurse.a")
    saved = cookie_of(client)
    assert replay(app, saved).get("/").status_code == 200
    post_form(client, "/logout", {}, token_from="/")
    answer = replay(app, saved).get("/")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")
    with app.app_context():
        record = db.session.scalar(select(UserSession))
        assert record.end_reason == "signed_out"


def test_an_active_session_ends_twelve_hours_after_sign_in(
    make_user, login_as, client, monkeypatch
):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.b")
    login_as("nurse.b")
    start = datetime.now(UTC)
    for minutes in range(25, 12 * 60, 25):  # busy all day: never 30 minutes idle
        monkeypatch.setattr(
            "caseflow.security.utc_now", lambda m=minutes: start + timedelta(minutes=m)
        )
        assert client.get("/").status_code == 200, minutes
    monkeypatch.setattr("caseflow.security.utc_now", lambda: start + timedelta(hours=12, seconds=1))
    ended = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert "Your session ended 12 hours after you signed in" in ended
    assert client.get("/").status_code == 302


def test_two_app_instances_see_one_sign_out_and_one_throttle_count(app, make_user):
    """Two app servers on one database: what one records, the other obeys."""
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.c")
    second = create_app(
        TestingConfig, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"]
    )
    one, two = app.test_client(), second.test_client()
    post_form(one, "/login", {"username": "nurse.c", "password": PASSWORD})
    two.set_cookie(COOKIE, cookie_of(one))
    assert two.get("/").status_code == 200  # the same session, served by the other
    post_form(two, "/logout", {}, token_from="/")
    assert one.get("/").status_code == 302  # signed out on the first too
    # Failures alternate between the servers; the fifth locks on both.
    for n in range(5):
        page = post_form(
            (one, two)[n % 2], "/login", {"username": "nurse.c", "password": "wrong-guess-x"}
        )
    assert "This account is locked" in page.get_data(as_text=True)
    right = post_form(one, "/login", {"username": "nurse.c", "password": PASSWORD})
    assert right.status_code == 401 and "This account is locked" in right.get_data(as_text=True)
    with second.app_context():
        db.session.remove()


def test_a_user_sees_their_sessions_and_ends_another(app, make_user, login_as, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.d")
    elsewhere = app.test_client()
    post_form(
        elsewhere,
        "/login",
        {"username": "nurse.d", "password": PASSWORD},
        headers={"User-Agent": "Old laptop browser"},
    )
    login_as("nurse.d")
    page = client.get("/account/sessions").get_data(as_text=True)
    assert "Old laptop browser" in page and "This session" in page
    with app.app_context():
        other = db.session.scalar(
            select(UserSession).where(UserSession.user_agent == "Old laptop browser")
        )
    post_form(client, f"/account/sessions/{other.id}/end", {}, token_from="/account/sessions")
    assert elsewhere.get("/").status_code == 302
    assert client.get("/").status_code == 200
    assert "Old laptop browser" not in client.get("/account/sessions").get_data(as_text=True)


def test_a_user_cannot_end_someone_elses_session(app, make_user, login_as, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.e")
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.f")
    victim = app.test_client()
    post_form(victim, "/login", {"username": "nurse.f", "password": PASSWORD})
    login_as("nurse.e")
    with app.app_context():
        victim_id = accounts.find_user("nurse.f").id
        theirs = db.session.scalar(select(UserSession.id).where(UserSession.user_id == victim_id))
    answer = post_form(
        client, f"/account/sessions/{theirs}/end", {}, token_from="/account/sessions"
    )
    assert answer.status_code == 404
    assert victim.get("/").status_code == 200


def test_an_administrator_signs_a_user_out_everywhere(app, make_user, login_as, client):
    make_user(Role.ADMINISTRATOR, ADMIN_HOME, username="root")
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.g")
    laptop, phone = app.test_client(), app.test_client()
    for browser in (laptop, phone):
        post_form(browser, "/login", {"username": "nurse.g", "password": PASSWORD})
    login_as("root")
    with app.app_context():
        target = accounts.find_user("nurse.g").id
    post_form(
        client, f"/admin/users/{target}/sessions/end", {}, token_from=f"/admin/users/{target}"
    )
    assert laptop.get("/").status_code == 302 and phone.get("/").status_code == 302
    assert client.get("/").status_code == 200


def test_deactivating_ends_sessions_and_reactivating_revives_none(app, make_user, login_as, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.h")
    login_as("nurse.h")
    with app.app_context():
        user = accounts.find_user("nurse.h")
        accounts.set_active(Actor(None, "tests"), user, False, datetime.now(UTC))
        accounts.set_active(Actor(None, "tests"), user, True, datetime.now(UTC))
    assert client.get("/").status_code == 302
