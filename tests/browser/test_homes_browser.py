"""Each role, on a phone and on a desktop: the home shows the waiting referral or the due clock
made a moment before, and one click opens it. Screenshots: artifacts/screenshots/home-work-*."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from caseflow.domain.cases import AbuseForm, SourceType
from caseflow.domain.workflow import Urgency
from caseflow.extensions import db
from caseflow.models import Case
from caseflow.services import helpline
from caseflow.services.cases import ConcernInput
from tests.browser.conftest import SCREENSHOTS, sign_in
from tests.homes import answer, new_case, referred_case
from tests.support import actor, sexual_abuse_case, synthetic_child

pytestmark = pytest.mark.browser

WINDOWS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


def reference_of(app, case_id: int) -> str:
    with app.app_context():
        return db.session.get(Case, case_id).reference


def clinic_due_clock(app):
    """A clinic case registered now: its report to a protector is due within 24 hours."""
    with app.app_context():
        case_id = new_case("clinic.nurse", datetime.now(UTC), SourceType.CLINIC)
    return "due", reference_of(app, case_id), "cases"


def school_overdue_report(app):
    """A concern the school learnt of ten days ago: its SOP 1:3:7 reports are late."""
    with app.app_context():
        case_id = new_case(
            "school.counsellor", datetime.now(UTC) - timedelta(days=10), SourceType.SCHOOL
        )
    return "due", reference_of(app, case_id), "cases"


def protector_overdue_clock(app):
    now = datetime.now(UTC)
    with app.app_context():
        case_id = sexual_abuse_case("jkm.protector", now - timedelta(hours=30), now).id
    return "due", reference_of(app, case_id), "cases"


def referral_to(receiver: str):
    def make(app):
        _, _, reference = referred_case(app, receiver, Urgency.URGENT, hours_ago=1)
        return "waiting", reference, "referrals"

    return make


def case_without_protector(app):
    _, referral_id, reference = referred_case(app, "jkm", Urgency.ROUTINE)
    with app.app_context():
        answer("jkm.protector", referral_id, "acknowledge", datetime.now(UTC))
        answer("jkm.protector", referral_id, "accept", datetime.now(UTC))
    return "awaiting", reference, "cases"


def helpline_call(app):
    data = synthetic_child(
        SourceType.HELPLINE,
        datetime.now(UTC) - timedelta(minutes=10),
        concerns=[ConcernInput(AbuseForm.SEXUAL_EXTORTION, online=True)],
    )
    with app.app_context():
        sent = helpline.register_and_refer(
            actor("helpline.operator"), data, Urgency.URGENT, "Call", datetime.now(UTC)
        )
        reference = sent.case.reference
    return "sent", reference, "cases"


WORK = {
    "clinic.nurse": clinic_due_clock,
    "oscc.doctor": referral_to("oscc"),
    "school.counsellor": school_overdue_report,
    "jkm.protector": protector_overdue_clock,
    "d11.officer": referral_to("d11"),
    "jkm.supervisor": case_without_protector,
    "helpline.operator": helpline_call,
}


@pytest.mark.parametrize("window", list(WINDOWS))
@pytest.mark.parametrize("username", list(WORK))
def test_the_home_shows_the_work_made_a_moment_before_and_one_click_opens_it(
    app, demo_users, browser, live_server, username, window
):
    where, reference, opens = WORK[username](app)
    context = browser.new_context(
        base_url=live_server, locale="en-GB", viewport=WINDOWS[window], is_mobile=window == "phone"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)  # sign-in is scrypt: slow on a busy 2-core machine
    try:
        sign_in(page, username, "caseflow-demo")
        section = page.locator(f"#{where}")
        link = section.get_by_role("link", name=reference).first
        expect(link, f"{reference} is not in #{where}").to_be_visible()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(SCREENSHOTS / f"home-work-{username}-{window}.png"), full_page=True
        )
        link.click()
        page.wait_for_url(f"**/{opens}/**")
        assert reference in page.locator("h1").inner_text()
    finally:
        context.close()
