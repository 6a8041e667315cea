"""One case through five agencies, in Chromium, and an outsider who cannot find it."""

import re

import pytest

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def sign_out(page):
    page.click("button:has-text('Sign out')")


def open_referral(page, reference):
    page.goto("/referrals")
    page.click(f"a:has-text('{reference}')")


def refer(page, facility_label, reason):
    page.select_option("#to_facility_id", label=facility_label)
    page.fill("#reason", reason)
    page.click("button:has-text('Send referral')")
    assert "Referral sent." in page.inner_text(".flash")


def test_case_travels_from_clinic_to_d11_and_stays_inside_its_circle(demo_users, page, screenshot):
    sign_in(page, "clinic.nurse", "caseflow-demo")
    page.click("a:has-text('Register a case')")
    page.fill("#given_name", "Aina")
    page.fill("#family_name", "Contoh")
    page.fill("#date_of_birth", "2014-05-02")
    page.select_option("#sex", "female")  # no answer is assumed: both start empty
    page.select_option("#risk_level", "high")
    page.select_option("#district", "Kota Setar")
    page.fill("#reported_at", "2026-03-19T09:00")
    page.check("input[name=forms][value=grooming]")
    page.check("input[name=online_forms][value=grooming]")
    page.check("input[name=platforms][value=whatsapp]")
    page.fill("#narrative", "Synthetic demo narrative.")
    screenshot("journey-1-register")
    page.click("button:has-text('Register')")
    reference = re.search(r"CF-\d{4}-\d{6}", page.inner_text("h1")).group(0)
    # The clinic's default OSCC is offered first.
    assert "Hospital Sultanah Bahiyah" in page.locator("#to_facility_id option").first.inner_text()
    page.fill("#reason", "Suspected sexual abuse: examination needed")
    page.click("button:has-text('Send referral')")
    screenshot("journey-2-referred")
    sign_out(page)

    sign_in(page, "oscc.doctor", "caseflow-demo")
    open_referral(page, reference)
    page.click("button:has-text('Acknowledge')")
    page.click("button:has-text('Accept')")  # acknowledging lands where it is accepted
    refer(page, "Pejabat Kebajikan Masyarakat Daerah Kota Setar", "Child needs protection")
    sign_out(page)

    sign_in(page, "jkm.supervisor", "caseflow-demo")
    open_referral(page, reference)
    page.click("button:has-text('Acknowledge')")
    page.click("button:has-text('Accept')")
    page.select_option("#officer_id", label="Demo Protector (Kota Setar) (0 open cases)")
    page.click("button:has-text('Assign')")
    assert "Protector assigned." in page.inner_text(".flash")
    sign_out(page)

    sign_in(page, "jkm.protector", "caseflow-demo")
    page.goto(f"/cases?q={reference}")
    page.click(f"a:has-text('{reference}')")
    # No step is chosen for her; "when" left empty is the moment she presses Record.
    assert page.locator("#type").input_value() == ""
    page.select_option("#type", "initial_assessment")
    page.click("button:text-is('Record')")
    assert "Step recorded." in page.inner_text(".flash")
    timeline = page.inner_text("#timeline")
    assert timeline.index("Protector assigned") < timeline.index("Protector's initial assessment")
    refer(page, "D11, IPK Kedah", "Police report and investigation")
    sign_out(page)

    sign_in(page, "d11.officer", "caseflow-demo")
    open_referral(page, reference)
    page.click("button:has-text('Acknowledge')")
    assert page.locator("button:has-text('Accept')").count() == 1
    page.click("a:has-text('Open the case')")
    assert reference in page.inner_text("h1")
    screenshot("journey-3-d11-case-page")
    sign_out(page)

    sign_in(page, "jkm.protector.sgr", "caseflow-demo")
    page.goto(f"/cases?q={reference}&status=all")
    assert "No case matches." in page.inner_text("main")
    screenshot("journey-4-outsider-search")
