"""The same child registered twice: shown inside the circle, told to the owner outside it."""

import copy
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from caseflow.extensions import db
from caseflow.models import AuditRecord, Case, CaseEvent
from caseflow.services import accounts, cases, links
from caseflow.services.audit import Actor
from caseflow.services.errors import Conflict
from tests.support import CASE_FORM, facility_id, post_form, register_on_page
from tests.test_access_log import reads

SCHOOL = "kdh-school-smk-sultanah-asma"
BODY = {
    "child": {
        "given_name": "Nur Aisyah",
        "family_name": "binti Ahmad",
        "date_of_birth": "2014-05-02",
        "sex": "female",
        "state": "KDH",
        "district": "Kota Setar",
        "identity_number": None,
    },
    "source": {"type": "clinic", "reported_at": "2026-03-19T09:00:00+08:00"},
    "concerns": [{"form": "grooming", "online": True, "platforms": ["whatsapp"]}],
    "risk_level": "high",
}


def body(given: str, family: str = "", **child) -> dict:
    out = copy.deepcopy(BODY)
    out["child"].update(given_name=given, family_name=family, **child)
    return out


def test_clinic_registering_a_near_duplicate_of_its_own_case_is_shown_it(api):
    first = api("clinic.nurse", "post", "/cases", json=BODY).json
    assert first["possible_duplicates"] == []
    second = api("clinic.nurse", "post", "/cases", json=body("Nurul Aishah bt Ahmad"))
    assert second.status_code == 201
    [found] = second.json["possible_duplicates"]
    assert found["id"] == first["id"] and found["reference"] == first["reference"]
    assert found["score"] >= 0.7
    assert {"name", "family_name", "date_of_birth", "district"} <= set(found["reasons"])
    listed = api("clinic.nurse", "get", f"/cases/{second.json['id']}/possible-duplicates").json
    assert [f["id"] for f in listed["items"]] == [first["id"]]
    # No one outside the circle learns even that the case exists.
    outsider = api("jkm.protector.sgr", "get", f"/cases/{second.json['id']}/possible-duplicates")
    assert outsider.status_code == 404


def test_different_child_sharing_a_family_name_and_birth_year_is_not_shown(api):
    api("clinic.nurse", "post", "/cases", json=body("Tan Mei Ling"))
    other = body("Tan Wei Jie", date_of_birth="2014-11-20", sex="male")
    assert api("clinic.nurse", "post", "/cases", json=other).json["possible_duplicates"] == []


def test_school_registering_the_same_child_learns_nothing_and_the_clinic_is_told(app, api):
    clinic_case = api("clinic.nurse", "post", "/cases", json=BODY).json
    school_body = body("Nuraisyah", "Ahmad")
    school_body["source"]["type"] = "school"
    school = api("school.counsellor", "post", "/cases", json=school_body)
    assert school.status_code == 201
    assert school.json["possible_duplicates"] == []
    assert clinic_case["reference"] not in school.get_data(as_text=True)
    found = api("school.counsellor", "get", f"/cases/{school.json['id']}/possible-duplicates")
    assert found.json["items"] == []
    assert api("school.counsellor", "get", "/notifications").json["total"] == 0

    told = api("clinic.nurse", "get", "/notifications?unread=true").json["items"]
    [note] = [n for n in told if n["kind"] == "possible_duplicate"]
    assert note["case_id"] == clinic_case["id"] and note["reference"] == clinic_case["reference"]
    with app.app_context():
        assert note["about_facility"]["id"] == facility_id(SCHOOL)
    assert school.json["reference"] not in str(note)
    # The answer named the clinic's case: a read, as a list page records one.
    assert reads(app, "read_list")[-1] == ("clinic.nurse", [clinic_case["id"]])
    # The clinic still cannot open the school's case: the notification is not a key to it.
    assert api("clinic.nurse", "get", f"/cases/{school.json['id']}").status_code == 404
    with app.app_context():
        actions = set(db.session.scalars(select(AuditRecord.action)))
        assert "possible_duplicate_notified" in actions


