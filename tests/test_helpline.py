"""A helpline operator registers a case from a call and refers it to the district JKM at once."""

from sqlalchemy import select

from caseflow.domain.workflow import ReferralStatus
from caseflow.extensions import db
from caseflow.models import Case, Referral
from tests.support import post_form

CALL = {
    "given_name": "Mawar",
    "family_name": "Contoh",
    "sex": "female",
    "state_code": "KDH",
    "district": "Kota Setar",
    "age_estimate": 11,
    "home_language": "ms",
    "source_type": "helpline",
    "reported_at": "2026-11-20T21:15",
    "forms": ["sexual_extortion"],
    "online_forms": ["sexual_extortion"],
    "platforms": ["instagram"],
    "risk_level": "high",
    "narrative": "Caller says an adult threatens to share the child's images.",
}


def test_a_call_is_registered_and_referred_to_the_district_office_and_shown_at_home(app, as_user):
    operator = as_user("helpline.operator")
    answer = post_form(operator, "/cases/new", CALL, token_from="/cases/new")
    assert answer.status_code == 302, answer.get_data(as_text=True)[:2000]
    with app.app_context():
        case = db.session.scalars(select(Case).where(Case.child_given_name == "Mawar")).one()
        (referral,) = db.session.scalars(select(Referral).where(Referral.case_id == case.id))
        assert referral.to_facility.name == "Pejabat Kebajikan Masyarakat Daerah Kota Setar"
        assert referral.urgency.value == "urgent" and referral.status is ReferralStatus.SENT
        reference = case.reference
    home = operator.get("/").get_data(as_text=True)
    assert reference in home and "Pejabat Kebajikan Masyarakat Daerah Kota Setar" in home
    incoming = as_user("jkm.protector").get("/referrals").get_data(as_text=True)
    assert reference in incoming or "Mawar" in incoming


def test_a_district_without_an_office_goes_to_the_state_capital_and_says_so(app, as_user):
    operator = as_user("helpline.operator")
    answer = post_form(
        operator,
        "/cases/new",
        {**CALL, "district": "Baling"},
        token_from="/cases/new",
        follow_redirects=True,
    )
    assert "state capital" in answer.get_data(as_text=True)


def test_other_users_do_not_see_the_helpline_home_nor_its_cases(app, as_user):
    operator = as_user("helpline.operator")
    post_form(operator, "/cases/new", CALL, token_from="/cases/new")
    with app.app_context():
        case_id = db.session.scalars(select(Case.id)).one()
    assert as_user("jkm.protector.sgr").get(f"/cases/{case_id}").status_code == 404
    assert operator.get(f"/cases/{case_id}").status_code == 200
