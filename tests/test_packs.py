"""Information packs: sixteen PDFs for one case, with the case's facts, issued on the record."""

import io
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from sqlalchemy import select

from caseflow.domain.events import EventType
from caseflow.domain.packs import PackLanguage, PackVersion
from caseflow.extensions import db
from caseflow.models import AuditRecord, CaseEvent
from caseflow.services import cases
from caseflow.services.accounts import find_user
from caseflow.services.audit import Actor
from tests.support import csrf_token, facility_id, post_form, require, sexual_abuse_case

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "packs"


@pytest.fixture
def case_id(app, demo_users):
    """A Kedah case held by the demo protector, charged at the special court with a date set."""
    with app.app_context():
        case = sexual_abuse_case("jkm.protector", datetime(2026, 3, 19, 2, 0, tzinfo=UTC))
        actor = Actor(find_user("jkm.protector"), "test")
        court = facility_id("national-court-special-putrajaya")
        cases.record_event(
            actor,
            case,
            EventType.CHARGE_REGISTERED,
            NOW,
            {"court_id": court, "registered_on": "2026-11-19", "next_hearing_on": "2099-01-12"},
            NOW,
        )
        return case.id


def pdf_text(body: bytes) -> list[str]:
    """Each page's text with line breaks as spaces: a name may wrap."""
    pages = PdfReader(io.BytesIO(body)).pages
    return [re.sub(r"\s+", " ", page.extract_text()) for page in pages]


def issue(api, case_id, version, lang, user="jkm.protector"):
    return api(user, "get", f"/cases/{case_id}/information-pack?version={version}&lang={lang}")


def test_sixteen_packs_hold_the_childs_name_the_protector_and_the_helpline(app, api, case_id):
    for version in PackVersion:
        for lang in PackLanguage:
            answer = issue(api, case_id, version.value, lang.value)
            assert answer.status_code == 200, (version, lang, answer.get_data()[:300])
            assert answer.mimetype == "application/pdf"
            assert answer.headers["Cache-Control"] == "no-store"
            assert len(answer.data) < 300 * 1024, (version, lang, len(answer.data))
            text = " ".join(pdf_text(answer.data))
            assert "Siti" in text, (version, lang)
            assert "Demo Protector (Kota Setar)" in text, (version, lang)
            assert "15999" in text, (version, lang)
    timeline = api("jkm.protector", "get", f"/cases/{case_id}/timeline?per_page=100").json
    issued = [e for e in timeline["items"] if e["type"] == "pack_issued"]
    assert sorted((e["data"]["version"], e["data"]["language"]) for e in issued) == sorted(
        (v.value, lang.value) for v in PackVersion for lang in PackLanguage
    )


def test_pack_names_the_special_court_and_its_date(api, case_id):
    text = " ".join(pdf_text(issue(api, case_id, "caregiver", "en").data))
    assert "12 January 2099" in text
    assert "special court for sexual offences against children" in text


def test_defaults_come_from_the_childs_age_and_home_language(app, api, case_id):
    answer = api("jkm.protector", "get", f"/cases/{case_id}/information-pack")
    assert answer.status_code == 200
    assert answer.headers["Content-Language"] == "ms"
    assert "child-ms.pdf" in answer.headers["Content-Disposition"]  # age 9: the child's pack
    assert "Hai, Siti" in pdf_text(answer.data)[0]


def test_pdf_is_a4_with_title_language_page_numbers_and_embedded_fonts(api, case_id):
    body = issue(api, case_id, "caregiver", "en").data
    reader = PdfReader(io.BytesIO(body))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert [round(float(x)) for x in page.mediabox[2:]] == [round(A4[0]), round(A4[1])]
    assert reader.metadata.title.startswith("Information for parents and caregivers")
    assert "Siti" not in reader.metadata.title  # metadata names the reference, not the child
    assert reader.trailer["/Root"]["/Lang"] == "en-MY"
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(font["/BaseFont"])
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]  # embedded
    assert not any("Helvetica" in name for name in fonts)
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in fonts)  # subsetted


def test_reference_on_every_page_and_full_name_only_on_the_first(app, api, case_id):
    pages = pdf_text(issue(api, case_id, "caregiver", "en").data)
    with app.app_context():
        reference = db.session.get(cases.Case, case_id).reference
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"Reference {reference}" in text and f"Page {number} of {total}" in text
    assert "Siti Contoh" in pages[0]
    assert not any("Siti Contoh" in text for text in pages[1:])


def test_markup_in_a_childs_name_is_printed_literally(app, api, demo_users):
    name = '<img src="/etc/passwd" width="9" height="9"/><a href="http://x">Nur</a>'
    with app.app_context():
        case_id = sexual_abuse_case("jkm.protector", NOW, given_name=name).id
    answer = issue(api, case_id, "caregiver", "ms")
    assert answer.status_code == 200
    text = " ".join(pdf_text(answer.data))
    assert '<img src="/etc/passwd"' in text
    assert b"/Subtype /Image" not in answer.data and b"/URI" not in answer.data


