"""Passwords: long, uncommon, not the user's name; changed by the user; reset forces a change."""

from datetime import UTC, datetime

import pytest

from caseflow.domain import passwords
from caseflow.domain.passwords import Weakness, weakness
from caseflow.domain.roles import Role
from caseflow.services import accounts
from caseflow.services.audit import Actor
from tests.support import PASSWORD, post_form

CLINIC = "kdh-clinic-klinik-kesihatan-bandar-alor-setar"
ADMIN_HOME = "national-jkm-headquarters"


@pytest.mark.parametrize(
    "password, why",
    [
        ("short-one", Weakness.TOO_SHORT),
        ("aaaaaaaaaaaa", Weakness.COMMON),
        ("123456789012", Weakness.COMMON),
        ("PasswordPassword", Weakness.COMMON),
        ("nurse.amina-2026", Weakness.CONTAINS_NAME),
        ("my amina binti test!", Weakness.CONTAINS_NAME),
    ],
)
def test_weak_passwords_are_refused(password, why):
    assert weakness(password, "nurse.amina", "Amina binti Test") is why


def test_a_long_uncommon_password_is_accepted():
    assert weakness("kerbau-hijau-makan-durian", "nurse.amina", "Amina binti Test") is None


def test_the_kept_list_holds_the_100000_most_common_passwords():
    assert passwords.count_common_list() == 100_000


def test_an_administrator_cannot_set_a_weak_password(app, make_user, login_as, client):
    make_user(Role.ADMINISTRATOR, ADMIN_HOME, username="root")
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.pw")
    login_as("root")
    with app.app_context():
        target = accounts.find_user("nurse.pw").id
    page = post_form(
        client,
        f"/admin/users/{target}/password",
        {"password": "aaaaaaaaaaaa"},
        token_from=f"/admin/users/{target}",
        follow_redirects=True,
    )
    assert "among the most common" in page.get_data(as_text=True)


def test_users_change_their_own_password_with_the_current_one(app, make_user, login_as, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.own")
    other = app.test_client()
    post_form(other, "/login", {"username": "nurse.own", "password": PASSWORD})
    login_as("nurse.own")
    new = "kerbau-hijau-makan-durian"

    def change(current: str, password: str):
        data = {"current_password": current, "password": password, "confirm": password}
        return post_form(client, "/account/password", data)

    wrong = change("not-my-password", new)
    assert wrong.status_code == 422 and "not your current password" in wrong.get_data(as_text=True)
    weak = change(PASSWORD, "nurse.own.2026")
    assert weak.status_code == 422 and "may not contain the username" in weak.get_data(as_text=True)
    done = change(PASSWORD, new)
    assert done.status_code == 302
    assert client.get("/").status_code == 200  # this session goes on
    assert other.get("/").status_code == 302  # the other one has ended
    post_form(client, "/logout", {}, token_from="/")
    assert login_as("nurse.own", new).status_code == 200


def test_an_administrators_reset_forces_a_change_at_the_next_sign_in(
    app, make_user, login_as, client
):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.reset")
    with app.app_context():
        admin_actor = Actor(None, "tests")
        user = accounts.find_user("nurse.reset")
        accounts.set_password(admin_actor, user, "temporary-pass-4471", datetime.now(UTC))
    login_as("nurse.reset", "temporary-pass-4471", follow=False)
    answer = client.get("/cases")
    assert answer.status_code == 302 and answer.headers["Location"] == "/account/password"
    new = "kerbau-hijau-makan-durian"
    data = {"current_password": "temporary-pass-4471", "password": new, "confirm": new}
    post_form(client, "/account/password", data)
    assert client.get("/").status_code == 200
