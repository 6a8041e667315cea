"""The steps each user is offered on a case, on the API and the case page, and how they are
recorded: only the steps the rules allow, none preselected, statutory ones confirmed."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import AuditRecord, CaseEvent
from tests.support import facility_id, post_form, register_on_page

JKM_OFFICE = "kdh-jkm-pejabat-kebajikan-masyarakat-daerah-kota-setar"
COURT_AND_DISPOSAL = {
    "charge_registered",
    "hearing",
    "case_disposed",
    "child_before_court",
    "interim_order_made",
}
CLINIC_CASE = {
    "child": {"given_name": "Aina", "age_estimate": 9, "sex": "female", "state": "KDH"},
    "source": {"type": "clinic", "reported_at": "2026-03-19T09:00:00+08:00"},
    "concerns": [{"form": "sexual_abuse"}],
    "risk_level": "high",
}


def clinic_case(api) -> int:
    created = api("clinic.nurse", "post", "/cases", json=CLINIC_CASE)
    assert created.status_code == 201, created.json
    return created.json["id"]


def steps_of(api, username, case_id) -> dict:
    answer = api(username, "get", f"/cases/{case_id}/steps")
    assert answer.status_code == 200, answer.json
    return {step["type"]: step for step in answer.json["items"]}


def version(api, username, case_id) -> int:
    return api(username, "get", f"/cases/{case_id}").json["version"]


def referred_to_jkm(api, app, case_id) -> int:
    """The nurse refers her case to the district JKM office; returns the referral's id."""
    with app.app_context():
        office = facility_id(JKM_OFFICE)
    sent = api(
        "clinic.nurse",
        "post",
        f"/cases/{case_id}/referrals",
        json={
            "to_facility_id": office,
            "reason": "Child needs protection",
            "urgency": "urgent",
            "version": version(api, "clinic.nurse", case_id),
        },
    )
    assert sent.status_code == 201, sent.json
    return sent.json["id"]


def test_the_clinic_nurse_is_offered_no_court_or_disposal_step(api):
    case_id = clinic_case(api)
    offered = steps_of(api, "clinic.nurse", case_id)
    assert not COURT_AND_DISPOSAL & set(offered)
    assert "school_report_sent" not in offered and "initial_assessment" not in offered
    assert offered["protector_notified"]["confirm"] is True
    assert offered["protector_notified"]["label"] == "Protector notified"
    assert offered["police_report_lodged"]["fields"][0] == {
        "name": "report_number",
        "label": "Police report number",
        "required": True,
    }
    charge = api(
        "clinic.nurse",
        "post",
        f"/cases/{case_id}/events",
        json={
            "type": "case_disposed",
            "at": "2026-03-20T09:00:00+08:00",
            "outcome": "convicted",
            "version": version(api, "clinic.nurse", case_id),
        },
    )
    assert charge.status_code == 403  # the same rule refuses what is not offered


def test_the_owning_protector_is_offered_the_initial_assessment(api, app):
    case_id = clinic_case(api)
    referral = referred_to_jkm(api, app, case_id)
    for step in ("acknowledge", "accept"):
        assert api("jkm.supervisor", "post", f"/referrals/{referral}/{step}").status_code == 200
    protector = api("jkm.protector", "get", "/me").json["id"]
    assigned = api(
        "jkm.supervisor",
        "post",
        f"/cases/{case_id}/assignment",
        json={"officer_id": protector, "version": version(api, "jkm.supervisor", case_id)},
    )
    assert assigned.status_code == 200, assigned.json
    offered = steps_of(api, "jkm.protector", case_id)
    assert "initial_assessment" in offered and "school_report_sent" not in offered
    assert "case_disposed" not in offered  # nothing has been charged yet
    step = {"type": "initial_assessment", "at": "2026-03-20T09:00:00+08:00"}
    recorded = api(
        "jkm.protector",
        "post",
        f"/cases/{case_id}/events",
        json={**step, "version": version(api, "jkm.protector", case_id)},
    )
    assert recorded.status_code == 201
    assert "initial_assessment" not in steps_of(api, "jkm.protector", case_id)
    again = api(
        "jkm.protector",
        "post",
        f"/cases/{case_id}/events",
        json={**step, "version": version(api, "jkm.protector", case_id)},
    )
    assert again.status_code == 409 and "once" in again.json["error"]["message"]


