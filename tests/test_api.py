"""The JSON API: the same journey, access rules and errors as the pages (API.md)."""

import re

import pytest

from caseflow.services import accounts
from tests.support import facility_id, post_form

OSCC = "kdh-oscc-oscc-hospital-sultanah-bahiyah"
JKM = "kdh-jkm-pejabat-kebajikan-masyarakat-daerah-kota-setar"
D11 = "kdh-police-d11-ipk-kedah"
BODY = {
    "child": {
        "given_name": "Siti",
        "family_name": "Contoh",
        "date_of_birth": "2014-05-02",
        "age_estimate": None,
        "sex": "female",
        "state": "KDH",
        "district": "Kota Setar",
    },
    "source": {"type": "clinic", "reported_at": "2026-03-19T09:00:00+08:00"},
    "concerns": [{"form": "sexual_extortion", "online": True, "platforms": ["instagram"]}],
    "risk_level": "high",
    "narrative": "Synthetic.",
}


def ids(app, *codes):
    with app.app_context():
        return [facility_id(code) for code in codes]


def test_journey_through_the_api(app, api):
    oscc, jkm, d11 = ids(app, OSCC, JKM, D11)
    created = api("clinic.nurse", "post", "/cases", json=BODY)
    assert created.status_code == 201 and re.fullmatch(r"CF-\d{4}-\d{6}", created.json["reference"])
    case = created.json["id"]

    def refer_and_accept(sender, receiver, to):
        version = api(sender, "get", f"/cases/{case}").json["version"]
        sent = api(
            sender,
            "post",
            f"/cases/{case}/referrals",
            json={
                "to_facility_id": to,
                "reason": "next step",
                "urgency": "urgent",
                "version": version,
            },
        )
        assert sent.status_code == 201, sent.json
        for step in ("acknowledge", "accept"):
            answer = api(receiver, "post", f"/referrals/{sent.json['id']}/{step}")
            assert answer.status_code == 200, answer.json

    refer_and_accept("clinic.nurse", "oscc.doctor", oscc)
    refer_and_accept("oscc.doctor", "jkm.supervisor", jkm)
    with app.app_context():
        protector = accounts.find_user("jkm.protector").id
    version = api("jkm.supervisor", "get", f"/cases/{case}").json["version"]
    assigned = api(
        "jkm.supervisor",
        "post",
        f"/cases/{case}/assignment",
        json={"officer_id": protector, "version": version},
    )
    assert assigned.json["status"] == "assigned"
    refer_and_accept("jkm.protector", "d11.officer", d11)
    seen = api("d11.officer", "get", f"/cases/{case}").json
    assert seen["owner"]["facility"]["id"] == jkm and seen["owner"]["officer"]["id"] == protector
    timeline = api("jkm.protector", "get", f"/cases/{case}/timeline").json
    assert timeline["items"][0]["type"] == "case_registered" and timeline["total"] == 1 + 3 * 3 + 1
    for path in (f"/cases/{case}", f"/cases/{case}/timeline"):
        assert api("jkm.protector.sgr", "get", path).status_code == 404
    outsider_step = api(
        "jkm.protector.sgr",
        "post",
        f"/cases/{case}/events",
        json={"type": "note", "at": "2026-03-20T09:00:00+08:00", "text": "x", "version": 1},
    )
    assert outsider_step.status_code == 404
    assert (
        api("jkm.protector.sgr", "get", f"/cases?q={created.json['reference']}").json["total"] == 0
    )


def test_stale_version_answers_409_and_changes_nothing(app, api):
    case = api("clinic.nurse", "post", "/cases", json=BODY).json["id"]
    step = {"type": "note", "at": "2026-03-20T09:00:00+08:00", "text": "first"}
    version = api("clinic.nurse", "get", f"/cases/{case}").json["version"]
    assert (
        api(
            "clinic.nurse", "post", f"/cases/{case}/events", json={**step, "version": version}
        ).status_code
        == 201
    )
    stale = api("clinic.nurse", "post", f"/cases/{case}/events", json={**step, "version": version})
    assert stale.status_code == 409 and stale.json["error"]["code"] == "conflict"
    assert api("clinic.nurse", "get", f"/cases/{case}/timeline").json["total"] == 2


def test_validation_errors_name_each_field(api):
    body = {**BODY, "child": {**BODY["child"], "date_of_birth": None}, "colour": "blue"}
    answer = api("clinic.nurse", "post", "/cases", json=body)
    assert answer.status_code == 422
    assert set(answer.json["error"]["fields"]) == {"colour"}
    answer = api(
        "clinic.nurse",
        "post",
        "/cases",
        json={**BODY, "child": {**BODY["child"], "date_of_birth": None}},
    )
    assert answer.status_code == 422 and "child.date_of_birth" in answer.json["error"]["fields"]


