"""Pages of another role are refused on the server; every response carries security headers."""

import re

import pytest
from sqlalchemy import func, select

from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.models import User
from tests.support import post_form

CLINIC = "kdh-clinic-klinik-kesihatan-bandar-alor-setar"
ADMIN_HOME = "national-jkm-headquarters"
ADMIN_PAGES = ["/admin/users", "/admin/users/new", "/admin/facilities", "/admin/facilities/new"]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_a_clinic_nurse_is_refused_administration_pages(make_user, login_as, client, path):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse")
    login_as("nurse")
    page = client.get(path)
    assert page.status_code == 403
    assert "Your role does not give access to this page." in page.get_data(as_text=True)


def test_a_refused_post_creates_nothing(app, make_user, login_as, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse")
    login_as("nurse")
    page = post_form(
        client,
        "/admin/users/new",
        {
            "username": "intruder",
            "display_name": "X",
            "role": "administrator",
            "facility_id": "1",
            "language": "en",
            "password": "x" * 20,
        },
        token_from="/",
    )
    assert page.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(User.username == "intruder")) == 0


@pytest.mark.parametrize("path", ["/", "/admin/users"])
def test_signed_out_visitors_are_sent_to_sign_in(client, path):
    page = client.get(path)
    assert page.status_code == 302
    assert page.headers["Location"].startswith("/login")


def test_security_headers_forbid_inline_script_and_framing(make_user, login_as, client):
    make_user(Role.ADMINISTRATOR, ADMIN_HOME, username="root")
    login_as("root")
    page = client.get("/")
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert page.headers["Cache-Control"] == "no-store"
    cookie = page.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("path", ["/", *ADMIN_PAGES, "/admin/users/{me}", "/admin/facilities/1"])
def test_pages_carry_no_inline_script_or_style(app, make_user, login_as, client, path):
    make_user(Role.ADMINISTRATOR, ADMIN_HOME, username="root")
    login_as("root")
    with app.app_context():
        me = db.session.scalar(select(User.id).where(User.username == "root"))
    page = client.get(path.format(me=me))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert " style=" not in html and "<style" not in html
    assert not re.search(r"\son[a-z]+=", html)
