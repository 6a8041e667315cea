"""The report to a protector (Child Act 2001 ss.27-29) stops when JKM has the case, and the
clock says which step met it; referral clocks name their referral."""

import re
from datetime import UTC, datetime, timedelta

from tests.support import facility_id

JKM_OFFICE = "kdh-jkm-pejabat-kebajikan-masyarakat-daerah-kota-setar"
OSCC = "kdh-oscc-oscc-hospital-sultanah-bahiyah"


def an_hour_ago() -> str:
    """Reported an hour ago: the 24-hour clock is running, neither due soon nor breached."""
    return (datetime.now(UTC) - timedelta(hours=1)).isoformat()


def case_from(api, username, source="clinic") -> int:
    body = {
        "child": {"given_name": "Aina", "age_estimate": 9, "sex": "female", "state": "KDH"},
        "source": {"type": source, "reported_at": an_hour_ago()},
        "concerns": [{"form": "physical_abuse"}],
        "risk_level": "high",
    }
    created = api(username, "post", "/cases", json=body)
    assert created.status_code == 201, created.json
    return created.json["id"]


def refer(api, case_id, to_code, app) -> int:
    with app.app_context():
        to = facility_id(to_code)
    version = api("clinic.nurse", "get", f"/cases/{case_id}").json["version"]
    body = {"to_facility_id": to, "reason": "Needs care", "urgency": "urgent", "version": version}
    sent = api("clinic.nurse", "post", f"/cases/{case_id}/referrals", json=body)
    assert sent.status_code == 201, sent.json
    return sent.json["id"]


def report_clock(api, username, case_id) -> dict:
    clocks = api(username, "get", f"/cases/{case_id}/clocks").json["items"]
    (clock,) = [c for c in clocks if c["policy"]["key"] == "mandatory_report"]
    return clock


def test_jkm_acknowledging_a_referral_meets_the_report_to_a_protector(api, app):
    case_id = case_from(api, "clinic.nurse")
    assert report_clock(api, "clinic.nurse", case_id)["status"] == "running"
    to_oscc = refer(api, case_id, OSCC, app)
    assert api("oscc.doctor", "post", f"/referrals/{to_oscc}/acknowledge").status_code == 200
    assert report_clock(api, "clinic.nurse", case_id)["met_by"] is None  # not a protector
    to_jkm = refer(api, case_id, JKM_OFFICE, app)
    acknowledged = api("jkm.supervisor", "post", f"/referrals/{to_jkm}/acknowledge")
    assert acknowledged.status_code == 200
    clock = report_clock(api, "clinic.nurse", case_id)
    assert clock["status"] == "met"
    assert clock["met_at"] == acknowledged.json["acknowledged_at"]
    assert clock["met_by"]["type"] == "referral_acknowledged"
    assert clock["met_by"]["label"] == "Referral acknowledged"
    assert clock["met_by"]["facility_name"].startswith("Pejabat Kebajikan Masyarakat Daerah")
    # the acceptance that follows leaves the met clock as it was
    api("jkm.supervisor", "post", f"/referrals/{to_jkm}/accept")
    assert report_clock(api, "clinic.nurse", case_id)["met_by"]["type"] == "referral_acknowledged"


def test_a_protector_registering_a_clinics_report_meets_it_at_once(api):
    case_id = case_from(api, "jkm.protector")
    clock = report_clock(api, "jkm.protector", case_id)
    assert clock["status"] == "met" and clock["met_at"] == clock["started_at"]
    assert clock["met_by"]["type"] == "case_registered"


def test_the_case_page_names_each_referral_clock_and_what_met_the_report(api, app, as_user):
    case_id = case_from(api, "clinic.nurse")
    refer(api, case_id, OSCC, app)
    to_jkm = refer(api, case_id, JKM_OFFICE, app)
    api("jkm.supervisor", "post", f"/referrals/{to_jkm}/acknowledge")
    page = as_user("clinic.nurse").get(f"/cases/{case_id}").get_data(as_text=True)
    clocks = page[page.index('id="clocks"') : page.index("</table>", page.index('id="clocks"'))]
    assert clocks.count("Urgent referral acknowledged") == 2
    assert "referral to OSCC, Hospital Sultanah Bahiyah, sent" in clocks
    assert re.search(r"referral to Pejabat Kebajikan Masyarakat Daerah Kota Setar, sent", clocks)
    assert re.search(
        r"met [^<]* by Referral acknowledged \(Pejabat Kebajikan Masyarakat Daerah Kota Setar\)",
        clocks,
    )