def test_the_notification_page_names_the_facility_and_offers_a_referral(app, api, as_user):
    clinic_case = api("clinic.nurse", "post", "/cases", json=BODY).json
    school_body = body("Nur Aisyah binti Ahmad")
    school_body["source"]["type"] = "school"
    api("school.counsellor", "post", "/cases", json=school_body)
    page = as_user("clinic.nurse").get("/notifications").get_data(as_text=True)
    assert "SMK Sultanah Asma" in page and clinic_case["reference"] in page
    assert "refer_to=" in page
    # The page named the clinic's case: a read of it, and of nothing else.
    assert reads(app, "read_list")[-1] == ("clinic.nurse", [clinic_case["id"]])


def test_registration_page_shows_a_duplicate_in_the_circle_and_links_it(as_user, app):
    client = as_user("clinic.nurse")
    first = register_on_page(client, given_name="Muhammad Faiz bin Ali", family_name="", sex="male")
    page = post_form(
        client,
        "/cases/new",
        {
            **CASE_FORM,
            "given_name": "Mohd Faiz",
            "family_name": "b. Ali",
            "sex": "male",
        },
        follow_redirects=True,
    )
    text = page.get_data(as_text=True)
    assert "Possible duplicates" in text and f"/cases/{first}" in text
    with app.app_context():
        second = db.session.scalar(select(func.max(Case.id)))
        reference = db.session.get(Case, first).reference
    linked = post_form(
        client,
        f"/cases/{second}/link",
        {"other_case_id": first},
        token_from=f"/cases/{second}",
        follow_redirects=True,
    )
    assert "Linked cases" in linked.get_data(as_text=True)
    assert reference in linked.get_data(as_text=True)
    with app.app_context():
        types = db.session.scalars(select(CaseEvent.type).where(CaseEvent.case_id == first))
        assert "case_linked" in {t.value for t in types}


def test_identity_number_is_checked_and_finds_the_child_under_another_name(api, as_user):
    bad = api("clinic.nurse", "post", "/cases", json=body("Aina", identity_number="12345"))
    assert bad.status_code == 422 and "child.identity_number" in bad.json["error"]["fields"]
    page = post_form(as_user("clinic.nurse"), "/cases/new", {**CASE_FORM, "identity_number": "1"})
    assert page.status_code == 200
    assert "A MyKid or MyKad number has 12 digits." in page.get_data(as_text=True)
    first = api(
        "clinic.nurse", "post", "/cases", json=body("Aina", identity_number="140502-02-1234")
    ).json
    other = body("Nurul Aina", "binti Yusof", identity_number="140502021234", district=None)
    found = api("clinic.nurse", "post", "/cases", json=other).json["possible_duplicates"]
    assert [(f["id"], f["reasons"]) for f in found] == [(first["id"], ["identity_number"])]


def _event_ids(app, *case_ids) -> set[int]:
    with app.app_context():
        return set(db.session.scalars(select(CaseEvent.id).where(CaseEvent.case_id.in_(case_ids))))


