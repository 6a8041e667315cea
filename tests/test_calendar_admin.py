"""Administrators list a state's calendar changes, correct and undo them, each audited; a day
already off is refused with the reason; nobody else reaches these pages."""

import re

from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import AuditRecord, CalendarException, ClockPolicy
from tests.support import post_form


def add(admin, **fields):
    data = {"state_code": "TRG", "day": "2026-12-13", "kind": "holiday", "reason": "Cuti peristiwa"}
    return post_form(admin, "/admin/calendars", {**data, **fields}, follow_redirects=True)


def change_ids(app) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(CalendarException.id).order_by(CalendarException.id)))


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditRecord.action).order_by(AuditRecord.id)))


def test_changes_are_listed_per_state_by_name(app, as_user):
    admin = as_user("admin")
    add(admin)  # Sunday 13 December 2026 works in Terengganu
    add(admin, state_code="SGR", day="2026-12-14", reason="Royal visit")
    html = admin.get("/admin/calendars").get_data(as_text=True)
    assert "<h2>Selangor</h2>" in html and "<h2>Terengganu</h2>" in html
    assert html.index("Selangor") < html.index("Royal visit") < html.index("<h2>Terengganu")
    assert "holidays package" not in html and ">TRG<" not in html


def test_a_friday_in_kedah_or_a_public_holiday_is_refused_with_the_reason(app, as_user):
    admin = as_user("admin")
    page = add(admin, state_code="KDH", day="2026-12-04")
    html = page.get_data(as_text=True)
    assert "Friday, 4 December 2026 is already the weekly holiday in Kedah" in html
    page = add(admin, state_code="SGR", day="2026-12-25")
    assert "already a public holiday in Selangor (Christmas Day)" in page.get_data(as_text=True)
    page = add(admin, state_code="SGR", day="2026-12-08", kind="working")
    assert "already a working day in Selangor" in page.get_data(as_text=True)
    assert change_ids(app) == [] and "calendar_changed" not in actions(app)


def test_the_reason_is_in_malay_on_a_malay_page(app, as_user):
    admin = as_user("admin")
    post_form(admin, "/language", {"language": "ms", "next": "/"}, token_from="/")
    html = add(admin, state_code="KDH", day="2026-12-25").get_data(as_text=True)
    assert "sudah pun cuti umum di Kedah (Hari Krismas)" in html and "Christmas" not in html


def test_a_change_is_corrected_and_the_correction_audited(app, as_user):
    admin = as_user("admin")
    add(admin, day="2026-12-13")
    (change_id,) = change_ids(app)
    form = admin.get(f"/admin/calendars/{change_id}").get_data(as_text=True)
    assert 'value="2026-12-13"' in form and "Cuti peristiwa" in form
    page = post_form(
        admin,
        f"/admin/calendars/{change_id}",
        {"state_code": "TRG", "day": "2026-12-15", "kind": "holiday", "reason": "Moved by decree"},
        follow_redirects=True,
    )
    assert "recomputed" in page.get_data(as_text=True)
    with app.app_context():
        change = db.session.get(CalendarException, change_id)
        assert change.day.isoformat() == "2026-12-15" and change.reason == "Moved by decree"
        record = db.session.scalar(
            select(AuditRecord).where(AuditRecord.action == "calendar_change_edited")
        )
        assert record.username == "admin" and record.detail["before"]["day"] == "2026-12-13"


def test_a_correction_onto_a_weekly_holiday_is_refused(app, as_user):
    admin = as_user("admin")
    add(admin, day="2026-12-13")
    (change_id,) = change_ids(app)
    page = post_form(
        admin,
        f"/admin/calendars/{change_id}",
        {"state_code": "TRG", "day": "2026-12-11", "kind": "holiday", "reason": "Cuti"},
    )
    assert page.status_code == 200
    assert "already the weekly holiday in Terengganu" in page.get_data(as_text=True)


def test_undo_asks_first_then_removes_and_audits(app, as_user):
    admin = as_user("admin")
    add(admin)
    (change_id,) = change_ids(app)
    listing = admin.get("/admin/calendars").get_data(as_text=True)
    assert f"/admin/calendars/{change_id}/remove" in listing
    question = admin.get(f"/admin/calendars/{change_id}/remove").get_data(as_text=True)
    assert "Undo the change of Sunday, 13 December 2026?" in question
    assert change_ids(app) == [change_id]  # asking changed nothing
    page = post_form(admin, f"/admin/calendars/{change_id}/remove", {}, follow_redirects=True)
    assert "recomputed" in page.get_data(as_text=True)
    assert change_ids(app) == [] and actions(app)[-1] == "calendar_change_removed"


def test_no_one_but_an_administrator_lists_edits_or_undoes(app, as_user):
    admin = as_user("admin")
    add(admin)
    (change_id,) = change_ids(app)
    supervisor = as_user("jkm.supervisor")
    for path in (
        "/admin/calendars",
        f"/admin/calendars/{change_id}",
        f"/admin/calendars/{change_id}/remove",
    ):
        assert supervisor.get(path).status_code == 403, path
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', supervisor.get("/").get_data(True)
    )
    data = {"csrf_token": token.group(1)} if token else {}
    assert supervisor.post(f"/admin/calendars/{change_id}/remove", data=data).status_code == 403
    assert change_ids(app) == [change_id]
    assert admin.get("/admin/calendars/999999").status_code == 404


def test_a_revised_policy_keeps_its_place_in_the_list(app, as_user):
    admin = as_user("admin")
    names = re.findall(r'href="/admin/policies/([a-z0-9_]+)"', admin.get("/admin/policies").text)
    second = names[1]
    with app.app_context():
        policy = db.session.scalar(
            select(ClockPolicy).where(ClockPolicy.key == second, ClockPolicy.current.is_(True))
        )
        fields = {
            "name": policy.name,
            "target_amount": policy.target_amount + 1,
            "target_unit": policy.target_unit.value,
            "due_soon_percent": round(policy.due_soon_share * 100),
            "weekly_holidays": policy.weekly_holidays,
        }
    page = post_form(admin, f"/admin/policies/{second}", fields)
    assert page.status_code == 302, page.get_data(as_text=True)[:2000]
    after = re.findall(r'href="/admin/policies/([a-z0-9_]+)"', admin.get("/admin/policies").text)
    assert after == names
