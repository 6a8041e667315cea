"""Twenty writers at once on one case or referral: one wins, every other gets 409, never 500.

Each writer sends the version it read (or answers a referral in the status it read). On
PostgreSQL the losers block on the row and then find the version moved; on SQLite they queue
for the database lock. Either way nothing is written twice and nothing answers 500.
"""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from sqlalchemy import func, select

from caseflow.extensions import db
from caseflow.models import CaseEvent
from caseflow.services import accounts
from tests.test_api import BODY, JKM, OSCC, ids

WRITERS = 20


def tokens_for(client, username: str) -> list[str]:
    answers = [
        client.post("/api/v1/tokens", json={"username": username, "password": "caseflow-demo"})
        for _ in range(WRITERS)
    ]
    return [a.json["token"] for a in answers]


def all_at_once(app, tokens: list[str], path: str, body: dict | None) -> list[int]:
    """Each writer on its own client and connection, released together by a barrier."""
    start = Barrier(len(tokens))

    def write(token: str) -> int:
        client = app.test_client()
        start.wait()
        headers = {"Authorization": f"Bearer {token}"}
        return client.post(f"/api/v1{path}", json=body, headers=headers).status_code

    with ThreadPoolExecutor(len(tokens)) as pool:
        return list(pool.map(write, tokens))


def events_of(app, case_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).where(CaseEvent.case_id == case_id))


def test_twenty_notes_on_one_version_write_one(app, api, client):
    case = api("clinic.nurse", "post", "/cases", json=BODY).json
    body = {"type": "note", "at": "2026-03-20T09:00:00+08:00", "text": "x", "version": 2}
    body["version"] = case["version"]
    statuses = all_at_once(
        app, tokens_for(client, "clinic.nurse"), f"/cases/{case['id']}/events", body
    )
    assert sorted(statuses) == [201] + [409] * (WRITERS - 1)
    assert events_of(app, case["id"]) == 2


def test_twenty_referrals_on_one_version_send_one(app, api, client):
    (oscc,) = ids(app, OSCC)
    case = api("clinic.nurse", "post", "/cases", json=BODY).json
    body = {"to_facility_id": oscc, "reason": "exam", "urgency": "urgent"}
    body["version"] = case["version"]
    tokens = tokens_for(client, "clinic.nurse")
    statuses = all_at_once(app, tokens, f"/cases/{case['id']}/referrals", body)
    assert sorted(statuses) == [201] + [409] * (WRITERS - 1)
    assert len(api("clinic.nurse", "get", f"/cases/{case['id']}").json["referrals"]) == 1


def test_twenty_accepts_of_one_referral_accept_once(app, api, client):
    (oscc,) = ids(app, OSCC)
    case = api("clinic.nurse", "post", "/cases", json=BODY).json
    sent = api(
        "clinic.nurse",
        "post",
        f"/cases/{case['id']}/referrals",
        json={"to_facility_id": oscc, "reason": "exam", "urgency": "urgent"}
        | {"version": case["version"]},
    ).json
    api("oscc.doctor", "post", f"/referrals/{sent['id']}/acknowledge")
    before = events_of(app, case["id"])
    tokens = tokens_for(client, "oscc.doctor")
    statuses = all_at_once(app, tokens, f"/referrals/{sent['id']}/accept", None)
    assert sorted(statuses) == [200] + [409] * (WRITERS - 1)
    assert events_of(app, case["id"]) == before + 1


def test_twenty_assignments_on_one_version_assign_once(app, api, client):
    (jkm,) = ids(app, JKM)
    case = api("clinic.nurse", "post", "/cases", json=BODY).json
    version = case["version"]
    sent = api(
        "clinic.nurse",
        "post",
        f"/cases/{case['id']}/referrals",
        json={"to_facility_id": jkm, "reason": "protection", "urgency": "urgent"}
        | {"version": version},
    ).json
    for step in ("acknowledge", "accept"):
        api("jkm.supervisor", "post", f"/referrals/{sent['id']}/{step}")
    with app.app_context():
        protector = accounts.find_user("jkm.protector").id
    version = api("jkm.supervisor", "get", f"/cases/{case['id']}").json["version"]
    before = events_of(app, case["id"])
    body = {"officer_id": protector, "version": version}
    tokens = tokens_for(client, "jkm.supervisor")
    statuses = all_at_once(app, tokens, f"/cases/{case['id']}/assignment", body)
    assert sorted(statuses) == [200] + [409] * (WRITERS - 1)
    assert events_of(app, case["id"]) == before + 1
