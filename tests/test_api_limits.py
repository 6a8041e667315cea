"""The API keeps the web forms' limits, refuses what no honest client sends, and says why."""

import pytest
from sqlalchemy import func, select

from caseflow.domain import limits
from caseflow.extensions import db
from caseflow.models import CaseEvent
from tests.support import post_form, register_on_page
from tests.test_api import BODY

NOTE = {"type": "note", "at": "2026-03-20T09:00:00+08:00"}


@pytest.fixture
def case(api):
    return api("clinic.nurse", "post", "/cases", json=BODY).json


def events_of(app, case_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).where(CaseEvent.case_id == case_id))


def test_a_body_over_one_mebibyte_is_413_in_json(api, case):
    body = {**NOTE, "version": case["version"], "text": "x" * (2 * 1024 * 1024)}
    answer = api("clinic.nurse", "post", f"/cases/{case['id']}/events", json=body)
    assert answer.status_code == 413
    assert answer.json["error"]["code"] == "payload_too_large"


def test_a_note_longer_than_the_forms_allow_is_422_naming_text(app, api, case):
    body = {**NOTE, "version": case["version"], "text": "x" * (limits.NOTE + 1)}
    answer = api("clinic.nurse", "post", f"/cases/{case['id']}/events", json=body)
    assert answer.status_code == 422 and "text" in answer.json["error"]["fields"]
    fits = api(
        "clinic.nurse",
        "post",
        f"/cases/{case['id']}/events",
        json={**body, "text": "x" * limits.NOTE},
    )
    assert fits.status_code == 201


def test_a_json_object_as_note_text_is_refused(app, api, case):
    body = {**NOTE, "version": case["version"], "text": {"nested": "object"}}
    answer = api("clinic.nurse", "post", f"/cases/{case['id']}/events", json=body)
    assert answer.status_code == 422 and "text" in answer.json["error"]["fields"]
    assert events_of(app, case["id"]) == 1


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("events", {**NOTE, "text": "no version"}),
        ("referrals", {"to_facility_id": 1, "reason": "exam", "urgency": "routine"}),
        ("assignment", {"officer_id": 1}),
    ],
)
def test_every_write_to_a_case_needs_the_version_it_read(app, api, case, path, body):
    answer = api("clinic.nurse", "post", f"/cases/{case['id']}/{path}", json=body)
    assert answer.status_code == 422 and "version" in answer.json["error"]["fields"]
    assert events_of(app, case["id"]) == 1


def test_a_stale_referral_is_409_and_sends_nothing(app, api, case):
    from tests.test_api import OSCC, ids

    (oscc,) = ids(app, OSCC)
    note = {**NOTE, "text": "first", "version": case["version"]}
    api("clinic.nurse", "post", f"/cases/{case['id']}/events", json=note)
    refer = {"to_facility_id": oscc, "reason": "exam", "urgency": "routine"}
    stale = api(
        "clinic.nurse",
        "post",
        f"/cases/{case['id']}/referrals",
        json={**refer, "version": case["version"]},
    )
    assert stale.status_code == 409
    assert api("clinic.nurse", "get", f"/cases/{case['id']}").json["referrals"] == []


def test_a_referral_answers_once(app, api, case):
    """A second accept, or an accept after a decline, is a conflict and writes no event."""
    from tests.test_api import OSCC, ids

    (oscc,) = ids(app, OSCC)
    sent = api(
        "clinic.nurse",
        "post",
        f"/cases/{case['id']}/referrals",
        json={"to_facility_id": oscc, "reason": "exam", "urgency": "routine"}
        | {"version": case["version"]},
    ).json
    answers = f"/referrals/{sent['id']}"
    assert api("oscc.doctor", "post", f"{answers}/acknowledge").status_code == 200
    assert api("oscc.doctor", "post", f"{answers}/accept").status_code == 200
    before = events_of(app, case["id"])
    again = api("oscc.doctor", "post", f"{answers}/accept")
    assert again.status_code == 409 and again.json["error"]["code"] == "conflict"
    late_decline = api("oscc.doctor", "post", f"{answers}/decline", json={"reason": "no"})
    assert late_decline.status_code == 409
    assert events_of(app, case["id"]) == before


def test_every_api_answer_is_never_cached(api, client, case):
    for answer in (
        api("clinic.nurse", "get", f"/cases/{case['id']}"),
        api("clinic.nurse", "get", "/cases/999999"),
        client.get("/api/v1/openapi.json"),
    ):
        assert answer.headers["Cache-Control"] == "no-store"


def test_the_page_refuses_a_long_note_and_a_huge_body_as_the_api_does(app, as_user):
    nurse = as_user("clinic.nurse")
    case_id = register_on_page(nurse)
    step = {"type": "note", "at": "2026-03-20T09:00", "text": "x" * (limits.NOTE + 1)}
    long_note = post_form(nurse, f"/cases/{case_id}/events", step, token_from=f"/cases/{case_id}")
    assert long_note.status_code == 422
    page = long_note.get_data(as_text=True)
    assert "x" * (limits.NOTE + 1) in page  # the input is kept
    huge = post_form(
        nurse,
        f"/cases/{case_id}/events",
        {**step, "text": "x" * (2 * 1024 * 1024)},
        token_from=f"/cases/{case_id}",
    )
    assert huge.status_code == 413
    assert events_of(app, case_id) == 1


def test_the_page_says_when_someone_else_changed_the_case_and_keeps_the_input(app, as_user):
    nurse = as_user("clinic.nurse")
    case_id = register_on_page(nurse)
    shown = f"/cases/{case_id}"
    first = {"type": "note", "at": "2026-03-20T09:00", "text": "first"}
    assert post_form(nurse, f"{shown}/events", first, token_from=shown).status_code == 302
    stale = {"type": "note", "at": "2026-03-20T09:05", "text": "typed on an old page"}
    answer = post_form(nurse, f"{shown}/events", {**stale, "version": "1"}, token_from=shown)
    assert answer.status_code == 409
    page = answer.get_data(as_text=True)
    assert "Someone else changed this case" in page and "typed on an old page" in page
    assert events_of(app, case_id) == 2
    missing = post_form(nurse, f"{shown}/events", {**stale, "version": ""}, token_from=shown)
    assert missing.status_code == 422
    assert "This form is out of date" in missing.get_data(as_text=True)
    assert events_of(app, case_id) == 2
