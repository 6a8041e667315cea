"""Each demo role signs in through a real browser and lands on its own home page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.test_sign_in import HOME_TITLES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("username", list(HOME_TITLES))
def test_demo_role_sees_its_home_page(demo_users, page, screenshot, username):
    sign_in(page, username, "caseflow-demo")
    expect(page.locator("h1")).to_have_text(HOME_TITLES[username])
    screenshot(f"home-{username}")
    page.click("button:has-text('Sign out')")
    expect(page.locator("h1")).to_have_text("Sign in to Caseflow")


def test_wrong_password_is_refused_in_the_browser(demo_users, page, screenshot):
    sign_in(page, "clinic.nurse", "not-the-password")
    assert page.locator(".errors").inner_text() == "Wrong username or password."
    screenshot("sign-in-refused")


def test_language_switch_turns_the_page_malay(demo_users, page, screenshot):
    sign_in(page, "jkm.supervisor", "caseflow-demo")
    page.select_option("#language", "ms")
    page.click("button:has-text('Change')")
    expect(page.locator("h1")).to_have_text("Laman penyelia")
    screenshot("home-jkm.supervisor-ms")
