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
    page = admin.get("/admin/policies").get_data(as_text=True)
    assert "Peraturan tempoh tindakan" in page
    assert "Laporan kepada pelindung" in page  # the clocks' names too


def test_every_clock_of_the_policy_table_shows_its_basis(app, as_user):
    """Statute: the Act, the section and the Act's words; service standard: who set it."""
    from caseflow.domain.policies import DEFAULT_POLICIES, Basis

    for spec in DEFAULT_POLICIES:
        if spec.basis is Basis.STATUTE:
            assert spec.law_words and " s." in spec.source and "Act" in spec.source, spec.key
        else:
            assert spec.source.startswith("Service standard: "), spec.key
    html = as_user("admin").get("/admin/policies").get_data(as_text=True)
    with app.app_context():
        current = db.session.scalars(select(ClockPolicy).where(ClockPolicy.current.is_(True)))
        rows = {p.key: p for p in current}
    assert set(rows) == {spec.key for spec in DEFAULT_POLICIES}
    body = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert len(body) == len(rows)
    for row in body:
        assert ("Statute" in row) != ("Service standard" in row), row
    assert "twelve hours after such taking" in html  # s.18's own words
    assert "subsection 39(4)" in html and "Courts without a disposal target" in html


def test_the_api_names_the_basis_and_source_of_each_clock(api, app):
    (case_id,) = register(app, 1)
    clocks = api("jkm.protector", "get", f"/cases/{case_id}/clocks").json["items"]
    assert clocks
    for clock in clocks:
        assert clock["policy"]["basis"] in ("statute", "service_standard")
        assert clock["policy"]["source"]


def test_a_policy_may_count_only_the_weekly_holiday_and_the_change_is_audited(app, as_user):
    admin = as_user("admin")
    page = admin.get("/admin/policies/school_day_3").get_data(as_text=True)
    assert "not settled" in page
    answer = post_form(
        admin,
        "/admin/policies/school_day_3",
        {
            "name": "School follow-up report (day 3)",
            "target_amount": 3,
            "target_unit": "days",
            "due_soon_percent": 25,
            "weekly_holidays": "weekly_holiday_only",
        },
    )
    assert answer.status_code == 302
    with app.app_context():
        policy = db.session.scalar(
            select(ClockPolicy).where(ClockPolicy.key == "school_day_3", ClockPolicy.current)
        )
        assert policy.weekly_holidays == "weekly_holiday_only" and policy.version == 2
        assert policy.basis == "service_standard" and "7/2011" in policy.source
