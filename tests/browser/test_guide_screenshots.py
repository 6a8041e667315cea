"""The role guides' screenshots, taken in Chromium as each role does its first day's tasks.

Every guide in docs/guides/ (`<role>.en.md`, `<role>.ms.md`) shows the pages as they are now:
this test walks the guide's steps as the demo user of that role, in the guide's language, and
writes `docs/guides/img/<role>-<step>-<lang>.png`. The images are not committed (they would go
stale as the pages change); `make guides` makes them. The test fails if a guide names an image
this run did not produce, or if a step produced an image its guide does not show.
"""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from caseflow.domain.cases import SourceType
from caseflow.domain.workflow import Urgency
from caseflow.extensions import db
from caseflow.models import Case
from caseflow.services import accounts, demo, referrals
from caseflow.services.cases import assign_officer
from caseflow.services.demo import KEDAH_D11, KEDAH_JKM, KEDAH_OSCC
from tests.browser.conftest import sign_in
from tests.support import actor, facility_id, sexual_abuse_case

pytestmark = pytest.mark.browser

GUIDES = Path(__file__).resolve().parents[2] / "docs" / "guides"
IMAGES = GUIDES / "img"
IMAGE_LINK = re.compile(r"!\[[^\]]*\]\((img/[^)\s]+\.png)\)")


def referenced_images(role: str, lang: str) -> set[str]:
    text = (GUIDES / f"{role}.{lang}.md").read_text(encoding="utf-8")
    return set(IMAGE_LINK.findall(text))


class Camera:
    """Takes the guide's screenshots and remembers which it took."""

    def __init__(self, page, role: str, lang: str):
        self.page, self.role, self.lang = page, role, lang
        self.taken: set[str] = set()

    def __call__(self, step: str) -> None:
        name = f"img/{self.role}-{step}-{self.lang}.png"
        self.page.screenshot(path=str(GUIDES / name), full_page=True)
        self.taken.add(name)


def start(page, username: str, lang: str) -> None:
    """Sign in and choose the guide's language the way a user does, in the page header."""
    sign_in(page, username, "caseflow-demo")
    page.select_option("#language", lang)
    page.click("form[action='/language'] button[type=submit]")
    assert page.locator("html").get_attribute("lang") == lang


def submit(page, scope: str) -> None:
    page.click(f"{scope} button[type=submit]")


def flashed(page) -> None:
    """The step worked: a success message and no error message on the page it led to."""
    assert page.locator(".flash-success").count() > 0, page.inner_text("main")[:500]
    assert page.locator(".flash-error, .errors").count() == 0, page.inner_text("main")[:500]


def case_referred(app, sender: str, source: SourceType, receiver_code: str) -> str:
    """A case registered by `sender` and referred, through the services, to a facility."""
    now = datetime.now(UTC)
    with app.app_context():
        case = sexual_abuse_case(sender, now, source=source)
        receiver = facility_id(receiver_code)
        referrals.refer(
            actor(sender), case, receiver, "Synthetic demo referral", Urgency.URGENT, now
        )
        reference = case.reference
        db.session.remove()
    return reference


def open_referral(page, reference: str) -> None:
    page.goto("/referrals")
    page.click(f"main a:has-text('{reference}')")


def answer(page, reference: str) -> None:
    """Acknowledge the referral, then open it again and accept it: the case page opens."""
    page.click("form[action$='/acknowledge'] button")
    open_referral(page, reference)
    page.click("form[action$='/accept'] button")


# --- The first day of each role --------------------------------------------------------------


def fill_registration(page) -> None:
    page.goto("/cases/new")
    page.fill("#given_name", "Aina")
    page.fill("#family_name", "Contoh")
    page.fill("#date_of_birth", "2014-05-02")
    page.select_option("#district", "Kota Setar")
    page.select_option("#sex", "female")  # the form assumes neither: both start empty
    page.select_option("#risk_level", "high")
    page.check("input[name=forms][value=sexual_abuse]")
    page.fill("#narrative", "Synthetic demo narrative: no real child.")


def clinic_staff(app, page, shot):
    start(page, "clinic.nurse", shot.lang)
    shot("1-home")
    fill_registration(page)
    shot("2-register")
    submit(page, "main form:has(#given_name)")
    assert re.search(r"CF-\d{4}-\d{6}", page.inner_text("h1"))
    assert "Hospital Sultanah Bahiyah" in page.locator("#to_facility_id option").first.inner_text()
    page.fill("#reason", "Suspected sexual abuse: examination needed")
    shot("3-refer")
    submit(page, "#refer")
    flashed(page)
    shot("4-referred")


def oscc(app, page, shot):
    reference = case_referred(app, "clinic.nurse", SourceType.CLINIC, KEDAH_OSCC)
    start(page, "oscc.doctor", shot.lang)
    page.goto("/referrals")
    shot("1-referrals")
    open_referral(page, reference)
    shot("2-referral")
    answer(page, reference)
    assert reference in page.inner_text("h1")
    page.select_option("#type", "medical_assessment")
    page.fill("#text", "Examined with the caregiver present.")
    shot("3-record-step")
    submit(page, "#record")
    flashed(page)
    page.select_option("#to_facility_id", label="Pejabat Kebajikan Masyarakat Daerah Kota Setar")
    page.fill("#reason", "Child needs protection")
    submit(page, "#refer")
    flashed(page)
    shot("4-referred-to-jkm")