def test_merge_and_its_undo_keep_every_event(app, api, as_user):
    jkm_body = body("Tan Mei Ling")
    jkm_body["source"]["type"] = "jkm"
    a = api("jkm.protector", "post", "/cases", json=jkm_body).json
    b = api("jkm.protector", "post", "/cases", json=body("Meiling Chen")).json
    assert [f["id"] for f in b["possible_duplicates"]] == [a["id"]]
    note = {
        "type": "note",
        "at": "2026-03-20T09:00:00+08:00",
        "text": "Synthetic.",
        "version": b["version"],
    }
    assert api("jkm.protector", "post", f"/cases/{b['id']}/events", json=note).status_code == 201
    before = _event_ids(app, a["id"], b["id"])

    protector = as_user("jkm.protector")
    post_form(
        protector,
        f"/cases/{a['id']}/merge",
        {"other_case_id": b["id"], "reason": "x"},
        token_from=f"/cases/{a['id']}",
    )
    assert api("jkm.protector", "get", f"/cases/{b['id']}").json["merged_into"] is None
    outsider = as_user("clinic.nurse")
    refused = post_form(
        outsider,
        f"/cases/{a['id']}/merge",
        {"other_case_id": b["id"], "reason": "x"},
        token_from="/cases",
    )
    assert refused.status_code == 404

    supervisor = as_user("jkm.supervisor")
    no_reason = post_form(
        supervisor,
        f"/cases/{a['id']}/merge",
        {"other_case_id": b["id"], "reason": " "},
        token_from=f"/cases/{a['id']}",
        follow_redirects=True,
    )
    assert "Say why these are the same child." in no_reason.get_data(as_text=True)
    merged = post_form(
        supervisor,
        f"/cases/{a['id']}/merge",
        {"other_case_id": b["id"], "reason": "Same MyKid seen at school."},
        token_from=f"/cases/{a['id']}",
        follow_redirects=True,
    )
    assert b["reference"] in merged.get_data(as_text=True)
    assert api("jkm.supervisor", "get", f"/cases/{b['id']}").json["merged_into"] == a["id"]
    listed = api("jkm.supervisor", "get", "/cases?status=all&per_page=200").json["items"]
    assert b["id"] not in {c["id"] for c in listed} and a["id"] in {c["id"] for c in listed}
    by_reference = api("jkm.supervisor", "get", f"/cases?q={b['reference']}").json["items"]
    assert [c["id"] for c in by_reference] == [a["id"]]
    timeline = api("jkm.supervisor", "get", f"/cases/{a['id']}/timeline?per_page=200").json
    assert before <= {e["id"] for e in timeline["items"]}
    assert [e["type"] for e in timeline["items"]].count("case_merged") == 2
    redirect = supervisor.get(f"/cases/{b['id']}")
    assert redirect.status_code == 302 and redirect.headers["Location"].startswith(
        f"/cases/{a['id']}"
    )

    undone = post_form(
        supervisor,
        f"/cases/{a['id']}/undo-merge",
        {"other_case_id": b["id"]},
        token_from=f"/cases/{a['id']}",
        follow_redirects=True,
    )
    assert "Merge undone" in undone.get_data(as_text=True)
    assert api("jkm.supervisor", "get", f"/cases/{b['id']}").json["merged_into"] is None
    after = _event_ids(app, a["id"], b["id"])
    assert before < after and len(after - before) == 4  # merged and undone, on both cases
    with app.app_context():
        actions = list(db.session.scalars(select(AuditRecord.action)))
        assert actions.count("cases_merged") == 1 and actions.count("merge_undone") == 1
    own = api("jkm.supervisor", "get", f"/cases/{b['id']}/timeline?per_page=200").json["items"]
    assert {e["type"] for e in own} >= {"case_registered", "note", "case_merged", "merge_undone"}


def test_a_merge_cannot_be_undone_after_thirty_days(app, act, case_input, demo_users):
    a = act("jkm.protector", cases.register_case, case_input(), case_input().reported_at)
    b = act(
        "jkm.protector",
        cases.register_case,
        case_input(given_name="Aina Contoh"),
        case_input().reported_at,
    )
    now = case_input().reported_at + timedelta(hours=1)
    with app.app_context():
        supervisor = Actor(accounts.find_user("jkm.supervisor"))
        links.merge(supervisor, db.session.get(Case, b), db.session.get(Case, a), "same", now)
        with pytest.raises(Conflict):
            links.undo_merge(supervisor, db.session.get(Case, b), now + timedelta(days=31))
        assert db.session.get(Case, b).merged_into_id == a
        links.undo_merge(supervisor, db.session.get(Case, b), now + timedelta(days=29))
        assert db.session.get(Case, b).merged_into_id is None


def test_administrator_tunes_the_thresholds_and_the_change_is_audited(app, as_user, api):
    admin = as_user("admin")
    page = "/admin/duplicate-thresholds"
    assert 'value="70"' in admin.get(page).get_data(as_text=True)
    refused = post_form(admin, page, {"show_at": "0", "notify_at": "80"})
    assert refused.status_code == 422
    assert post_form(admin, page, {"show_at": "99", "notify_at": "99"}).status_code == 302
    assert as_user("clinic.nurse").get(page).status_code == 403
    api("clinic.nurse", "post", "/cases", json=BODY)
    again = api("clinic.nurse", "post", "/cases", json=body("Nurul Aishah bt Ahmad")).json
    assert again["possible_duplicates"] == []  # 0.89 is below the administrator's 0.99
    with app.app_context():
        record = db.session.scalar(
            select(AuditRecord).where(AuditRecord.action == "duplicate_settings_changed")
        )
        assert record.detail["show_at"] == 99 and record.detail["show_at_before"] == 70


