"""API tokens end when they should: revoked, reset, deactivated (and stay ended), idle."""

from datetime import UTC, datetime, timedelta

import pytest

from caseflow.domain.roles import Role
from caseflow.services import accounts
from caseflow.services.accounts import AccountDetails
from caseflow.services.audit import Actor
from tests.support import PASSWORD, facility_id

CLINIC = "kdh-clinic-klinik-kesihatan-bandar-alor-setar"
OSCC = "kdh-oscc-oscc-hospital-sultanah-bahiyah"


def token_for(client, username: str) -> dict:
    answer = client.post("/api/v1/tokens", json={"username": username, "password": PASSWORD})
    assert answer.status_code == 201
    return {"Authorization": f"Bearer {answer.json['token']}"}


def works(client, headers) -> bool:
    return client.get("/api/v1/me", headers=headers).status_code == 200


def test_delete_current_revokes_the_token_in_use(make_user, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.t1")
    headers, other = token_for(client, "nurse.t1"), token_for(client, "nurse.t1")
    answer = client.delete("/api/v1/tokens/current", headers=headers)
    assert answer.status_code == 204 and answer.data == b""
    refused = client.get("/api/v1/me", headers=headers)
    assert refused.status_code == 401 and refused.json["error"]["code"] == "unauthorized"
    assert works(client, other)  # only the one in use


def _as_service(app, step, username, *args):
    with app.app_context():
        user = accounts.find_user(username)
        step(Actor(None, "tests"), user, *args)


def test_a_password_reset_revokes_every_token(app, make_user, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.t2")
    headers = token_for(client, "nurse.t2")
    now = datetime.now(UTC)
    _as_service(app, accounts.set_password, "nurse.t2", "another-long-enough-passphrase", now)
    assert not works(client, headers)


def test_deactivation_revokes_tokens_and_reactivation_revives_none(app, make_user, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.t3")
    headers = token_for(client, "nurse.t3")
    _as_service(app, accounts.set_active, "nurse.t3", False, datetime.now(UTC))
    assert not works(client, headers)
    _as_service(app, accounts.set_active, "nurse.t3", True, datetime.now(UTC))
    assert not works(client, headers)
    assert works(client, token_for(client, "nurse.t3"))  # a new sign-in works again


def test_a_change_of_facility_revokes_every_token(app, make_user, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.t4")
    headers = token_for(client, "nurse.t4")
    with app.app_context():
        user = accounts.find_user("nurse.t4")
        details = AccountDetails("nurse.t4", user.display_name, Role.OSCC_STAFF, facility_id(OSCC))
        accounts.update_user(Actor(None, "tests"), user, details, datetime.now(UTC))
    assert not works(client, headers)


CLOCK = "caseflow.api.operations.utc_now"  # what the API reads the time from


def test_a_token_ends_after_thirty_idle_minutes_and_twelve_hours(make_user, client, monkeypatch):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.t5")
    idle, busy = token_for(client, "nurse.t5"), token_for(client, "nurse.t5")
    start = datetime.now(UTC)
    for minutes in range(25, 12 * 60, 25):
        monkeypatch.setattr(CLOCK, lambda m=minutes: start + timedelta(minutes=m))
        assert works(client, busy), minutes
    assert not works(client, idle)
    monkeypatch.setattr(CLOCK, lambda: start + timedelta(hours=12, seconds=1))
    assert not works(client, busy)


@pytest.mark.parametrize("path", ["/api/v1/me", "/api/v1/openapi.json", "/api/v1/cases"])
def test_every_api_response_says_no_store(make_user, client, path):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.t6")
    for headers in ({}, token_for(client, "nurse.t6")):
        assert client.get(path, headers=headers).headers["Cache-Control"] == "no-store"
    failed = client.post("/api/v1/tokens", json={"username": "x", "password": "y"})
    assert failed.headers["Cache-Control"] == "no-store"
