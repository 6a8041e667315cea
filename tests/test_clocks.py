"""Clocks follow events, count on the right state's calendar, and the sweep notifies once."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from caseflow.domain.cases import SourceType
from caseflow.domain.clocks import MALAYSIA, ClockStatus, local_date
from caseflow.domain.events import EventType
from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.models import Case, Clock, Notification
from caseflow.services import accounts, cases, clock_sweep
from caseflow.services.audit import Actor
from caseflow.services.clocks import status_now
from tests.support import facility_id, sexual_abuse_case

KEDAH_SCHOOL = "kdh-school-smk-sultanah-asma"
SELANGOR_SCHOOL = "sgr-school-smk-seksyen-9-shah-alam"
KUCHING_SPECIAL = "national-court-special-kuching"
ALOR_SETAR_SESSIONS = "kdh-court-mahkamah-sesyen-alor-setar"
PUTRAJAYA_SPECIAL = "national-court-special-putrajaya"
KUCHING_SESSIONS = "swk-court-mahkamah-sesyen-kuching"
CONCERN = "2026-03-19T10:00:00+08:00"  # Thursday, before Hari Raya in Kedah


@pytest.fixture
def api(client, demo_users):
    tokens = {}

    def call(username, method, path, **kwargs):
        if username not in tokens:
            password = "caseflow-demo" if username in demo_users else "a-test-password-long-enough"
            answer = client.post(
                "/api/v1/tokens", json={"username": username, "password": password}
            )
            tokens[username] = answer.json["token"]
        headers = {"Authorization": f"Bearer {tokens[username]}"}
        return getattr(client, method)(f"/api/v1{path}", headers=headers, **kwargs)

    return call


def school_case(api, username, state="KDH", district="Kota Setar"):
    body = {
        "child": {
            "given_name": "Nur",
            "family_name": "Contoh",
            "age_estimate": 10,
            "sex": "female",
            "state": state,
            "district": district,
        },
        "source": {"type": "school", "reported_at": CONCERN},
        "concerns": [{"form": "physical_abuse"}],
        "risk_level": "medium",
    }
    created = api(username, "post", "/cases", json=body)
    assert created.status_code == 201, created.json
    return created.json["id"]


def due_dates(api, username, case_id):
    items = api(username, "get", f"/cases/{case_id}/clocks").json["items"]
    return {c["policy"]["key"]: datetime.fromisoformat(c["due_at"]) for c in items}


def test_spec_example_school_in_kedah_through_the_api(api):
    case_id = school_case(api, "school.counsellor")
    due = due_dates(api, "school.counsellor", case_id)
    assert [
        local_date(due[k]).isoformat() for k in ("school_day_1", "school_day_3", "school_day_7")
    ] == [
        "2026-03-23",
        "2026-03-25",
        "2026-03-26",
    ]
    assert due["school_day_1"].astimezone(MALAYSIA).strftime("%H:%M:%S") == "23:59:59"


def test_the_same_concern_in_selangor_counts_on_selangors_calendar(api, make_user):
    make_user(Role.SCHOOL_COUNSELLOR, SELANGOR_SCHOOL, username="counsellor.sgr")
    case_id = school_case(api, "counsellor.sgr", "SGR", "Petaling")
    due = due_dates(api, "counsellor.sgr", case_id)
    assert [local_date(due[k]).isoformat() for k in ("school_day_1", "school_day_3")] == [
        "2026-03-24",
        "2026-03-26",
    ]


def test_school_report_meets_the_day_1_clock(api):
    case_id = school_case(api, "school.counsellor")
    version = api("school.counsellor", "get", f"/cases/{case_id}").json["version"]
    api(
        "school.counsellor",
        "post",
        f"/cases/{case_id}/events",
        json={"type": "school_report_sent", "at": "2026-03-23T15:00:00+08:00", "version": version},
    )
    clocks = {
        c["policy"]["key"]: c
        for c in api("school.counsellor", "get", f"/cases/{case_id}/clocks").json["items"]
    }
    assert clocks["school_day_1"]["status"] == "met"
    assert clocks["school_day_3"]["met_at"] is None


DISPOSAL = {"court_disposal_peninsular", "court_disposal_kuching", "court_disposal_putrajaya"}


@pytest.mark.parametrize(
    ("court", "months", "policy"),
    [
        (KUCHING_SPECIAL, 6, "court_disposal_kuching"),
        (PUTRAJAYA_SPECIAL, 12, "court_disposal_putrajaya"),
        (ALOR_SETAR_SESSIONS, 12, "court_disposal_peninsular"),
        (KUCHING_SESSIONS, None, None),  # Circular 2/2017 is for Peninsular Malaysia only
    ],
)
def test_disposal_target_follows_the_court_and_its_region(app, api, court, months, policy):
    """Putrajaya's special court is an ordinary 12-month target; Kuching's is 6; a court with
    no known target starts no disposal clock (and the case page says so). The investigating
    officer records the charge: a clinic is never offered court steps."""
    body = {
        "child": {"given_name": "Ali", "age_estimate": 12, "sex": "male", "state": "KDH"},
        "source": {"type": "police", "reported_at": "2026-01-05T09:00:00+08:00"},
        "concerns": [{"form": "sexual_abuse"}],
        "risk_level": "high",
    }
    case_id = api("d11.officer", "post", "/cases", json=body).json["id"]
    with app.app_context():
        court_id = facility_id(court)
    version = api("d11.officer", "get", f"/cases/{case_id}").json["version"]
    answer = api(
        "d11.officer",
        "post",
        f"/cases/{case_id}/events",
        json={
            "type": "charge_registered",
            "at": "2026-02-02T10:00:00+08:00",
            "court_id": court_id,
            "registered_on": "2026-02-02",
            "version": version,
        },
    )
    assert answer.status_code == 201, answer.json
    due = due_dates(api, "d11.officer", case_id)
    assert DISPOSAL & set(due) == ({policy} if policy else set())
    if policy is None:
        return
    registered = datetime(2026, 2, 2).date()
    expected_month = (registered.month - 1 + months) % 12 + 1
    assert local_date(due[policy]).month == expected_month and local_date(due[policy]).day >= 2


def test_breached_clock_notifies_officer_and_supervisor_once(app, demo_users):
    now = datetime(2026, 3, 19, 2, 0, tzinfo=UTC)
    with app.app_context():
        protector = accounts.find_user("jkm.protector")
        case_id = sexual_abuse_case("jkm.protector", now).id
        later = now + timedelta(days=3)
        first = clock_sweep.sweep(later)
        assert first["breached"] >= 1  # the 24-hour police report clock
        for _ in range(3):
            assert clock_sweep.sweep(later) == {"due_soon": 0, "breached": 0}
        rows = db.session.execute(
            select(Notification.user_id, func.count())
            .where(Notification.case_id == case_id)
            .group_by(Notification.user_id)
        ).all()
        supervisor = accounts.find_user("jkm.supervisor")
        breached_clocks = db.session.scalar(
            select(func.count()).where(Clock.case_id == case_id, Clock.status == "breached")
        )
        assert dict(rows) == {protector.id: breached_clocks, supervisor.id: breached_clocks}


def test_due_soon_then_breached_are_two_transitions(app, demo_users):
    now = datetime(2026, 3, 19, 2, 0, tzinfo=UTC)
    with app.app_context():
        protector = accounts.find_user("jkm.protector")
        case_id = sexual_abuse_case("jkm.protector", now).id
        assert clock_sweep.sweep(now + timedelta(hours=20))["due_soon"] == 1  # last 25 % of 24 h
        assert clock_sweep.sweep(now + timedelta(hours=25))["breached"] == 1
        kinds = db.session.scalars(
            select(Notification.kind)
            .where(Notification.user_id == protector.id, Notification.case_id == case_id)
            .order_by(Notification.id)
        ).all()
        assert kinds == ["due_soon", "breached"]


def test_pause_extends_the_investigation_clock_by_the_paused_days(app, demo_users):
    at = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    with app.app_context():
        officer = accounts.find_user("d11.officer")
        from caseflow.domain.events import EventType

        actor = Actor(officer, "test")
        case = sexual_abuse_case("d11.officer", at, source=SourceType.POLICE)
        case = db.session.get(Case, case.id)
        cases.record_event(
            actor, case, EventType.POLICE_REPORT_LODGED, at, {"report_number": "R1"}, at
        )

        def investigation():
            return db.session.scalar(
                select(Clock)
                .join(Clock.policy)
                .where(Clock.case_id == case.id)
                .where(Clock.policy.has(key="investigation"))
            )

        before = investigation().due_at
        cases.record_event(
            actor,
            db.session.get(Case, case.id),
            EventType.CLOCK_PAUSED,
            at + timedelta(days=10),
            {"reason": "awaiting chemist report"},
            at + timedelta(days=10),
        )
        cases.record_event(
            actor,
            db.session.get(Case, case.id),
            EventType.CLOCK_RESUMED,
            at + timedelta(days=30),
            {"reason": "report received"},
            at + timedelta(days=30),
        )
        after = investigation().due_at
        assert local_date(after) >= local_date(before) + timedelta(days=20)


def test_custody_recorded_late_counts_from_when_it_happened_and_the_timeline_says_so(
    app, demo_users, as_user
):
    """A protector writes up on Saturday a child taken into custody on Thursday: the 12-hour
    clock ran from Thursday (already breached), and the timeline shows the entry was late."""
    happened = datetime(2026, 3, 19, 2, 0, tzinfo=UTC)
    recorded = happened + timedelta(days=2)
    with app.app_context():
        case_id = sexual_abuse_case("jkm.protector", happened - timedelta(hours=1)).id
        cases.record_event(
            Actor(accounts.find_user("jkm.protector"), "test"),
            db.session.get(Case, case_id),
            EventType.CHILD_TAKEN_INTO_CUSTODY,
            happened,
            {},
            recorded,
        )
        custody = db.session.scalar(
            select(Clock).where(Clock.case_id == case_id, Clock.policy.has(key="temporary_custody"))
        )
        assert custody.started_at == happened
        assert custody.due_at == happened + timedelta(hours=12)
        assert status_now(custody, recorded) is ClockStatus.BREACHED
    page = as_user("jkm.protector").get(f"/cases/{case_id}").get_data(as_text=True)
    late_tags = page.count('<span class="tag">recorded ')
    assert late_tags == 1  # the custody entry; the registration was recorded as it happened


def test_referral_clocks_are_met_by_their_own_referral(api, app):
    case_id = school_case(api, "school.counsellor")
    with app.app_context():
        jkm = facility_id("kdh-jkm-pejabat-kebajikan-masyarakat-daerah-kota-setar")
    sent = api(
        "school.counsellor",
        "post",
        f"/cases/{case_id}/referrals",
        json={
            "to_facility_id": jkm,
            "reason": "protection",
            "urgency": "urgent",
            "version": api("school.counsellor", "get", f"/cases/{case_id}").json["version"],
        },
    ).json
    api("jkm.supervisor", "post", f"/referrals/{sent['id']}/acknowledge")
    clocks = {
        c["policy"]["key"]: c
        for c in api("jkm.supervisor", "get", f"/cases/{case_id}/clocks").json["items"]
    }
    assert clocks["referral_ack_urgent"]["status"] == "met"
    assert clocks["referral_decision_urgent"]["met_at"] is None
    assert "referral_ack_routine" not in clocks


def test_outsider_cannot_see_a_cases_clocks(api):
    case_id = school_case(api, "school.counsellor")
    assert api("jkm.protector.sgr", "get", f"/cases/{case_id}/clocks").status_code == 404


def _step(api, case_id, kind, at, **data):
    version = api("jkm.protector", "get", f"/cases/{case_id}").json["version"]
    answer = api(
        "jkm.protector",
        "post",
        f"/cases/{case_id}/events",
        json={"type": kind, "at": at, "version": version, **data},
    )
    assert answer.status_code == 201, answer.json


def _protector_case(api):
    body = {
        "child": {"given_name": "Ali", "age_estimate": 8, "sex": "male", "state": "KDH"},
        "source": {"type": "jkm", "reported_at": "2026-02-02T09:00:00+08:00"},
        "concerns": [{"form": "physical_abuse"}],
        "risk_level": "high",
    }
    return api("jkm.protector", "post", "/cases", json=body).json["id"]


def test_s25_clock_runs_after_a_medical_examination_only_for_a_child_in_custody(api):
    plain = _protector_case(api)
    _step(api, plain, "medical_assessment", "2026-02-02T11:00:00+08:00")
    assert "before_court_after_medical" not in due_dates(api, "jkm.protector", plain)
    held = _protector_case(api)
    _step(api, held, "protector_took_child", "2026-02-02T10:00:00+08:00")
    _step(api, held, "medical_assessment", "2026-02-02T15:00:00+08:00")
    due = due_dates(api, "jkm.protector", held)
    assert due["before_court_after_medical"] - datetime(2026, 2, 2, 7, tzinfo=UTC) == timedelta(
        hours=24
    )


def test_s39a_report_clock_starts_only_on_a_place_of_refuge_order(api):
    other = _protector_case(api)
    _step(api, other, "interim_order_made", "2026-02-03T10:00:00+08:00", order="other")
    assert "refuge_order_report" not in due_dates(api, "jkm.protector", other)
    refuge = _protector_case(api)
    _step(api, refuge, "interim_order_made", "2026-02-03T10:00:00+08:00", order="s39_4")
    due = due_dates(api, "jkm.protector", refuge)
    assert local_date(due["refuge_order_report"]).isoformat() == "2026-03-03"
    clocks = api("jkm.protector", "get", f"/cases/{refuge}/clocks").json["items"]
    (report,) = [c for c in clocks if c["policy"]["key"] == "refuge_order_report"]
    assert report["policy"]["basis"] == "statute" and "s.39A" in report["policy"]["source"]
    assert "subsection 39(4)" in report["policy"]["law_words"]