def test_issuing_is_a_timeline_event_and_an_audit_record(app, client, demo_users, case_id):
    post_form(client, "/login", {"username": "jkm.protector", "password": "caseflow-demo"})
    page = client.get(f"/cases/{case_id}")
    assert "Print the pack" in page.get_data(as_text=True)
    answer = client.post(
        f"/cases/{case_id}/information-pack",
        data={
            "csrf_token": csrf_token(client, f"/cases/{case_id}"),
            "version": "caregiver",
            "lang": "ms",
        },
    )
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    assert answer.headers["Cache-Control"] == "no-store"
    with app.app_context():
        event = db.session.scalars(
            select(CaseEvent).where(
                CaseEvent.case_id == case_id, CaseEvent.type == EventType.PACK_ISSUED
            )
        ).one()
        assert event.data == {"version": "caregiver", "language": "ms"}
        assert event.user.username == "jkm.protector"
        audit = db.session.scalars(
            select(AuditRecord).where(AuditRecord.action == "pack_issued")
        ).one()
        assert audit.object_id == case_id and audit.detail["language"] == "ms"
    timeline = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert (
        "Information pack issued" in timeline
        and "Parent or caregiver · Bahasa Malaysia" in timeline
    )


def test_outside_the_circle_gets_404_and_nothing_is_recorded(app, api, client, case_id):
    assert issue(api, case_id, "caregiver", "ms", user="jkm.protector.sgr").status_code == 404
    assert issue(api, case_id, "caregiver", "ms", user="analyst").status_code == 404
    post_form(client, "/login", {"username": "jkm.protector.sgr", "password": "caseflow-demo"})
    answer = client.post(
        f"/cases/{case_id}/information-pack",
        data={"csrf_token": csrf_token(client, "/cases"), "version": "teen", "lang": "en"},
    )
    assert answer.status_code == 404
    with app.app_context():
        issued = select(CaseEvent).where(CaseEvent.type == EventType.PACK_ISSUED)
        assert db.session.scalars(issued).first() is None


@pytest.mark.parametrize("query", ["version=adult&lang=ms", "version=teen&lang=fr"])
def test_unknown_version_or_language_is_a_clear_422(api, case_id, query):
    answer = api("jkm.protector", "get", f"/cases/{case_id}/information-pack?{query}")
    assert answer.status_code == 422
    assert set(answer.json["error"]["fields"]) <= {"version", "lang"}
    assert answer.json["error"]["fields"]


def test_all_sixteen_packs_are_kept_as_png_pages_for_review(api, case_id):
    """artifacts/packs/ keeps every version in every language as PNG pages, for a reader of
    each language (the Chinese and Tamil texts need review by native readers)."""
    require(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) is not installed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for version in PackVersion:
        for lang in PackLanguage:
            stem = ARTIFACTS / f"{version.value}-{lang.value}"
            for old in ARTIFACTS.glob(f"{stem.name}-*.png"):
                old.unlink()
            pdf = stem.with_suffix(".pdf")
            pdf.write_bytes(issue(api, case_id, version.value, lang.value).data)
            subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(stem)], check=True)
            pages = sorted(ARTIFACTS.glob(f"{stem.name}-*.png"))
            assert pages and all(p.stat().st_size > 10_000 for p in pages), pdf


def test_court_lines_follow_the_cases_real_court(app, api, demo_users):
    """A case charged at a Sessions court hears nothing of special courts."""
    with app.app_context():
        case = sexual_abuse_case("jkm.protector", datetime(2026, 3, 19, 2, 0, tzinfo=UTC))
        actor = Actor(find_user("jkm.protector"), "test")
        court = facility_id("kdh-court-mahkamah-sesyen-alor-setar")
        cases.record_event(
            actor,
            case,
            EventType.CHARGE_REGISTERED,
            NOW,
            {"court_id": court, "registered_on": "2026-11-19", "next_hearing_on": "2099-01-12"},
            NOW,
        )
        case_id = case.id
    for version in ("child", "teen", "caregiver", "easy_read"):
        text = " ".join(pdf_text(issue(api, case_id, version, "en").data)).lower()
        assert "special court" not in text, version
        assert "12 january 2099" in text or version in ("child", "easy_read"), version


def test_easy_read_is_chosen_on_the_case_page_and_through_the_api(app, api, client, case_id):
    post_form(client, "/login", {"username": "jkm.protector", "password": "caseflow-demo"})
    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert 'value="easy_read"' in page
    answer = client.post(
        f"/cases/{case_id}/information-pack",
        data={
            "csrf_token": csrf_token(client, f"/cases/{case_id}"),
            "version": "easy_read",
            "lang": "ta",
        },
    )
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    body = issue(api, case_id, "easy_read", "en")
    assert body.status_code == 200 and "easy_read-en.pdf" in body.headers["Content-Disposition"]
    text = " ".join(pdf_text(body.data))
    assert "Nobody is angry with you." in text and "special court for children" in text
    reader = PdfReader(io.BytesIO(body.data))
    assert reader.metadata.title.startswith("Easy read information")
