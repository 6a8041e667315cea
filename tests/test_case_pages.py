"""Case pages: register, refer, answer, assign; outsiders get 404; the audit names viewers."""

import re

from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import AuditRecord, Case, Referral
from caseflow.services import accounts
from tests.support import CASE_FORM as FORM
from tests.support import facility_id, post_form
from tests.support import register_on_page as register

OSCC = "kdh-oscc-oscc-hospital-sultanah-bahiyah"
JKM = "kdh-jkm-pejabat-kebajikan-masyarakat-daerah-kota-setar"


def test_registration_refused_keeps_input_and_says_why(app, as_user):
    nurse = as_user("clinic.nurse")
    page = post_form(nurse, "/cases/new", {**FORM, "date_of_birth": "", "forms": []})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Give a date of birth or an estimated age." in html
    assert "Record at least one concern." in html
    assert 'value="Contoh"' in html
    with app.app_context():
        assert db.session.scalar(select(Case.id)) is None


def test_case_page_offers_the_clinics_default_oscc_first(app, as_user):
    nurse = as_user("clinic.nurse")
    case_id = register(nurse)
    html = nurse.get(f"/cases/{case_id}").get_data(as_text=True)
    with app.app_context():
        oscc = facility_id(OSCC)
    first_option = re.search(
        r'id="to_facility_id"[^>]*>(?:\s*<optgroup[^>]*>)?\s*<option[^>]*value="(\d+)"', html
    )
    assert first_option and int(first_option.group(1)) == oscc


def answer(client, referral_id, step):
    return post_form(
        client, f"/referrals/{referral_id}/{step}", {}, token_from=f"/referrals/{referral_id}"
    )


def refer_on_page(app, client, case_id, to, urgency, reason):
    """Send a referral from the case page's form; returns the new referral's id."""
    post_form(
        client,
        f"/cases/{case_id}/referrals",
        {"to_facility_id": to, "urgency": urgency, "reason": reason},
        token_from=f"/cases/{case_id}",
    )
    return latest_referral(app)


def latest_referral(app):
    with app.app_context():
        return db.session.scalar(select(Referral.id).order_by(Referral.id.desc()))


def test_journey_through_the_pages(app, as_user):
    nurse, doctor, boss = as_user("clinic.nurse"), as_user("oscc.doctor"), as_user("jkm.supervisor")
    case_id = register(nurse)
    with app.app_context():
        oscc, jkm = facility_id(OSCC), facility_id(JKM)
        protector = accounts.find_user("jkm.protector").id
    referral = refer_on_page(app, nurse, case_id, oscc, "urgent", "Examination")
    assert doctor.get(f"/cases/{case_id}").status_code == 404  # not before acknowledging
    assert "Examination" in doctor.get(f"/referrals/{referral}").get_data(as_text=True)
    assert "1 waiting for acknowledgement" in doctor.get("/referrals").get_data(as_text=True)
    answer(doctor, referral, "acknowledge")
    assert doctor.get(f"/cases/{case_id}").status_code == 200
    answer(doctor, referral, "accept")
    referral = refer_on_page(app, doctor, case_id, jkm, "urgent", "Protection")
    answer(boss, referral, "acknowledge")
    answer(boss, referral, "accept")
    page = post_form(
        boss,
        f"/cases/{case_id}/assignment",
        {"officer_id": protector},
        token_from=f"/cases/{case_id}",
    )
    assert page.status_code == 302
    html = as_user("jkm.protector").get(f"/cases/{case_id}").get_data(as_text=True)
    assert "Demo Protector (Kota Setar)" in html and "Assigned" in html


def test_outsider_gets_404_on_case_page_audit_and_referral(app, as_user):
    nurse = as_user("clinic.nurse")
    case_id = register(nurse)
    outsider = as_user("jkm.protector.sgr")
    for path in (f"/cases/{case_id}", f"/cases/{case_id}/audit"):
        page = outsider.get(path)
        assert page.status_code == 404
        assert "Aina" not in page.get_data(as_text=True)
    page = post_form(
        outsider,
        f"/cases/{case_id}/referrals",
        {"to_facility_id": "1", "urgency": "urgent", "reason": "x"},
        token_from="/",
    )
    assert page.status_code == 404
    assert as_user("analyst").get(f"/cases/{case_id}").status_code == 404
    assert "No case matches." in outsider.get("/cases?q=Aina", follow_redirects=True).get_data(
        as_text=True
    )


def test_audit_answers_who_saw_the_record(app, as_user):
    nurse = as_user("clinic.nurse")
    case_id = register(nurse)
    nurse.get(f"/cases/{case_id}")
    admin = as_user("admin")  # outside the clinic's circle: states a reason first
    post_form(admin, f"/cases/{case_id}/audit", {"reason": "quality review"})
    html = admin.get(f"/cases/{case_id}/audit").get_data(as_text=True)
    assert "Demo Clinic Nurse (Kedah)" in html and "Case viewed" in html
    with app.app_context():
        viewers = db.session.scalars(
            select(AuditRecord.username).where(
                AuditRecord.action == "case_viewed", AuditRecord.object_id == case_id
            )
        ).all()
    assert viewers == ["clinic.nurse"]


def test_search_finds_by_reference_and_name(app, as_user):
    nurse = as_user("clinic.nurse")
    first = register(nurse)
    register(nurse, given_name="Budi")
    with app.app_context():
        reference = db.session.get(Case, first).reference
    by_ref = nurse.get(f"/cases?q={reference}", follow_redirects=True).get_data(as_text=True)
    assert reference in by_ref and "Budi" not in by_ref
    assert "Budi" in nurse.get("/cases?q=budi", follow_redirects=True).get_data(as_text=True)


def test_decline_without_reason_is_refused_on_the_page(app, as_user):
    nurse, doctor = as_user("clinic.nurse"), as_user("oscc.doctor")
    case_id = register(nurse)
    with app.app_context():
        oscc = facility_id(OSCC)
    referral = refer_on_page(app, nurse, case_id, oscc, "routine", "Examination")
    answer(doctor, referral, "acknowledge")
    page = post_form(
        doctor,
        f"/referrals/{referral}/decline",
        {"reason": ""},
        token_from=f"/referrals/{referral}",
    )
    assert page.status_code == 422
    post_form(
        doctor,
        f"/referrals/{referral}/decline",
        {"reason": "No paediatrician today"},
        token_from=f"/referrals/{referral}",
    )
    queue = nurse.get("/referrals").get_data(as_text=True)
    assert "Returned to you" in queue and "Aina Contoh" in queue


def test_protector_home_lists_the_cases_they_hold(app, as_user):
    protector = as_user("jkm.protector")
    assert "No case is assigned to you." in protector.get("/").get_data(as_text=True)
    case_id = register(protector)
    with app.app_context():
        reference = db.session.get(Case, case_id).reference
    home = protector.get("/").get_data(as_text=True)
    assert reference in home and "No case is assigned to you." not in home
    assert reference not in as_user("jkm.protector.sgr").get("/").get_data(as_text=True)
