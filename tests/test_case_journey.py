"""The journey of a case through the services: clinic, OSCC, JKM, protector, D11."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from caseflow.domain.events import EventType
from caseflow.domain.workflow import CaseStatus, ReferralStatus, Urgency
from caseflow.extensions import db
from caseflow.models import AuditRecord, Case, CaseEvent, Referral
from caseflow.permissions import can_view_case, visible_cases
from caseflow.services import accounts, cases, referrals
from caseflow.services.errors import Conflict, StepRefused, ValidationFailed
from tests.support import facility_id

NOW = datetime(2026, 3, 19, 2, 0, tzinfo=UTC)
OSCC = "kdh-oscc-oscc-hospital-sultanah-bahiyah"
JKM = "kdh-jkm-pejabat-kebajikan-masyarakat-daerah-kota-setar"
D11 = "kdh-police-d11-ipk-kedah"


def refer(act, username, case_id, code, urgency=Urgency.URGENT):
    def step(actor):
        case = db.session.get(Case, case_id)
        return referrals.refer(actor, case, facility_id(code), "needs care", urgency, NOW)

    return act(username, step)


def answer(act, username, referral_id, how, *args):
    def step(actor):
        return getattr(referrals, how)(actor, db.session.get(Referral, referral_id), *args, NOW)

    return act(username, step)


def register(act, case_input, username="clinic.nurse", **overrides):
    return act(username, cases.register_case, case_input(**overrides), NOW)


def snapshot(app, case_id):
    with app.app_context():
        case = db.session.get(Case, case_id)
        return (
            case.status,
            case.owner_facility_id,
            case.owner_officer_id,
            case.version,
            db.session.scalar(select(func.count()).where(CaseEvent.case_id == case_id)),
        )


def visible(app, username, case_id, now=NOW):
    """Seen as of `now` (the journey's steps happen at NOW): access can end with time. The
    rule's two forms must agree: asked of one case by id (the case page) and as a list."""
    with app.app_context():
        user = accounts.find_user(username)
        seen = can_view_case(user, case_id, now)
        listed = select(Case.id).where(visible_cases(user, now), Case.id == case_id)
        assert (db.session.scalar(listed) is not None) is seen, "the two forms disagree"
        return seen


def test_the_whole_journey(app, demo_users, act, case_input):
    case_id = register(act, case_input)
    to_oscc = refer(act, "clinic.nurse", case_id, OSCC)
    assert not visible(app, "oscc.doctor", case_id)  # sees the referral, not yet the case
    answer(act, "oscc.doctor", to_oscc, "acknowledge")
    assert visible(app, "oscc.doctor", case_id)
    answer(act, "oscc.doctor", to_oscc, "accept")
    to_jkm = refer(act, "oscc.doctor", case_id, JKM)
    answer(act, "jkm.supervisor", to_jkm, "acknowledge")
    answer(act, "jkm.supervisor", to_jkm, "accept")
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case.status is CaseStatus.AWAITING_ASSIGNMENT and case.owner_officer_id is None
        protector = accounts.find_user("jkm.protector").id
    act(
        "jkm.supervisor",
        lambda a: cases.assign_officer(a, db.session.get(Case, case_id), protector, NOW),
    )
    to_police = refer(act, "jkm.protector", case_id, D11)
    answer(act, "d11.officer", to_police, "acknowledge")
    answer(act, "d11.officer", to_police, "accept")
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case.reference == f"CF-2026-{case_id:06d}"
        assert case.status is CaseStatus.ASSIGNED
        assert case.owner_facility_id == facility_id(JKM)  # the police investigate beside JKM
        assert case.owner_officer_id == protector
        kinds = [
            e.type
            for e in db.session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
            )
        ]
    assert kinds[0] is EventType.CASE_REGISTERED and kinds.count(EventType.REFERRAL_ACCEPTED) == 3
    for insider in (
        "clinic.nurse",
        "oscc.doctor",
        "jkm.supervisor",
        "jkm.protector",
        "d11.officer",
    ):
        assert visible(app, insider, case_id), insider
    for outsider in ("jkm.protector.sgr", "analyst", "admin", "school.counsellor"):
        assert not visible(app, outsider, case_id), outsider


