"""The "Refer to" list starts where the facility usually refers a case, with that receiver
chosen; the lists that give a case to a protector show each one's open caseload and say why
they offer no one."""

import html as markup
import re
from datetime import UTC, datetime

from sqlalchemy import select

from caseflow.domain.cases import SourceType
from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.models import Facility
from caseflow.services import accounts, demo
from tests.homes import answer, new_case, referred_case
from tests.support import post_form

KOTA_SETAR_JKM = "Pejabat Kebajikan Masyarakat Daerah Kota Setar"
KEDAH_D11 = "D11, IPK Kedah"
KEDAH_OSCC = "OSCC, Hospital Sultanah Bahiyah"


def refer_to(page: str) -> tuple[str | None, list[str]]:
    """The receiver chosen on the refer form, and the names in its first group."""
    select = re.search(r'<select[^>]*id="to_facility_id".*?</select>', page, re.S).group(0)
    groups = re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S)
    first = [markup.unescape(n) for n in re.findall(r">([^<]+)</option>", groups[0][1])]
    chosen = re.search(r"<option selected[^>]*>([^<]+)</option>", select)
    return (markup.unescape(chosen.group(1)) if chosen else None), first


def case_page(app, as_user, username: str, source: SourceType) -> str:
    with app.app_context():
        case_id = new_case(username, datetime.now(UTC), source)
    return as_user(username).get(f"/cases/{case_id}").get_data(as_text=True)


def test_a_school_refers_first_to_its_district_social_welfare_office(app, as_user):
    page = case_page(app, as_user, "school.counsellor", SourceType.SCHOOL)
    chosen, first = refer_to(page)
    assert chosen == KOTA_SETAR_JKM and first == [KOTA_SETAR_JKM, KEDAH_D11]
    assert "Usual for SMK Sultanah Asma" in page
    assert "★" not in page and "default OSCC" not in page


def test_an_oscc_refers_first_to_the_district_office_then_the_d11(app, as_user):
    chosen, first = refer_to(case_page(app, as_user, "oscc.doctor", SourceType.OSCC))
    assert chosen == KOTA_SETAR_JKM and first == [KOTA_SETAR_JKM, KEDAH_D11]


def test_a_clinic_refers_first_to_its_oscc_and_next_where_it_has_not_yet(app, as_user):
    case_id, _, _ = referred_case(app, "oscc")
    page = as_user("clinic.nurse").get(f"/cases/{case_id}").get_data(as_text=True)
    chosen, first = refer_to(page)
    assert first == [KEDAH_OSCC, KOTA_SETAR_JKM, KEDAH_D11]
    assert chosen == KOTA_SETAR_JKM, "the OSCC has this case already"


def offered(page: str) -> list[str]:
    select = re.search(r'<select[^>]*id="to_facility_id".*?</select>', page, re.S).group(0)
    return [markup.unescape(n) for n in re.findall(r">([^<]+)</option>", select)]


def test_a_facility_an_administrator_adds_or_closes_is_offered_or_not_at_once(app, as_user):
    """The directory's places are kept in the cache: a change must reach the next page."""
    with app.app_context():
        case_id = new_case("school.counsellor", datetime.now(UTC), SourceType.SCHOOL)
    school = as_user("school.counsellor")
    assert "Pejabat Kebajikan Contoh" not in offered(school.get(f"/cases/{case_id}").text)
    form = {
        "code": "kdh-jkm-contoh",
        "name": "Pejabat Kebajikan Contoh",
        "type": "jkm",
        "state_code": "KDH",
        "district_id": "",
        "default_oscc_id": "",
        "phone": "",
        "active": "y",
    }
    admin = as_user("admin")
    assert post_form(admin, "/admin/facilities/new", form).status_code == 302
    assert "Pejabat Kebajikan Contoh" in offered(school.get(f"/cases/{case_id}").text)
    with app.app_context():
        created = db.session.scalar(select(Facility.id).where(Facility.code == "kdh-jkm-contoh"))
    form.pop("active")  # unticked: closed
    assert post_form(admin, f"/admin/facilities/{created}", form).status_code == 302
    assert "Pejabat Kebajikan Contoh" not in offered(school.get(f"/cases/{case_id}").text)


def accepted_by_jkm(app) -> int:
    case_id, referral_id, _ = referred_case(app, "jkm")
    with app.app_context():
        answer("jkm.protector", referral_id, "acknowledge", datetime.now(UTC))
        answer("jkm.protector", referral_id, "accept", datetime.now(UTC))
    return case_id


def test_the_assign_list_shows_each_protectors_open_caseload(app, as_user, make_user):
    with app.app_context():
        for _ in range(2):
            new_case("jkm.protector", datetime.now(UTC), SourceType.JKM)
    make_user(Role.PROTECTOR, demo.KEDAH_JKM, "protector.kdh.2")
    case_id = accepted_by_jkm(app)
    page = as_user("jkm.supervisor").get(f"/cases/{case_id}").get_data(as_text=True)
    assert "Demo Protector (Kota Setar) (2 open cases)</option>" in page
    assert "Test protector (0 open cases)</option>" in page


def test_assigning_in_an_office_of_one_protector_says_why_no_one_else_is_offered(app, as_user):
    case_id = accepted_by_jkm(app)
    supervisor = as_user("jkm.supervisor")
    answer_page = post_form(
        supervisor,
        f"/cases/{case_id}/assignment",
        {"officer_id": str(protector_id(app))},
        token_from=f"/cases/{case_id}",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Protector assigned." in answer_page
    assert (
        "Only Demo Protector (Kota Setar) is a protector in this office, and the case is "
        "already theirs." in markup.unescape(answer_page)
    )
    drill_down = supervisor.get(
        f"/dashboard/cases?officer={protector_id(app)}&metric=open"
    ).get_data(as_text=True)
    assert 'id="reassign-empty"' in drill_down
    assert "Only Demo Protector (Kota Setar) is a protector" in markup.unescape(drill_down)


def protector_id(app) -> int:
    with app.app_context():
        return accounts.find_user("jkm.protector").id


def test_the_reassign_list_names_the_other_protectors_with_their_caseload(app, as_user, make_user):
    case_id = accepted_by_jkm(app)
    make_user(Role.PROTECTOR, demo.KEDAH_JKM, "protector.kdh.2")
    supervisor = as_user("jkm.supervisor")
    post_form(
        supervisor,
        f"/cases/{case_id}/assignment",
        {"officer_id": str(protector_id(app))},
        token_from=f"/cases/{case_id}",
    )
    drill_down = supervisor.get(
        f"/dashboard/cases?officer={protector_id(app)}&metric=open"
    ).get_data(as_text=True)
    assert "Test protector (0 open cases)</option>" in drill_down
    assert 'id="reassign-empty"' not in drill_down
