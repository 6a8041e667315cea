"""A child's whole record for the owning supervisor: audited, never cached, refused to others."""

from datetime import UTC, datetime

from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import AuditRecord
from caseflow.services import cases
from tests.support import post_form

REPORTED = datetime(2026, 3, 19, 1, 0, tzinfo=UTC)


def test_the_supervisor_gets_the_record_others_are_refused(app, api, act, case_input):
    case_id = act("jkm.protector", cases.register_case, case_input(), REPORTED)
    path = f"/cases/{case_id}/subject-access"
    answer = api("jkm.supervisor", "get", path)
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    record = answer.json
    assert record["child"]["given_name"] == "Aina" and record["caregiver"]["name"] == "Puan Contoh"
    assert [e["type"] for e in record["timeline"]] == ["case_registered"]
    pdf = api("jkm.supervisor", "get", path, query_string={"format": "pdf"})
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Cache-Control"] == "no-store"
    assert api("jkm.protector", "get", path).status_code == 403
    assert api("jkm.protector.sgr", "get", path).status_code == 404
    assert api("jkm.supervisor", "get", path, query_string={"format": "doc"}).status_code == 422
    with app.app_context():
        exports = db.session.scalars(
            select(AuditRecord)
            .where(AuditRecord.action == "subject_access_export")
            .order_by(AuditRecord.id)
        ).all()
        assert [(e.object_id, e.detail["format"], e.username) for e in exports] == [
            (case_id, "json", "jkm.supervisor"),
            (case_id, "pdf", "jkm.supervisor"),
        ]


def test_the_case_page_offers_the_export_to_the_supervisor_only(app, as_user, act, case_input):
    case_id = act("jkm.protector", cases.register_case, case_input(), REPORTED)
    page, path = f"/cases/{case_id}", f"/cases/{case_id}/subject-access"
    supervisor = as_user("jkm.supervisor")
    assert f'action="{path}"' in supervisor.get(page).get_data(as_text=True)
    answer = post_form(supervisor, path, {"format": "json"}, token_from=page)
    assert answer.status_code == 200 and answer.json["case"]["id"] == case_id
    assert answer.headers["Cache-Control"] == "no-store"
    protector = as_user("jkm.protector")
    assert f'action="{path}"' not in protector.get(page).get_data(as_text=True)
    assert post_form(protector, path, {"format": "json"}, token_from=page).status_code == 403
    outsider = as_user("jkm.protector.sgr")
    assert post_form(outsider, path, {"format": "pdf"}, token_from="/").status_code == 404