def test_refused_step_is_403_or_409_with_a_reason(app, api):
    (oscc,) = ids(app, OSCC)
    case = api("clinic.nurse", "post", "/cases", json=BODY).json
    sent = api(
        "clinic.nurse",
        "post",
        f"/cases/{case['id']}/referrals",
        json={
            "to_facility_id": oscc,
            "reason": "exam",
            "urgency": "routine",
            "version": case["version"],
        },
    ).json
    early = api("oscc.doctor", "post", f"/referrals/{sent['id']}/accept")
    assert early.status_code == 409 and "Acknowledge" in early.json["error"]["message"]
    assert (
        api("jkm.protector.sgr", "post", f"/referrals/{sent['id']}/acknowledge").status_code == 404
    )
    no_reason = api("oscc.doctor", "post", f"/referrals/{sent['id']}/decline", json={})
    assert no_reason.status_code == 422


def test_tokens_not_sessions_authenticate_the_api(client, demo_users):
    assert client.get("/api/v1/me").status_code == 401
    post_form(client, "/login", {"username": "clinic.nurse", "password": "caseflow-demo"})
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me").status_code == 401  # a web session is not a token
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer forged"}).status_code == 401
    wrong = client.post("/api/v1/tokens", json={"username": "clinic.nurse", "password": "nope"})
    assert wrong.status_code == 401 and wrong.json["error"]["code"] == "unauthorized"


def test_token_does_not_open_web_pages(client, api):
    token = client.post(
        "/api/v1/tokens", json={"username": "admin", "password": "caseflow-demo"}
    ).json["token"]
    fresh = client.application.test_client()
    assert (
        fresh.get("/admin/users", headers={"Authorization": f"Bearer {token}"}).status_code == 302
    )


def test_lists_are_paginated_and_bounded(api):
    page = api("clinic.nurse", "get", "/facilities?type=oscc&per_page=5").json
    assert page["per_page"] == 5 and len(page["items"]) == 5 and page["total"] > 16
    assert all(item["type"] == "oscc" for item in page["items"])
    too_many = api("clinic.nurse", "get", "/facilities?per_page=500")
    assert too_many.status_code == 422 and "per_page" in too_many.json["error"]["fields"]
    court = api("clinic.nurse", "get", "/facilities?type=court&state=SWK").json["items"]
    assert any(c["special"] for c in court)


def test_me_names_the_user_and_their_supervised_facilities(app, api):
    me = api("jkm.supervisor", "get", "/me").json
    assert me["role"] == "supervisor" and me["facility"]["state"] == "KDH"
    assert [f["name"] for f in me["supervises"]] == [
        "Pejabat Kebajikan Masyarakat Daerah Kota Setar"
    ]


def test_openapi_document_describes_every_endpoint(app, client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.")
    described = {(path, method) for path, ops in document["paths"].items() for method in ops}
    served = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = re.sub(r"<(?:id:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            served.add((path, method.lower()))
    assert served == described


@pytest.mark.parametrize("huge", [2**31, 2**63, 10**30])
def test_ids_beyond_the_database_range_are_not_found_not_server_errors(api, huge):
    assert api("clinic.nurse", "get", f"/cases/{huge}").status_code == 404
    refer = api(
        "clinic.nurse",
        "post",
        "/cases",
        json={**BODY, "source": {**BODY["source"], "facility_id": huge}},
    )
    assert refer.status_code == 422 and "source.facility_id" in refer.json["error"]["fields"]
    assert api("clinic.nurse", "get", f"/cases?owner={huge}").status_code == 422
    assert api("clinic.nurse", "get", f"/facilities?page={huge}").status_code == 422


def test_unmatched_api_path_answers_json_even_with_a_json_body(client):
    answer = client.post("/api/v1/cases/0/assignment", json=[None, None])
    assert answer.status_code == 404 and answer.json["error"]["code"] == "not_found"


def test_web_page_with_a_huge_id_is_a_plain_404(client, demo_users):
    post_form(client, "/login", {"username": "clinic.nurse", "password": "caseflow-demo"})
    assert client.get(f"/cases/{2**64}").status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/api/v1/tokens", {"username": "\x00", "password": "x"}),
        ("get", "/api/v1/facilities?state=K%00", None),
        ("get", "/login?next=/cases%00", None),
    ],
)
def test_nul_characters_are_refused_at_the_door(client, method, path, body):
    answer = getattr(client, method)(path, **({"json": body} if body else {}))
    assert answer.status_code == 400