def test_a_link_shows_the_other_case_only_to_those_who_see_both(app, api, as_user):
    a = api("clinic.nurse", "post", "/cases", json=BODY).json
    b = api("clinic.nurse", "post", "/cases", json=body("Nurul Aisha", "bte Ahmad")).json
    with app.app_context():
        oscc = facility_id("kdh-oscc-oscc-hospital-sultanah-bahiyah")
    referral = {"to_facility_id": oscc, "reason": "assessment", "urgency": "urgent"}
    referral["version"] = a["version"]
    sent = api("clinic.nurse", "post", f"/cases/{a['id']}/referrals", json=referral)
    assert (
        api("oscc.doctor", "post", f"/referrals/{sent.json['id']}/acknowledge").status_code == 200
    )
    nurse = as_user("clinic.nurse")
    post_form(
        nurse, f"/cases/{a['id']}/link", {"other_case_id": b["id"]}, token_from=f"/cases/{a['id']}"
    )
    assert b["reference"] in nurse.get(f"/cases/{a['id']}").get_data(as_text=True)
    seen_by_oscc = as_user("oscc.doctor").get(f"/cases/{a['id']}").get_data(as_text=True)
    assert "Linked to another case of the same child" in seen_by_oscc  # the timeline event
    assert b["reference"] not in seen_by_oscc and "Linked cases" not in seen_by_oscc
    timeline = api("oscc.doctor", "get", f"/cases/{a['id']}/timeline").json["items"]
    assert str(b["id"]) not in str([e["data"] for e in timeline if e["type"] == "case_linked"])


def test_the_case_views_read_record_names_the_duplicates_the_page_showed(as_user, app):
    client = as_user("clinic.nurse")
    first = register_on_page(client, given_name="Muhammad Faiz bin Ali", family_name="", sex="male")
    second = register_on_page(client, given_name="Mohd Faiz", family_name="b. Ali", sex="male")
    page = client.get(f"/cases/{second}").get_data(as_text=True)
    assert f"/cases/{first}" in page, "the panel shows the other case"
    views = [ids for user, ids in reads(app, "case_viewed") if user == "clinic.nurse"]
    assert views[-1] == sorted([first, second])


def test_a_name_too_common_is_looked_up_in_the_childs_district(
    app, demo_users, act, case_input, monkeypatch
):
    """More candidates than one lookup scores: only those of the child's district are scored."""
    from caseflow.services import duplicates
    from tests.test_case_journey import NOW

    def register_in(district: str) -> int:
        return act("clinic.nurse", cases.register_case, case_input(district=district), NOW)

    elsewhere = [register_in("Kubang Pasu") for _ in range(3)]
    here = register_in("Kota Setar")
    monkeypatch.setattr(duplicates, "MAX_CANDIDATES", 3)
    duplicates._candidates_by_name.cache_clear()  # built with the limit in it
    try:
        with app.app_context():
            new = db.session.get(Case, register_in("Kota Setar"))
            found = set(duplicates.candidates(new))
            far = db.session.get(Case, elsewhere[0])
            from_far = set(duplicates.candidates(far))
    finally:
        duplicates._candidates_by_name.cache_clear()
    assert found == {here}
    assert from_far == set(elsewhere[1:])


def test_namesakes_outside_the_circle_do_not_crowd_out_a_duplicate_in_it(
    app, as_user, act, case_input, monkeypatch
):
    """The case page looks only among the cases its reader sees: a name common elsewhere (more
    namesakes than one lookup scores) must not narrow the search to the child's district and
    lose the reader's own earlier case of the child, registered in another district."""
    from caseflow.services import duplicates
    from tests.test_case_journey import NOW

    for _ in range(3):
        act("school.counsellor", cases.register_case, case_input(district="Kota Setar"), NOW)
    earlier = act("clinic.nurse", cases.register_case, case_input(district="Kubang Pasu"), NOW)
    new = act("clinic.nurse", cases.register_case, case_input(district="Kota Setar"), NOW)
    monkeypatch.setattr(duplicates, "MAX_CANDIDATES", 3)
    duplicates._candidates_by_name.cache_clear()  # built with the limit in it
    try:
        page = as_user("clinic.nurse").get(f"/cases/{new}").get_data(as_text=True)
    finally:
        duplicates._candidates_by_name.cache_clear()
    assert f'href="/cases/{earlier}"' in page
