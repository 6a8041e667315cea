"""Correcting a child's identity: a versioned change on the timeline, refused to others."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from caseflow.domain.statistics import Dimension
from caseflow.domain.workflow import Urgency
from caseflow.extensions import db
from caseflow.models import AuditRecord, Case, CaseEvent
from caseflow.services import accounts, cases, referrals, statistics
from caseflow.services.audit import Actor
from tests.support import VERSION_RE, facility_id, post_form

OSCC = "kdh-oscc-oscc-hospital-sultanah-bahiyah"
REPORTED = datetime(2026, 3, 19, 1, 0, tzinfo=UTC)


def test_correction_on_the_page_is_kept_on_the_timeline(app, demo_users, as_user, act, case_input):
    case_id = act("jkm.protector", cases.register_case, case_input(), REPORTED)
    protector = as_user("jkm.protector")
    path = f"/cases/{case_id}/correction"
    assert f'href="{path}"' in protector.get(f"/cases/{case_id}").get_data(as_text=True)
    # The form shows the child's identity as recorded: opening it is a read of the case.
    assert "Aina" in protector.get(path).get_data(as_text=True)
    with app.app_context():
        opened = db.session.scalar(
            select(AuditRecord).where(AuditRecord.action == "correction_viewed")
        )
        assert (opened.username, opened.object_id) == ("jkm.protector", case_id)
    form = {
        "given_name": "Ainaa",
        "family_name": "Contoh",
        "date_of_birth": "2010-05-02",
        "sex": "female",
        "caregiver_name": "Puan Contoh",
        "caregiver_phone": "012-000 0000",
        "reason": "Spelling and birth year from the birth certificate",
    }
    answer = post_form(protector, path, form)
    assert answer.status_code == 302
    page = protector.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "Child&#39;s details corrected" in page or "Child's details corrected" in page
    assert "Aina → Ainaa" in page and "2014-05-02 → 2010-05-02" in page
    assert "birth certificate" in page
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case.child_given_name == "Ainaa" and case.version == 3
        # 11 at report in March 2026 (born May 2014) is now 15: the statistics follow
        assert case.age_band == "13-15"
        event = db.session.scalar(select(CaseEvent).where(CaseEvent.type == "identity_corrected"))
        assert event.data["changes"] == {
            "given_name": {"old": "Aina", "new": "Ainaa"},
            "date_of_birth": {"old": "2014-05-02", "new": "2010-05-02"},
        }
        audited = db.session.scalar(
            select(AuditRecord).where(AuditRecord.action == "identity_corrected")
        )
        assert audited.object_id == case_id and "Ainaa" not in str(audited.detail)
        by_band = statistics.table_from_cases(
            [Dimension.AGE_BAND], REPORTED.replace(day=1), REPORTED.replace(month=4), threshold=0
        )
        monthly = statistics.table_by_month([Dimension.AGE_BAND], "2026-03", "2026-03", 0)
        assert monthly == by_band


def test_a_stale_or_missing_version_is_refused(app, demo_users, as_user, act, case_input):
    case_id = act("jkm.protector", cases.register_case, case_input(), REPORTED)
    protector = as_user("jkm.protector")
    path = f"/cases/{case_id}/correction"
    form = {
        "given_name": "Ainaa",
        "sex": "female",
        "date_of_birth": "2014-05-02",
        "reason": "Spelling",
    }
    read = int(VERSION_RE.search(protector.get(path).get_data(as_text=True)).group(1))
    first = post_form(protector, path, {**form, "version": str(read)})
    assert first.status_code == 302  # the version read is current: it goes through
    again = post_form(protector, path, {**form, "given_name": "Ainah", "version": str(read)})
    assert again.status_code == 409 and "Someone else changed this case" in again.get_data(
        as_text=True
    )
    missing = post_form(protector, path, {**form, "given_name": "Ainah", "version": ""})
    assert missing.status_code == 422 and "out of date" in missing.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Case, case_id).child_given_name == "Ainaa"


def test_api_correction_needs_the_version_and_a_reason(app, api, act, case_input):
    case_id = act("jkm.protector", cases.register_case, case_input(), REPORTED)
    path = f"/cases/{case_id}/corrections"
    body = {"caregiver_phone": "013-111 1111", "reason": "The family moved"}
    missing = api("jkm.protector", "post", path, json=body)
    assert missing.status_code == 422 and "version" in missing.json["error"]["fields"]
    read = api("jkm.protector", "get", f"/cases/{case_id}").json["version"]
    done = api("jkm.protector", "post", path, json={**body, "version": read})
    assert done.status_code == 201 and done.json["version"] == read + 1
    stale = api("jkm.protector", "post", path, json={**body, "version": read})
    assert stale.status_code == 409
    timeline = api("jkm.protector", "get", f"/cases/{case_id}/timeline").json["items"]
    assert timeline[-1]["type"] == "identity_corrected"
    assert timeline[-1]["data"] == {
        "changes": {"caregiver_phone": {"old": "012-000 0000", "new": "013-111 1111"}},
        "reason": "The family moved",
    }


def test_others_are_refused(app, api, act, as_user, case_input):
    case_id = act("clinic.nurse", cases.register_case, case_input(), REPORTED)
    with app.app_context():
        oscc = facility_id(OSCC)
        nurse = Actor(accounts.find_user("clinic.nurse"), "test")
        case = db.session.get(Case, case_id)
        referral = referrals.refer(nurse, case, oscc, "Examination", Urgency.URGENT, REPORTED)
        doctor = Actor(accounts.find_user("oscc.doctor"), "test")
        referrals.acknowledge(doctor, referral, REPORTED)
        db.session.remove()
    body = {"given_name": "Other", "reason": "r", "version": 3}
    path = f"/cases/{case_id}/corrections"
    # the OSCC sees the case but does not own it; Selangor does not see it at all
    assert api("oscc.doctor", "get", f"/cases/{case_id}").status_code == 200
    assert api("oscc.doctor", "post", path, json=body).status_code == 403
    assert api("jkm.protector.sgr", "post", path, json=body).status_code == 404
    assert as_user("oscc.doctor").get(f"/cases/{case_id}/correction").status_code == 403
    assert as_user("jkm.protector.sgr").get(f"/cases/{case_id}/correction").status_code == 404
    with app.app_context():
        assert db.session.get(Case, case_id).child_given_name == "Aina"


def test_a_corrected_child_is_found_under_the_corrected_name(app, demo_users, act, case_input):
    """The next registration of the child, under the right name, shows the corrected case as
    a possible duplicate; under the old key it would match nothing."""
    from caseflow.domain.cases import Sex
    from caseflow.services import corrections

    child = dict(date_of_birth=date(2014, 5, 2), sex=Sex.FEMALE, family_name="binti Yusof")
    case_id = act(
        "jkm.protector", cases.register_case, case_input(given_name="Aina", **child), REPORTED
    )

    def correct(actor):
        case = db.session.get(Case, case_id)
        wanted = corrections.IdentityInput(
            "Nurul Huda",
            "binti Yusof",
            Sex.FEMALE,
            child["date_of_birth"],
            caregiver_name="Puan Contoh",
            caregiver_phone="012-000 0000",
        )
        return corrections.correct_identity(
            actor, case, case.version, wanted, "Name from the birth certificate", REPORTED
        )

    act("jkm.protector", correct)

    def register_again(actor):
        data = case_input(given_name="Nurul Huda", **child)
        again = cases.register(actor, data, REPORTED + timedelta(days=1))
        return [found.case.id for found in again.possible_duplicates]

    assert act("jkm.protector", register_again) == [case_id]
