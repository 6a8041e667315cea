"""A supervisor exports 5,000 cases to XLSX, watches the progress bar and downloads the file.

The export runs on a real queue consumer (the file queue, or Redis in CI's PostgreSQL leg).
Registering 5,000 cases through the service takes about five minutes, so 20 are registered
through it and the rest are copies of them made in one INSERT: the export reads rows, and a
copy is a row like any other.
"""

import io
import time
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlalchemy import func, insert, select

from caseflow.extensions import db
from caseflow.models import Case
from caseflow.services import demo
from caseflow.web.cases import exports as case_exports
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser
CASES = 5000


def copy_cases(template_ids: list[int], total: int) -> None:
    templates = db.session.scalars(select(Case).where(Case.id.in_(template_ids))).all()
    columns = [c.key for c in Case.__table__.columns if c.key not in {"id", "reference"}]
    rows = []
    for n in range(total - len(templates)):
        source = templates[n % len(templates)]
        rows.append(
            {**{c: getattr(source, c) for c in columns}, "reference": f"CF-2026-{900000 + n:06d}"}
        )
    db.session.execute(insert(Case), rows)
    db.session.commit()


def test_supervisor_exports_5000_cases_to_xlsx(
    app, demo_users, consumer, page, screenshot, monkeypatch
):
    # The worker reads 10 cases a statement here (500 in the app) and commits its progress after
    # each: at 500 the job writes these 5,000 rows within one of the page's one-second polls, and
    # the bar could not be seen part way. The consumer runs in this process, so it reads this.
    monkeypatch.setattr(case_exports, "CHUNK", 10)
    with app.app_context():
        ids = demo.seed_demo_cases(20, datetime.now(UTC))
        copy_cases(ids, CASES)
        assert db.session.scalar(select(func.count()).select_from(Case)) == CASES
    sign_in(page, "jkm.supervisor", "caseflow-demo")
    page.click("nav a:has-text('Dashboard')")
    row = page.locator("#caseload tbody tr", has_text="Demo Protector (Kota Setar)")
    assert row.locator("td").first.inner_text() == "5000"
    row.locator("td").first.locator("a").click()
    page.click("a:has-text('XLSX')")
    assert "more than 2000 cases" in page.inner_text("main")
    page.click("button:has-text('Prepare the XLSX file')")
    bar = page.locator("progress#export-progress")
    expect(bar).to_be_visible()
    seen = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not page.locator("#export-download").is_visible():
        seen.append(int(bar.get_attribute("value") or 0))
        time.sleep(0.1)
    assert page.locator("#export-download").is_visible(), f"progress seen: {seen}"
    assert int(bar.get_attribute("value")) == 100
    assert seen == sorted(seen)  # the bar only moves forward
    assert any(0 < value < 100 for value in seen), seen  # and was seen part way
    screenshot("export-1-ready")
    with page.expect_download() as download:
        page.click("a:has-text('Download the file')")
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()), read_only=True)
    references = [
        r[0]
        for r in workbook.active.iter_rows(values_only=True)
        if r and str(r[0]).startswith("CF-")
    ]
    assert len(references) == CASES and len(set(references)) == CASES
    again = page.request.get(page.url + "/download")
    assert again.status == 404  # the link works once
