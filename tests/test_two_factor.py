"""Two-factor sign-in: enrolment, sign-in with a TOTP computed here, no replay, recovery codes."""

import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest

from caseflow.domain.roles import Role
from tests.support import PASSWORD, post_form

CLINIC = "kdh-clinic-klinik-kesihatan-bandar-alor-setar"
JKM = "kdh-jkm-pejabat-kebajikan-masyarakat-daerah-kota-setar"


def code_at(secret: str, offset_steps: int = 0) -> str:
    """The code an authenticator app shows now (or a step later, for a second sign-in)."""
    moment = datetime.now(UTC) + timedelta(seconds=30 * offset_steps)
    return pyotp.TOTP(secret).at(moment)


def enrol_on_the_web(client) -> tuple[str, list[str]]:
    post_form(client, "/account/two-factor/start", {}, token_from="/account/two-factor")
    page = client.get("/account/two-factor").get_data(as_text=True)
    # The QR code is an SVG drawn on the server: no inline style or script (the CSP's rule).
    assert "<svg" in page and " style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    secret = re.search(r'<code id="totp-secret">([A-Z2-7]+)</code>', page).group(1)
    shown = post_form(
        client,
        "/account/two-factor/confirm",
        {"otp": code_at(secret)},
        token_from="/account/two-factor",
    )
    codes = re.findall(r"<code>([0-9a-f-]{19})</code>", shown.get_data(as_text=True))
    assert len(codes) == 10
    return secret, codes


def sign_in_with_code(client, username: str, code: str):
    first = post_form(client, "/login", {"username": username, "password": PASSWORD})
    assert first.status_code == 302 and first.headers["Location"] == "/login/code"
    return post_form(client, "/login/code", {"otp": code})


def test_enrol_then_sign_in_with_a_code_and_a_replayed_code_is_refused(
    app, make_user, login_as, client
):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.2fa")
    login_as("nurse.2fa")
    secret, _codes = enrol_on_the_web(client)
    post_form(client, "/logout", {}, token_from="/")
    assert client.get("/").status_code == 302
    code = code_at(secret, 1)
    answer = sign_in_with_code(client, "nurse.2fa", code)
    assert answer.status_code == 302 and client.get("/").status_code == 200
    post_form(client, "/logout", {}, token_from="/")
    replayed = sign_in_with_code(client, "nurse.2fa", code)
    assert replayed.status_code == 401
    assert "That code is not right" in replayed.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_the_password_alone_no_longer_signs_in(make_user, login_as, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.2fb")
    login_as("nurse.2fb")
    enrol_on_the_web(client)
    post_form(client, "/logout", {}, token_from="/")
    post_form(client, "/login", {"username": "nurse.2fb", "password": PASSWORD})
    assert client.get("/").status_code == 302  # waiting at the code step, not signed in


def test_a_recovery_code_signs_in_once(make_user, login_as, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.2fc")
    login_as("nurse.2fc")
    _secret, codes = enrol_on_the_web(client)
    post_form(client, "/logout", {}, token_from="/")
    assert sign_in_with_code(client, "nurse.2fc", codes[0].upper()).status_code == 302
    post_form(client, "/logout", {}, token_from="/")
    assert sign_in_with_code(client, "nurse.2fc", codes[0]).status_code == 401
    assert sign_in_with_code(client, "nurse.2fc", codes[1]).status_code == 302


def test_a_lock_gives_way_to_the_password_with_a_second_factor(make_user, login_as, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.2fd")
    login_as("nurse.2fd")
    secret, _codes = enrol_on_the_web(client)
    post_form(client, "/logout", {}, token_from="/")
    for _ in range(5):  # an attacker locks the account
        page = post_form(
            client, "/login", {"username": "nurse.2fd", "password": "guess-guess-guess"}
        )
    assert "This account is locked" in page.get_data(as_text=True)
    page = post_form(client, "/login", {"username": "nurse.2fd", "password": PASSWORD})
    assert "This account is locked" in page.get_data(as_text=True)  # the password alone: no
    data = {"username": "nurse.2fd", "password": PASSWORD, "otp": code_at(secret, 1)}
    assert post_form(client, "/login", data).status_code == 302
    assert client.get("/").status_code == 200


def test_the_api_enrols_issues_tokens_only_with_a_code_and_removes_it(make_user, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.2fe")
    credentials = {"username": "nurse.2fe", "password": PASSWORD}
    token = client.post("/api/v1/tokens", json=credentials).json["token"]
    headers = {"Authorization": f"Bearer {token}"}
    started = client.post("/api/v1/me/two-factor", headers=headers)
    assert started.status_code == 201
    secret = started.json["secret"]
    assert started.json["otpauth_uri"].startswith("otpauth://totp/Caseflow:nurse.2fe?secret=")
    wrong = client.post("/api/v1/me/two-factor/confirm", headers=headers, json={"otp": "000000"})
    assert wrong.status_code == 422
    confirmed = client.post(
        "/api/v1/me/two-factor/confirm", headers=headers, json={"otp": code_at(secret)}
    )
    assert confirmed.status_code == 200 and len(confirmed.json["recovery_codes"]) == 10

    missing = client.post("/api/v1/tokens", json=credentials)
    assert missing.status_code == 401 and missing.json["error"]["code"] == "otp_required"
    bad = client.post("/api/v1/tokens", json={**credentials, "otp": "123456"})
    assert bad.status_code == 401 and bad.json["error"]["code"] == "otp_invalid"
    code = code_at(secret, 1)
    assert client.post("/api/v1/tokens", json={**credentials, "otp": code}).status_code == 201
    replay = client.post("/api/v1/tokens", json={**credentials, "otp": code})
    assert replay.status_code == 401 and replay.json["error"]["code"] == "otp_invalid"

    removed = client.delete(
        "/api/v1/me/two-factor", headers=headers, json={"otp": confirmed.json["recovery_codes"][0]}
    )
    assert removed.status_code == 204
    assert client.post("/api/v1/tokens", json=credentials).status_code == 201


@pytest.mark.parametrize("role, must", [(Role.SUPERVISOR, True), (Role.PROTECTOR, False)])
def test_when_required_supervisors_are_sent_to_enrolment(
    app, make_user, login_as, client, monkeypatch, role, must
):
    monkeypatch.setitem(app.config, "REQUIRE_2FA", True)
    make_user(
        role, JKM, username="jkm.person", supervises=(JKM,) if role is Role.SUPERVISOR else ()
    )
    login_as("jkm.person", follow=False)
    answer = client.get("/cases")
    if must:
        assert answer.status_code == 302 and answer.headers["Location"] == "/account/two-factor"
        enrol_on_the_web(client)
        assert client.get("/cases").status_code == 200
    else:
        assert answer.status_code == 200


def test_two_factor_is_required_in_production_and_off_in_the_demo():
    from config import DevelopmentConfig, ProductionConfig

    assert ProductionConfig.REQUIRE_2FA is True
    assert DevelopmentConfig.REQUIRE_2FA is False


def test_when_required_the_api_issues_no_token_before_enrolment(
    app, make_user, client, monkeypatch
):
    monkeypatch.setitem(app.config, "REQUIRE_2FA", True)
    make_user(Role.SUPERVISOR, JKM, username="jkm.boss", supervises=(JKM,))
    answer = client.post("/api/v1/tokens", json={"username": "jkm.boss", "password": PASSWORD})
    assert answer.status_code == 403 and answer.json["error"]["code"] == "two_factor_required"
