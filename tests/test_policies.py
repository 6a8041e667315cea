"""Administrators revise clock policies: new clocks take the new version; running ones do not."""

from datetime import timedelta

from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import AuditRecord, Clock, ClockPolicy
from caseflow.services import accounts
from tests.support import post_form
from tests.support import register_overdue_cases as register

EDIT = "/admin/policies/police_report"


def police_clock_hours(app, case_id):
    with app.app_context():
        clock = db.session.scalar(
            select(Clock)
            .join(ClockPolicy)
            .where(Clock.case_id == case_id, ClockPolicy.key == "police_report")
        )
        return (clock.due_at - clock.started_at) / timedelta(hours=1), clock.policy.version


def test_revision_applies_to_new_clocks_only_and_is_audited(app, as_user):
    (before,) = register(app, 1)
    admin = as_user("admin")
    assert "Police report lodged" in admin.get("/admin/policies").get_data(as_text=True)
    page = post_form(
        admin,
        EDIT,
        {
            "name": "Police report lodged",
            "target_amount": 48,
            "target_unit": "hours",
            "due_soon_percent": 75,
        },
    )
    assert page.status_code == 302
    (after,) = register(app, 1)
    assert police_clock_hours(app, before) == (24, 1)
    assert police_clock_hours(app, after) == (48, 2)
    with app.app_context():
        record = db.session.scalar(
            select(AuditRecord).where(AuditRecord.action == "policy_revised")
        )
        assert record.username == "admin" and record.detail["after"]["target"] == "48 hours"


def test_a_bad_revision_keeps_the_input_and_changes_nothing(app, as_user):
    admin = as_user("admin")
    page = post_form(
        admin,
        EDIT,
        {"name": "Renamed", "target_amount": 0, "target_unit": "hours", "due_soon_percent": 100},
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'value="Renamed"' in html
    with app.app_context():
        versions = db.session.scalars(
            select(ClockPolicy.version).where(ClockPolicy.key == "police_report")
        ).all()
    assert versions == [1]


def test_only_administrators_see_the_policies(as_user):
    for username in ("jkm.supervisor", "jkm.protector", "analyst"):
        assert as_user(username).get("/admin/policies").status_code == 403
        assert as_user(username).get(EDIT).status_code == 403


def test_policies_page_is_translated(app, as_user):
    admin = as_user("admin")
    post_form(admin, "/language", {"language": "ms", "next": "/"}, token_from="/")
    with app.app_context():
        assert accounts.find_user("admin").language == "ms"
    assert "Polisi jam" in admin.get("/admin/policies").get_data(as_text=True)
