"""A protector prints the caregiver's pack in Bahasa Malaysia from the case page."""

import io
import re
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from tests.browser.conftest import SCREENSHOTS, sign_in
from tests.support import sexual_abuse_case

pytestmark = pytest.mark.browser


def test_protector_downloads_the_caregiver_pack_in_malay(app, demo_users, page, screenshot):
    with app.app_context():
        case = sexual_abuse_case(
            "jkm.protector", datetime(2026, 11, 2, 2, 0, tzinfo=UTC), given_name="Mawar"
        )
        case_id, reference = case.id, case.reference
    sign_in(page, "jkm.protector", "caseflow-demo")
    page.goto(f"/cases/{case_id}")
    page.select_option("#version", "caregiver")
    page.select_option("#lang", "ms")
    screenshot("pack-1-case-page")
    with page.expect_download() as download:
        page.click("button:has-text('Print the pack')")
    path = SCREENSHOTS.parent / "packs" / "browser-caregiver-ms.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    download.value.save_as(path)
    body = path.read_bytes()
    assert body.startswith(b"%PDF-")
    assert download.value.suggested_filename == f"{reference}-caregiver-ms.pdf"
    text = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    )
    assert "Maklumat untuk keluarga Mawar Contoh" in text
    page.goto(f"/cases/{case_id}")
    assert "Information pack issued" in page.inner_text(".timeline")
    screenshot("pack-2-timeline")
