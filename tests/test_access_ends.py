"""Access that ends when the need ends: a decline at once, a sender 30 days after acceptance,
the police when the case closes. Time is moved by asking "visible as of when?"."""

from datetime import timedelta

from caseflow.domain.events import EventType
from caseflow.extensions import db
from caseflow.models import Case
from tests.test_case_journey import D11, JKM, NOW, OSCC, answer, refer, register, visible


def test_a_receiver_that_declines_loses_the_case_at_once(app, demo_users, act, case_input):
    case_id = register(act, case_input)
    referral = refer(act, "clinic.nurse", case_id, OSCC)
    answer(act, "oscc.doctor", referral, "acknowledge")
    assert visible(app, "oscc.doctor", case_id)
    answer(act, "oscc.doctor", referral, "decline", "Seen at another hospital")
    assert not visible(app, "oscc.doctor", case_id)
    assert visible(app, "clinic.nurse", case_id)  # back with the sender, who owns it


def test_a_sender_keeps_the_case_for_30_days_after_acceptance(app, demo_users, act, case_input):
    case_id = register(act, case_input)
    referral = refer(act, "clinic.nurse", case_id, OSCC)
    assert visible(app, "clinic.nurse", case_id)  # open referral: still the owner
    answer(act, "oscc.doctor", referral, "acknowledge")
    answer(act, "oscc.doctor", referral, "accept")
    for days, seen in ((0, True), (29, True), (30, False), (31, False)):
        moment = NOW + timedelta(days=days, seconds=1 if days == 30 else 0)
        assert visible(app, "clinic.nurse", case_id, moment) is seen, days
    assert visible(app, "oscc.doctor", case_id, NOW + timedelta(days=400))  # the owner


def test_the_sender_still_sees_its_referrals_status_after_access_ends(
    app, as_user, act, case_input
):
    case_id = register(act, case_input)
    referral = refer(act, "clinic.nurse", case_id, OSCC)
    answer(act, "oscc.doctor", referral, "acknowledge")
    answer(act, "oscc.doctor", referral, "accept")  # at NOW, long before today
    nurse = as_user("clinic.nurse")
    assert nurse.get(f"/cases/{case_id}").status_code == 404
    page = nurse.get(f"/referrals/{referral}")
    assert page.status_code == 200
    with app.app_context():
        case = db.session.get(Case, case_id)
        reference, name = case.reference, case.child_given_name
    text = page.get_data(as_text=True)
    assert reference in text and name not in text
    assert "no longer" in text


def test_the_police_keep_the_case_while_it_is_open(app, demo_users, act, case_input):
    case_id = register(act, case_input)
    for receiver, to in (("oscc.doctor", OSCC), ("jkm.supervisor", JKM)):
        sender = "clinic.nurse" if to == OSCC else "oscc.doctor"
        referral = refer(act, sender, case_id, to)
        answer(act, receiver, referral, "acknowledge")
        answer(act, receiver, referral, "accept")
    to_police = refer(act, "jkm.protector", case_id, D11)
    answer(act, "d11.officer", to_police, "acknowledge")
    answer(act, "d11.officer", to_police, "accept")
    later = NOW + timedelta(days=300)
    assert visible(app, "d11.officer", case_id, later)
    assert not visible(app, "oscc.doctor", case_id, later)  # sent it on long ago
    from caseflow.services import cases

    act(
        "jkm.protector",
        lambda a: cases.record_event(
            a, db.session.get(Case, case_id), EventType.CASE_CLOSED, NOW, {"reason": "done"}, NOW
        ),
    )
    assert not visible(app, "d11.officer", case_id, later)
    assert visible(app, "jkm.supervisor", case_id, later)