def test_declined_referral_returns_to_sender_queue_flagged(app, demo_users, act, case_input):
    case_id = register(act, case_input)
    referral = refer(act, "clinic.nurse", case_id, OSCC)
    answer(act, "oscc.doctor", referral, "acknowledge")
    with pytest.raises(ValidationFailed):
        answer(act, "oscc.doctor", referral, "decline", "   ")
    answer(act, "oscc.doctor", referral, "decline", "Child is under the care of another hospital")
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case.returned_to_sender and case.owner_facility_id == facility_id(
            "kdh-clinic-klinik-kesihatan-bandar-alor-setar"
        )
        assert db.session.get(Referral, referral).status is ReferralStatus.DECLINED
    refer(act, "clinic.nurse", case_id, OSCC)  # referring again clears the flag
    with app.app_context():
        assert not db.session.get(Case, case_id).returned_to_sender


@pytest.mark.parametrize(
    ("username", "how"),
    [
        ("jkm.protector.sgr", "acknowledge"),  # not the receiver
        ("oscc.doctor", "accept"),  # not yet acknowledged
        ("analyst", "acknowledge"),  # role
    ],
)
def test_refused_steps_leave_the_case_unchanged(app, demo_users, act, case_input, username, how):
    case_id = register(act, case_input)
    referral = refer(act, "clinic.nurse", case_id, OSCC)
    before = snapshot(app, case_id)
    with pytest.raises(StepRefused):
        answer(act, username, referral, how)
    assert snapshot(app, case_id) == before


def test_outsider_cannot_refer_or_assign(app, demo_users, act, case_input):
    case_id = register(act, case_input)
    before = snapshot(app, case_id)
    with pytest.raises(StepRefused):
        refer(act, "jkm.protector.sgr", case_id, OSCC)
    with app.app_context():
        protector = accounts.find_user("jkm.protector").id
    with pytest.raises(StepRefused):
        act(
            "jkm.supervisor",
            lambda a: cases.assign_officer(a, db.session.get(Case, case_id), protector, NOW),
        )
    assert snapshot(app, case_id) == before


def test_second_writer_with_a_stale_version_gets_a_conflict(app, demo_users, act, case_input):
    case_id = register(act, case_input)
    with app.app_context():
        version = db.session.get(Case, case_id).version
    act(
        "clinic.nurse",
        lambda a: cases.record_event(
            a,
            cases.load_case_for(a.user, case_id, version),
            EventType.NOTE,
            NOW,
            {"text": "first"},
            NOW,
        ),
    )
    before = snapshot(app, case_id)
    with pytest.raises(Conflict):
        act("clinic.nurse", lambda a: cases.load_case_for(a.user, case_id, version))
    assert snapshot(app, case_id) == before


def test_event_recorded_late_keeps_when_it_happened(app, demo_users, act, case_input):
    case_id = register(act, case_input)
    happened = NOW - timedelta(days=2)
    act(
        "clinic.nurse",
        lambda a: cases.record_event(
            a, db.session.get(Case, case_id), EventType.PROTECTOR_NOTIFIED, happened, {}, NOW
        ),
    )
    with app.app_context():
        event = db.session.scalar(
            select(CaseEvent).where(CaseEvent.type == EventType.PROTECTOR_NOTIFIED)
        )
        assert event.at == happened and event.recorded_at == NOW


def test_registration_validates_every_field_and_saves_nothing(app, demo_users, act, case_input):
    bad = dict(
        given_name=" ", date_of_birth=None, age_estimate=None, district="Petaling", concerns=[]
    )
    with pytest.raises(ValidationFailed) as refused:
        register(act, case_input, **bad)
    assert set(refused.value.fields) == {
        "child.given_name",
        "child.date_of_birth",
        "child.district",
        "concerns",
    }
    with app.app_context():
        assert db.session.scalar(select(func.count(Case.id))) == 0


def test_every_step_writes_an_audit_record(app, demo_users, act, case_input):
    case_id = register(act, case_input)
    referral = refer(act, "clinic.nurse", case_id, OSCC)
    answer(act, "oscc.doctor", referral, "acknowledge")
    with app.app_context():
        actions = db.session.scalars(
            select(AuditRecord.action)
            .where(AuditRecord.action != "user_created")
            .order_by(AuditRecord.id)
        ).all()
    assert actions == ["case_registered", "referral_sent", "referral_acknowledged"]
