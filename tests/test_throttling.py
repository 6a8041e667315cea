"""Throttled sign-in: unknown usernames answer exactly as real ones; limits per name and address."""

from datetime import UTC, datetime

import pytest

from caseflow.domain.roles import Role
from tests.support import PASSWORD, post_form

CLINIC = "kdh-clinic-klinik-kesihatan-bandar-alor-setar"
MOMENT = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def answer_text(page) -> str:
    """The page's error messages (the rest differs only by its CSRF token)."""
    html = page.get_data(as_text=True)
    start = html.index('<div class="errors"')
    return html[start : html.index("</div>", start)]


@pytest.fixture
def frozen(monkeypatch):
    """Every try at one instant, so locked-until times can be compared exactly."""
    for where in ("caseflow.web.auth.utc_now", "caseflow.api.tokens.utc_now"):
        monkeypatch.setattr(where, lambda: MOMENT)


def test_unknown_and_real_usernames_get_the_same_answer_at_tries_1_to_7(app, make_user, frozen):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.real")
    real, unknown = app.test_client(), app.test_client()
    for attempt in range(1, 8):
        pages = [
            post_form(c, "/login", {"username": name, "password": f"wrong-guess-{attempt}"})
            for c, name in ((real, "nurse.real"), (unknown, "nurse.ghost"))
        ]
        assert pages[0].status_code == pages[1].status_code == 401, attempt
        assert answer_text(pages[0]) == answer_text(pages[1]), attempt
        expected = "Wrong username or password." if attempt < 5 else "This account is locked"
        assert expected in answer_text(pages[0]), attempt


def test_the_api_answers_alike_for_unknown_and_real_usernames(app, make_user, client, frozen):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.real2")
    for attempt in range(1, 8):
        answers = [
            client.post("/api/v1/tokens", json={"username": name, "password": "wrong-guess-x"})
            for name in ("nurse.real2", "nurse.ghost2")
        ]
        # Each answer has its own request id; all else must be the same.
        bodies = [a.get_json() for a in answers]
        for a, body in zip(answers, bodies, strict=True):
            assert body["error"].pop("request_id") == a.headers["X-Request-ID"]
        pairs = zip(answers, bodies, strict=True)
        seen = [(a.status_code, b, a.headers.get("Retry-After")) for a, b in pairs]
        assert seen[0] == seen[1], attempt
        assert seen[0][0] == (401 if attempt < 5 else 429), attempt


def test_past_sixty_failures_a_minute_one_address_gets_429(app, client):
    for n in range(60):  # sixty different usernames: no lock ever, only the address counts
        answer = client.post("/api/v1/tokens", json={"username": f"spray{n}", "password": "x" * 12})
        assert answer.status_code == 401, n
    refused = client.post("/api/v1/tokens", json={"username": "spray-next", "password": "x" * 12})
    assert refused.status_code == 429 and 1 <= int(refused.headers["Retry-After"]) <= 60
    page = post_form(client, "/login", {"username": "someone", "password": "x" * 12})
    assert page.status_code == 429 and "Too many sign-in attempts" in page.get_data(as_text=True)
    other = app.test_client()  # another address is not held back
    elsewhere = other.post(
        "/api/v1/tokens",
        json={"username": "spray-next", "password": "x" * 12},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert elsewhere.status_code == 401


def test_past_ten_failures_a_minute_one_username_gets_429(app, make_user, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.ten2")
    statuses = []
    for n in range(11):
        answer = client.post(
            "/api/v1/tokens",
            json={"username": "nurse.ten2", "password": "wrong-guess-x"},
            environ_base={"REMOTE_ADDR": f"10.0.1.{n}"},
        )
        statuses.append((answer.status_code, answer.json["error"]["message"]))
    assert statuses[-1] == (429, "Too many sign-in attempts. Wait and try again.")
    assert all(s[1] != statuses[-1][1] for s in statuses[:-1])


def test_an_administrator_lifts_a_lock_at_once(app, make_user, login_as, client):
    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.lock")
    make_user(Role.ADMINISTRATOR, "national-jkm-headquarters", username="root")
    for _ in range(5):
        login_as("nurse.lock", "wrong-guess-again")
    admin = app.test_client()
    post_form(admin, "/login", {"username": "root", "password": PASSWORD})
    from caseflow.services import accounts

    with app.app_context():
        target = accounts.find_user("nurse.lock").id
    post_form(admin, f"/admin/users/{target}/unlock", {}, token_from=f"/admin/users/{target}")
    assert "<h1>Clinic home</h1>" in login_as("nurse.lock").get_data(as_text=True)


def test_an_unknown_username_costs_one_password_hash_like_a_real_one(
    make_user, login_as, monkeypatch
):
    """Equal work means equal time: the answer's timing tells no one which names exist."""
    from caseflow.services import password_hashes

    make_user(Role.CLINIC_STAFF, CLINIC, username="nurse.timing")
    checks = []
    original = password_hashes.check_password_hash
    monkeypatch.setattr(
        password_hashes, "check_password_hash", lambda *a: checks.append(1) or original(*a)
    )
    for name in ("nurse.timing", "nobody.timing"):
        for _ in range(7):
            login_as(name, "wrong-guess-again")
    assert len(checks) == 14
