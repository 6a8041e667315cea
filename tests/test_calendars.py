"""A one-off state holiday moves the running clocks counted on that state's calendar."""

from sqlalchemy import select

from caseflow.domain.clocks import local_date
from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.models import AuditRecord, Clock, ClockPolicy
from tests.support import post_form

TERENGGANU_SCHOOL = "trg-school-smk-sultan-sulaiman"


def day_1_due(app, case_id):
    with app.app_context():
        clock = db.session.scalar(
            select(Clock)
            .join(ClockPolicy)
            .where(Clock.case_id == case_id, ClockPolicy.key == "school_day_1")
        )
        return local_date(clock.due_at).isoformat()


def test_terengganu_cuti_peristiwa_moves_the_day_1_deadline(
    app, client, demo_users, make_user, as_user
):
    make_user(Role.SCHOOL_COUNSELLOR, TERENGGANU_SCHOOL, username="counsellor.trg")
    token = client.post(
        "/api/v1/tokens",
        json={"username": "counsellor.trg", "password": "a-test-password-long-enough"},
    ).json["token"]
    body = {
        "child": {"given_name": "Nur", "age_estimate": 10, "sex": "female", "state": "TRG"},
        "source": {"type": "school", "reported_at": "2025-03-27T10:00:00+08:00"},
        "concerns": [{"form": "neglect"}],
        "risk_level": "low",
    }
    case_id = client.post(
        "/api/v1/cases", json=body, headers={"Authorization": f"Bearer {token}"}
    ).json["id"]
    # Thursday 27 March 2025: Friday and Saturday are Terengganu's weekend; day 1 is Sunday 30.
    assert day_1_due(app, case_id) == "2025-03-30"
    admin = as_user("admin")
    page = post_form(
        admin,
        "/admin/calendars",
        {"state_code": "TRG", "day": "2025-03-30", "kind": "holiday", "reason": "Cuti peristiwa"},
        follow_redirects=True,
    )
    assert "running clocks were recomputed" in page.get_data(as_text=True)
    # 31 March and 1 April are Hari Raya: the next working day is Wednesday 2 April.
    assert day_1_due(app, case_id) == "2025-04-02"
    with app.app_context():
        record = db.session.scalar(
            select(AuditRecord).where(AuditRecord.action == "calendar_changed")
        )
        assert record.username == "admin" and record.detail["clocks_recomputed"] >= 1


def test_a_calendar_change_needs_a_reason_and_an_administrator(app, as_user):
    admin = as_user("admin")
    page = post_form(
        admin,
        "/admin/calendars",
        {"state_code": "TRG", "day": "2025-03-30", "kind": "holiday", "reason": ""},
    )
    assert page.status_code == 200 and "Fill in this field." in page.get_data(as_text=True)
    assert as_user("jkm.supervisor").get("/admin/calendars").status_code == 403