def test_steps_are_404_outside_the_circle_and_the_read_is_recorded(api, app):
    case_id = clinic_case(api)
    assert api("jkm.protector.sgr", "get", f"/cases/{case_id}/steps").status_code == 404
    steps_of(api, "clinic.nurse", case_id)
    with app.app_context():
        details = db.session.scalars(
            select(AuditRecord.detail).where(AuditRecord.action == "read_view")
        ).all()
        assert any((d or {}).get("what") == "steps" for d in details)


def step_form(page: str) -> str:
    return re.search(r'<select[^>]*name="type".*?</select>', page, re.S).group(0)


def test_the_step_form_preselects_nothing_and_offers_only_allowed_steps(as_user):
    nurse = as_user("clinic.nurse")
    case_id = register_on_page(nurse)
    page = nurse.get(f"/cases/{case_id}").get_data(as_text=True)
    select_html = step_form(page)
    options = re.findall(r'<option([^>]*)value="([^"]*)"', select_html)
    assert options[0][1] == ""  # the empty first choice
    assert "selected" not in select_html
    values = {value for _, value in options}
    assert "protector_notified" in values and not COURT_AND_DISPOSAL & values
    at_input = re.search(r'<input[^>]*name="at"[^>]*>', page).group(0)
    assert 'value=""' in at_input or "value=" not in at_input  # no minute prefilled
    assert 'step="1"' in at_input
    pressed = post_form(
        nurse, f"/cases/{case_id}/events", {"at": ""}, token_from=f"/cases/{case_id}"
    )
    assert pressed.status_code == 422  # Record alone records nothing


def test_a_statutory_step_is_refused_without_confirmation_and_the_input_kept(app, as_user):
    nurse = as_user("clinic.nurse")
    case_id = register_on_page(nurse)
    shown = f"/cases/{case_id}"
    step = {"type": "protector_notified", "at": "", "text": "Telephoned the JKM duty officer"}
    refused = post_form(nurse, f"{shown}/events", step, token_from=shown)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Tick the box to confirm this step." in page
    assert "Telephoned the JKM duty officer" in page
    assert re.search(r'<option selected value="protector_notified"', step_form(page))
    before = datetime.now(UTC)
    done = post_form(nurse, f"{shown}/events", {**step, "confirmed": "y"}, token_from=shown)
    assert done.status_code == 302
    with app.app_context():
        event = db.session.scalar(
            select(CaseEvent).where(
                CaseEvent.case_id == case_id, CaseEvent.type == "protector_notified"
            )
        )
        # an empty "when" is the moment of Record, to the second (not the minute the page loaded)
        assert before - timedelta(seconds=1) <= event.at <= datetime.now(UTC)
        assert event.at == event.recorded_at


def test_the_timeline_names_fields_by_their_labels_and_keeps_recording_order(app, api, as_user):
    case_id = clinic_case(api)
    referred_to_jkm(api, app, case_id)
    note = {"type": "note", "at": "", "text": "Seen with her aunt"}
    nurse = as_user("clinic.nurse")
    shown = f"/cases/{case_id}"
    assert post_form(nurse, f"{shown}/events", note, token_from=shown).status_code == 302
    report = {"type": "police_report_lodged", "at": "", "report_number": "KDH/1234/26"}
    assert post_form(nurse, f"{shown}/events", report, token_from=shown).status_code == 302
    page = nurse.get(shown).get_data(as_text=True)
    timeline = page[page.index('id="timeline"') :]
    assert "Urgency: Urgent" in timeline and "Referral to: Pejabat Kebajikan" in timeline
    assert "Note: Seen with her aunt" in timeline
    assert "Police report number: KDH/1234/26" in timeline
    for raw in ("text:", "urgency:", "report_number:", "to_facility_id"):
        assert raw not in timeline
    # two steps recorded in the same minute keep the order they were recorded in
    assert timeline.index("Seen with her aunt") < timeline.index("KDH/1234/26")
    exported = nurse.get(f"{shown}/timeline.csv").get_data(as_text=True)
    assert "Police report number: KDH/1234/26" in exported and "Urgency: Urgent" in exported
    assert "report_number:" not in exported and "text:" not in exported
