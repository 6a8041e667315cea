"""Accessibility in a real browser: axe-core finds no serious or critical fault on the main
pages in either language, and on a phone (390 x 844) the header folds, tables stack instead of
scrolling sideways and every control is at least 24 px.

axe-core comes from the npm registry, pinned in tests/browser/package-lock.json; `make test`
installs it (npm ci). Without it these tests skip locally and fail in CI.
"""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from caseflow.domain.cases import AbuseForm, SourceType
from caseflow.domain.workflow import Urgency
from caseflow.services import cases, demo, referrals
from caseflow.services.cases import ConcernInput
from tests.browser.conftest import SCREENSHOTS
from tests.support import actor, facility_id, require, synthetic_child

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
FAULTS = ("serious", "critical")


@pytest.fixture
def axe_page(browser, live_server):
    """A page with axe-core loaded into every document (an init script, so the page's
    Content-Security-Policy, which forbids inline scripts, is left as it is)."""
    require(AXE.exists(), "axe-core is not installed (make test fetches it with npm)")

    def open_page(viewport: dict):
        context = browser.new_context(base_url=live_server, locale="en-GB", viewport=viewport)
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        page.set_default_timeout(10_000)
        contexts.append(context)
        return page

    contexts = []
    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def work(app, demo_users):
    """A clinic case referred to the protector's office and a case the protector holds."""
    now = datetime.now(UTC)
    with app.app_context():
        clinic = register("clinic.nurse", SourceType.CLINIC, now)
        referrals.refer(
            actor("clinic.nurse"),
            clinic,
            facility_id(demo.KEDAH_JKM),
            "Rujukan sintetik",
            Urgency.URGENT,
            now,
        )
        owned = register("jkm.protector", SourceType.JKM, now)
        return {"case": owned.id}


def register(username, source, now):
    data = synthetic_child(
        source,
        now - timedelta(hours=30),
        concerns=[ConcernInput(AbuseForm.GROOMING, online=True, platforms=("whatsapp",))],
        soca_sections=("12",),
    )
    return cases.register_case(actor(username), data, now - timedelta(hours=30))


def sign_in(page, username: str, language: str) -> None:
    page.goto("/login")
    if language != "en":
        page.select_option("#language", language)
        with page.expect_navigation():  # the login page again, in that language
            page.click("form:has(#language) button[type=submit]")
    page.fill("#username", username)
    page.fill("#password", "caseflow-demo")
    with page.expect_navigation():  # the login page has a main h1 too: wait for the home
        page.click("form:has(#password) button[type=submit]")
    page.wait_for_selector("main h1")


def serious_faults(page) -> list[str]:
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in FAULTS
    ]


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def pages_of(work) -> dict[str, list[tuple[str, str]]]:
    case = f"/cases/{work['case']}"
    return {
        "jkm.protector": [
            ("home", "/"),
            ("case", case),
            ("register", "/cases/new"),
            ("work-queue", "/clocks"),
            ("referrals", "/referrals"),
            ("cases", "/cases"),
        ],
        "jkm.supervisor": [("dashboard", "/dashboard")],
        "analyst": [("statistics", "/statistics")],
    }


@pytest.mark.parametrize("language", ["en", "ms"])
def test_no_serious_accessibility_fault_on_the_main_pages(axe_page, work, language):
    faults = {}
    page = axe_page(DESKTOP)
    page.goto("/login")
    if language != "en":
        page.select_option("#language", language)
        page.click("form:has(#language) button[type=submit]")
    faults["login"] = serious_faults(page)
    for username, visits in pages_of(work).items():
        page.context.clear_cookies()
        sign_in(page, username, language)
        for name, path in visits:
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == language
            faults[name] = serious_faults(page)
    assert not {name: found for name, found in faults.items() if found}, faults


@pytest.mark.parametrize("language", ["en", "ms"])
def test_on_a_phone_the_header_folds_and_nothing_scrolls_sideways(axe_page, work, language):
    page = axe_page(PHONE)
    sign_in(page, "jkm.protector", language)
    header = page.locator("header.top")
    assert header.bounding_box()["height"] < 100
    assert not page.locator("#main-nav").is_visible()
    page.click("#menu-button")
    assert page.locator("#main-nav").is_visible()
    assert page.locator("#menu-button").get_attribute("aria-expanded") == "true"
    shoot(page, f"phone-menu-open-{language}")
    for name, path in (("case", f"/cases/{work['case']}"), ("cases", "/cases")):
        page.goto(path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} scrolls sideways: {width} px"
        shoot(page, f"phone-{name}-{language}")
    page.goto(f"/cases/{work['case']}")
    first = page.locator("#clocks tbody tr").first
    assert first.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert serious_faults(page) == []


def test_on_a_phone_every_control_of_the_register_form_is_24_px(axe_page, work):
    page = axe_page(PHONE)
    sign_in(page, "jkm.protector", "ms")
    page.goto("/cases/new")
    small = page.evaluate(
        """() => [...document.querySelectorAll(
            'input:not([type=hidden]), select, textarea, button')]
          .filter(e => e.getClientRects().length)
          .map(e => [e.id || e.name || e.textContent.trim(), e.getBoundingClientRect()])
          .filter(([, box]) => box.height < 24 || box.width < 24)
          .map(([name, box]) => `${name}: ${Math.round(box.width)}x${Math.round(box.height)}`)"""
    )
    assert small == []
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    shoot(page, "phone-register-ms")
