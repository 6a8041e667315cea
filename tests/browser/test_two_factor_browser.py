"""jkm.supervisor turns on two-factor sign-in, signs in with a code and ends another session."""

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_supervisor_enrols_signs_in_with_a_code_and_ends_another_session(
    demo_users, browser, live_server, page, screenshot
):
    sign_in(page, "jkm.supervisor", "caseflow-demo")
    page.goto("/account/two-factor")
    page.click("button:has-text('Set up two-factor sign-in')")
    assert page.locator("figure.qr svg").count() == 1  # the QR code, drawn on the server
    screenshot("two-factor-enrol")
    totp = pyotp.TOTP(page.locator("#totp-secret").inner_text())
    page.fill("#otp", totp.now())
    page.click("button:has-text('Turn on two-factor sign-in')")
    codes = page.locator("ul.recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    screenshot("two-factor-recovery-codes")
    page.click("button:has-text('Sign out')")

    sign_in(page, "jkm.supervisor", "caseflow-demo")
    expect(page.locator("h1")).to_have_text("Enter your code")
    screenshot("two-factor-code-step")
    page.fill("#otp", totp.at(datetime.now(UTC) + timedelta(seconds=30)))
    page.click("button:has-text('Sign in')")
    expect(page.locator("h1")).to_have_text("Supervisor home")

    other = browser.new_context(base_url=live_server, locale="en-GB", user_agent="Other computer")
    elsewhere = other.new_page()
    sign_in(elsewhere, "jkm.supervisor", "caseflow-demo")
    elsewhere.fill("#otp", codes[0])  # no phone at hand: a recovery code, once
    elsewhere.click("button:has-text('Sign in')")
    expect(elsewhere.locator("h1")).to_have_text("Supervisor home")

    page.click("a.who")
    expect(page.locator("h1")).to_have_text("Your sessions")
    rows = page.locator("table.data").first.locator("tbody tr")
    assert rows.count() == 2
    screenshot("sessions-two")
    page.locator("tr:has-text('Other computer') button:has-text('End session')").click()
    assert "That session has ended." in page.locator(".flash").inner_text()
    assert page.locator("table.data").first.locator("tbody tr").count() == 1
    screenshot("sessions-one-ended")

    elsewhere.reload()
    assert elsewhere.locator("h1").inner_text() == "Sign in to Caseflow"
    other.close()
