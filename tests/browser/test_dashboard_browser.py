"""A supervisor finds the overloaded protector, opens the breached cases and hands one on."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from caseflow.domain.roles import Role
from caseflow.services import demo
from caseflow.services.demo import KEDAH_JKM
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_supervisor_sees_the_protector_over_the_standard_and_reassigns(
    app, demo_users, make_user, page, screenshot
):
    make_user(Role.PROTECTOR, KEDAH_JKM, username="jkm.protector.two")
    with app.app_context():
        demo.seed_demo_standards(datetime.now(UTC))
        demo.seed_demo_cases(30, datetime.now(UTC))
    sign_in(page, "jkm.supervisor", "caseflow-demo")
    page.click("nav a:has-text('Dashboard')")
    first = page.locator("#caseload tbody tr").first
    assert "Demo Protector (Kota Setar)" in first.inner_text()
    assert "over the standard" in first.inner_text()
    assert page.locator("#caseload svg line[stroke-dasharray]").count() == 1  # the standard
    screenshot("dashboard-1-caseload")
    breached = first.locator("td").nth(3)  # open, high risk, due soon, breached
    count = int(breached.inner_text())
    assert count > 0
    breached.locator("a").click()
    expect(page.locator("h1")).to_contain_text("Clock breached")
    rows = page.locator("tbody tr")
    assert rows.count() == min(count, 25)
    reference = rows.first.locator("td").nth(1).inner_text()
    rows.first.locator("input[type=checkbox]").check()
    page.select_option("#officer_id", label="Test protector (0 open cases)")
    screenshot("dashboard-2-breached-cases")
    page.click("button:has-text('Reassign')")
    assert "1 case reassigned to Test protector." in page.inner_text(".flash")
    assert reference not in page.locator("tbody").inner_text()
    page.goto("/dashboard")
    colleague_row = page.locator("#caseload tbody tr", has_text="Test protector")
    assert colleague_row.locator("td").first.inner_text() == "1"  # now holds that one case
    screenshot("dashboard-3-after-reassignment")
