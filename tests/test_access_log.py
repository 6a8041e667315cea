"""Every read of a child's data leaves one audit record naming the cases shown, and the case's
access log ("who has seen this child") lists them with the users who made them."""

import pytest
from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import AuditedCase, AuditRecord, Notification
from caseflow.services import accounts
from tests.support import post_form, register_on_page
from tests.test_api import BODY


def reads(app, action: str) -> list[tuple[str, list[int]]]:
    """(username, case ids named) of each audit record of this kind, oldest first."""
    with app.app_context():
        records = db.session.scalars(
            select(AuditRecord).where(AuditRecord.action == action).order_by(AuditRecord.id)
        ).all()
        named = {
            r.id: sorted(
                db.session.scalars(
                    select(AuditedCase.case_id).where(AuditedCase.audit_record_id == r.id)
                )
            )
            for r in records
        }
        return [(r.username, named[r.id]) for r in records]


@pytest.fixture
def two_cases(as_user):
    nurse = as_user("clinic.nurse")
    return nurse, [register_on_page(nurse, given_name=name) for name in ("Aina", "Balqis")]


def test_a_list_page_writes_one_record_naming_every_case_shown(app, two_cases):
    nurse, ids = two_cases
    assert nurse.get("/cases?status=all").status_code == 200
    assert reads(app, "read_list") == [("clinic.nurse", sorted(ids))]


def test_a_search_names_only_the_cases_it_found(app, two_cases):
    nurse, ids = two_cases
    nurse.get("/cases?status=all&q=Balqis", follow_redirects=True)
    assert reads(app, "read_search") == [("clinic.nurse", [ids[1]])]


def test_an_empty_list_writes_nothing(app, as_user):
    as_user("clinic.nurse").get("/cases?status=all")
    assert reads(app, "read_list") == []


def test_api_list_timeline_and_clocks_are_recorded(app, api):
    first = api("clinic.nurse", "post", "/cases", json=BODY).json["id"]
    api("clinic.nurse", "get", "/cases?status=all&per_page=200")
    api("clinic.nurse", "get", f"/cases/{first}/timeline")
    api("clinic.nurse", "get", f"/cases/{first}/clocks")
    assert reads(app, "read_list") == [("clinic.nurse", [first])]
    assert reads(app, "read_timeline") == [("clinic.nurse", [first])]
    assert reads(app, "read_clocks") == [("clinic.nurse", [first])]


def test_a_refused_read_names_nothing(app, api):
    case = api("clinic.nurse", "post", "/cases", json=BODY).json["id"]
    assert api("jkm.protector.sgr", "get", f"/cases/{case}/timeline").status_code == 404
    assert api("jkm.protector.sgr", "get", "/cases?status=all").json["total"] == 0
    assert reads(app, "read_timeline") == [] and reads(app, "read_list") == []


def test_the_access_log_lists_a_list_a_search_an_export_and_a_pack(app, as_user, api):
    nurse = as_user("clinic.nurse")
    case_id = register_on_page(nurse, given_name="Cempaka")
    nurse.get("/cases?status=all")
    api("clinic.nurse", "get", "/cases?q=Cempaka")
    nurse.get("/cases/export.csv?status=all")
    pack = post_form(
        nurse,
        f"/cases/{case_id}/information-pack",
        {"version": "caregiver", "lang": "ms"},
        token_from=f"/cases/{case_id}",
    )
    assert pack.status_code == 200
    log = api("admin", "get", f"/cases/{case_id}/access-log?per_page=200")
    assert log.status_code == 403 and log.json["error"]["code"] == "break_glass_required"
    glass = api("admin", "post", f"/cases/{case_id}/break-glass", json={"reason": "audit"})
    assert glass.status_code == 204
    log = api("admin", "get", f"/cases/{case_id}/access-log?per_page=200").json
    actions = [(item["action"], item["user"]["username"]) for item in log["items"]]
    for expected in ("list", "search", "export", "pack", "view", "step"):
        assert (expected, "clinic.nurse") in actions, expected
    assert ("break_glass", "admin") in actions
    assert actions[0][0] in ("access_log", "break_glass")  # newest first
    only_packs = api("admin", "get", f"/cases/{case_id}/access-log?action=pack").json
    assert [i["action"] for i in only_packs["items"]] == ["pack"]


def test_breaking_the_glass_records_the_reason_and_tells_the_owning_supervisors(app, as_user, api):
    body = {**BODY, "source": {**BODY["source"], "type": "jkm"}}
    case_id = api("jkm.protector", "post", "/cases", json=body).json["id"]
    admin = as_user("admin")
    page = admin.get(f"/cases/{case_id}/audit")
    assert "Say why you need its access log" in page.get_data(as_text=True)
    # The form names the case by its reference before any reason is given: a read.
    assert reads(app, "read_break_glass_form") == [("admin", [case_id])]
    refused = post_form(admin, f"/cases/{case_id}/audit", {"reason": " "})
    assert refused.status_code == 422
    # The form the helper read its token from, then the form shown again with the error.
    assert reads(app, "read_break_glass_form") == [("admin", [case_id])] * 3
    opened = post_form(admin, f"/cases/{case_id}/audit", {"reason": "PDPA request 2026/14"})
    assert opened.status_code == 302
    assert "Who has seen" in admin.get(f"/cases/{case_id}/audit").get_data(as_text=True)
    with app.app_context():
        glass = db.session.scalar(select(AuditRecord).where(AuditRecord.action == "break_glass"))
        assert glass.detail["reason"] == "PDPA request 2026/14" and glass.username == "admin"
        told = db.session.scalars(
            select(Notification).where(Notification.kind == "break_glass")
        ).all()
        supervisor = accounts.find_user("jkm.supervisor").id
    assert {n.user_id for n in told} == {supervisor}


@pytest.mark.parametrize("username", ["jkm.protector.sgr", "clinic.nurse", "jkm.supervisor"])
def test_only_owning_supervisors_and_administrators_see_the_log(api, username):
    case_id = api("clinic.nurse", "post", "/cases", json=BODY).json["id"]
    assert api(username, "get", f"/cases/{case_id}/access-log").status_code == 404


def test_a_name_searched_for_never_reaches_a_url(app, two_cases, as_user):
    nurse, _ = two_cases
    answer = post_form(
        nurse, "/cases/search", {"q": "Balqis", "status": "all"}, token_from="/cases"
    )
    assert answer.status_code == 303
    assert "Balqis" not in answer.headers["Location"] and "search=" in answer.headers["Location"]
    found = nurse.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Balqis" in found and "Aina" not in found
    other = as_user("jkm.protector").get(answer.headers["Location"]).get_data(as_text=True)
    assert "Balqis" not in other  # a token is its saver's alone
    old_link = nurse.get("/cases?q=Balqis")
    assert old_link.status_code == 303 and "Balqis" not in old_link.headers["Location"]
