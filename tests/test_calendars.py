"""A one-off state holiday moves the running clocks counted on that state's calendar."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from caseflow.domain.cases import SourceType
from caseflow.domain.clocks import WorkCalendar, local_date
from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.models import AuditRecord, Clock, ClockPolicy
from tests.homes import new_case
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


def test_the_case_page_counts_the_days_left_with_a_holiday_added_a_moment_ago(app, as_user):
    """Pages keep each state's calendar in the cache: a change must reach the next page."""
    now = datetime.now(UTC)
    with app.app_context():
        case_id = new_case("school.counsellor", now, SourceType.SCHOOL)
    school = as_user("school.counsellor")

    def days_left() -> list[tuple[str, str]]:
        page = school.get(f"/cases/{case_id}").get_data(as_text=True)
        return re.findall(r"due in (\d+) working days?, end of (\w{3} \d{1,2} \w{3})", page)

    before = days_left()
    assert before, "the school's day-3 and day-7 clocks count working days"
    holiday = WorkCalendar("KDH").next_working_day(local_date(now) + timedelta(days=1))
    admin = as_user("admin")
    post_form(
        admin,
        "/admin/calendars",
        {"state_code": "KDH", "day": holiday.isoformat(), "kind": "holiday", "reason": "Cuti"},
    )
    after = days_left()
    # Each deadline moved a working day later, so as many working days are left as before.
    assert [days for days, _end in after] == [days for days, _end in before]
    assert [end for _days, end in after] != [end for _days, end in before]