def school_counsellor(app, page, shot):
    start(page, "school.counsellor", shot.lang)
    shot("1-home")
    fill_registration(page)
    submit(page, "main form:has(#given_name)")
    assert re.search(r"CF-\d{4}-\d{6}", page.inner_text("h1"))
    assert page.locator("#clocks tbody tr").count() >= 3  # SOP 1:3:7: days 1, 3 and 7
    shot("2-clocks")
    page.select_option("#type", "school_report_sent")
    page.check("#confirmed")  # an SOP 1:3:7 report is a statutory step: asked to confirm
    submit(page, "#record")
    flashed(page)
    shot("3-day-1-sent")


def protector(app, page, shot):
    """A case the OSCC referred, accepted by the office, given to the protector."""
    reference = case_referred(app, "oscc.doctor", SourceType.OSCC, KEDAH_JKM)
    now = datetime.now(UTC)
    with app.app_context():
        case = db.session.scalar(db.select(Case).where(Case.reference == reference))
        referral = case.referrals[-1]
        referrals.acknowledge(actor("jkm.supervisor"), referral, now)
        referrals.accept(actor("jkm.supervisor"), referral, now)
        officer = accounts.find_user("jkm.protector")
        assign_officer(actor("jkm.supervisor"), case, officer.id, now)
        db.session.remove()
    start(page, "jkm.protector", shot.lang)
    shot("1-home")
    page.click(f"main a:has-text('{reference}')")
    shot("2-case")
    page.select_option("#type", "initial_assessment")
    page.fill("#text", "Home visit: the child is safe with the caregiver tonight.")
    submit(page, "#record")
    flashed(page)
    shot("3-assessed")
    page.goto("/clocks")
    shot("4-due-soon-and-overdue")


def police(app, page, shot):
    reference = case_referred(app, "jkm.protector", SourceType.JKM, KEDAH_D11)
    start(page, "d11.officer", shot.lang)
    page.goto("/referrals")
    shot("1-referrals")
    open_referral(page, reference)
    answer(page, reference)
    assert reference in page.inner_text("h1")
    page.select_option("#type", "police_report_lodged")
    page.click("#record summary")
    page.fill("#report_number", "KOTA SETAR/RPT/0001/26")
    shot("2-record-report")
    submit(page, "#record")
    flashed(page)
    shot("3-report-recorded")


def supervisor(app, page, shot):
    now = datetime.now(UTC)
    with app.app_context():
        demo.seed_demo_standards(now)
        demo.seed_demo_cases(30, now)
        db.session.remove()
    reference = case_referred(app, "oscc.doctor", SourceType.OSCC, KEDAH_JKM)
    start(page, "jkm.supervisor", shot.lang)
    shot("1-home")
    page.goto("/dashboard")
    shot("2-dashboard")
    open_referral(page, reference)
    answer(page, reference)
    protector = page.locator("#officer_id option", has_text="Demo Protector (Kota Setar)")
    page.select_option("#officer_id", protector.first.get_attribute("value"))
    shot("3-assign")
    submit(page, "#assign")
    flashed(page)
    shot("4-assigned")


def analyst(app, page, shot):
    with app.app_context():
        demo.seed_demo_cases(30, datetime.now(UTC))
        db.session.remove()
    start(page, "analyst", shot.lang)
    shot("1-home")
    page.goto("/statistics")
    page.select_option("#rows", "abuse_form")
    page.select_option("#columns", "sex")
    submit(page, "main form:has(#rows)")
    assert page.locator("#perturbation").count() == 1
    shot("2-statistics")


def administrator(app, page, shot):
    start(page, "admin", shot.lang)
    shot("1-home")
    page.goto("/admin/users/new")
    page.fill("#username", "new.nurse")
    page.fill("#display_name", "New Nurse (demo)")
    page.select_option("#role", "clinic_staff")
    page.select_option("#facility_id", label="Klinik Kesihatan Bandar Alor Setar")
    page.fill("#password", "a-first-password-to-change")
    shot("2-new-account")
    submit(page, "main form:has(#username)")
    flashed(page)
    shot("3-account-saved")
    page.goto("/admin/policies")
    shot("4-clock-policies")
    page.goto("/admin/calendars")
    shot("5-calendars")


ROLES = {
    "clinic-staff": clinic_staff,
    "oscc": oscc,
    "school-counsellor": school_counsellor,
    "protector": protector,
    "police": police,
    "supervisor": supervisor,
    "analyst": analyst,
    "administrator": administrator,
}


@pytest.mark.parametrize("lang", ["en", "ms"])
@pytest.mark.parametrize("role", list(ROLES))
def test_guide_screenshots_are_taken_as_the_guide_walks(app, demo_users, page, role, lang):
    IMAGES.mkdir(parents=True, exist_ok=True)
    for old in IMAGES.glob(f"{role}-*-{lang}.png"):
        old.unlink()
    shot = Camera(page, role, lang)
    ROLES[role](app, page, shot)
    assert referenced_images(role, lang) == shot.taken
    for name in shot.taken:
        assert (GUIDES / name).stat().st_size > 0
