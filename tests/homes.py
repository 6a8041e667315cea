"""Waiting work for the home-page tests, made through the services the pages use."""

import re
from datetime import UTC, datetime, timedelta

from caseflow.domain.cases import AbuseForm, SourceType
from caseflow.domain.workflow import Urgency
from caseflow.extensions import db
from caseflow.models import Case, Referral
from caseflow.services import cases, demo, referrals
from caseflow.services.cases import ConcernInput
from tests.support import actor, facility_id, synthetic_child

#: A Tuesday in Kedah with no holiday near: a school's day-1 report of that morning is due at
#: the end of Wednesday, tomorrow, and its day-3 report after the Friday-Saturday weekend.
TUESDAY_MORNING = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # 10:00 in Alor Setar

RECEIVERS = {
    "d11": demo.KEDAH_D11,
    "oscc": demo.KEDAH_OSCC,
    "jkm": demo.KEDAH_JKM,
}


def new_case(username: str, reported: datetime, source: SourceType, **overrides) -> int:
    """A Kedah case registered by `username` (in the current app context); returns its id."""
    overrides = {
        "concerns": [ConcernInput(AbuseForm.SEXUAL_ABUSE)],
        "age_estimate": 10,
        **overrides,
    }
    data = synthetic_child(source, reported, **overrides)
    return cases.register_case(actor(username), data, reported).id


def refer(username: str, case_id: int, to: str, urgency: Urgency, sent: datetime) -> int:
    case = db.session.get(Case, case_id)
    referral = referrals.refer(
        actor(username), case, facility_id(RECEIVERS[to]), "Synthetic reason.", urgency, sent
    )
    return referral.id


def answer(username: str, referral_id: int, step: str, at: datetime, reason: str = "") -> None:
    referral = db.session.get(Referral, referral_id)
    if step == "decline":
        referrals.decline(actor(username), referral, reason, at)
    else:
        getattr(referrals, step)(actor(username), referral, at)


def referred_case(app, to: str, urgency=Urgency.URGENT, hours_ago=3, **case):
    """A clinic nurse's case referred `hours_ago` to the D11, the OSCC or the JKM office:
    (case id, referral id, reference)."""
    now = datetime.now(UTC)
    with app.app_context():
        case_id = new_case(
            "clinic.nurse", now - timedelta(hours=hours_ago, minutes=5), SourceType.CLINIC, **case
        )
        referral_id = refer("clinic.nurse", case_id, to, urgency, now - timedelta(hours=hours_ago))
        reference = db.session.get(Case, case_id).reference
        db.session.remove()
    return case_id, referral_id, reference


def section(html: str, name: str) -> str:
    """One section of a home page, by its id: what the person sees under that heading."""
    found = re.search(rf'<section class="card" id="{name}".*?</section>', html, re.S)
    assert found, f"no section {name}"
    return found.group(0)


def nav_count(html: str, link: str) -> int:
    """The number the navigation shows beside Referrals (`nav-referrals`) or the due queue."""
    found = re.search(rf'id="{link}">[^<]*(?:<span class="count"[^>]*>(\d+)</span>)?', html)
    assert found, f"no link {link}"
    return int(found.group(1) or 0)
