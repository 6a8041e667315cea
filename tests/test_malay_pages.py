"""Every role's main pages in Malay hold no English, data-driven labels included; the language
chosen before signing in is kept; dates read as words, not 1/12/26."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import select

from caseflow.domain.cases import AbuseForm, SourceType
from caseflow.domain.clocks import MALAYSIA
from caseflow.domain.events import EventType
from caseflow.domain.offences import PENAL_CODE_SECTIONS, SOCA_SECTIONS
from caseflow.domain.policies import DEFAULT_POLICIES
from caseflow.domain.roles import Role
from caseflow.domain.workflow import Urgency
from caseflow.extensions import db
from caseflow.i18n import force_locale
from caseflow.models import Case, Facility
from caseflow.services import cases, clock_sweep, demo, referrals
from caseflow.services.cases import ConcernInput
from caseflow.web import labels
from tests.english import CATALOGUE, english_on_page
from tests.support import PASSWORD, actor, facility_id, post_form, synthetic_child
from tests.test_two_factor import code_at, enrol_on_the_web, sign_in_with_code

pytestmark = [pytest.mark.module_data, pytest.mark.usefixtures("demo_users")]

D11 = demo.KEDAH_D11
OSCC = demo.KEDAH_OSCC


def concern_case(username: str, source: SourceType, now: datetime, **extra):
    data = synthetic_child(
        source,
        now - timedelta(days=2),
        concerns=[
            ConcernInput(AbuseForm.GROOMING, online=True, platforms=("whatsapp", "online_game"))
        ],
        soca_sections=("12",),
        narrative="Kes sintetik.",
        **extra,
    )
    return cases.register_case(actor(username), data, now - timedelta(days=2))


@pytest.fixture(scope="module")
def work(app):
    """A clinic case referred to the OSCC and to D11, a school case, protector cases with late
    clocks, a charge at a court, and a sweep so notifications exist: every kind of label."""
    now = datetime.now(UTC)
    with app.app_context():
        demo.seed_demo_users(now)
        demo.seed_demo_standards(now)
        demo.seed_demo_cases(6, now)
        clinic = concern_case("clinic.nurse", SourceType.CLINIC, now)
        for code, urgency, receiver in (
            (D11, Urgency.ROUTINE, "d11.officer"),
            (OSCC, Urgency.URGENT, "oscc.doctor"),
        ):
            sent = referrals.refer(
                actor("clinic.nurse"), clinic, facility_id(code), "Rujukan", urgency, now
            )
            referrals.acknowledge(actor(receiver), sent, now)
        referrals.accept(actor("oscc.doctor"), sent, now)
        school = concern_case("school.counsellor", SourceType.SCHOOL, now)
        owned = concern_case("jkm.protector", SourceType.JKM, now)
        court = db.session.scalar(select(Facility.id).where(Facility.type == "court").limit(1))
        for kind, data in (
            (EventType.POLICE_REPORT_LODGED, {"report_number": "RPT/1"}),
            (
                EventType.CHARGE_REGISTERED,
                {"court_id": court, "registered_on": now.date().isoformat()},
            ),
            (EventType.NOTE, {"text": "Nota sintetik"}),
        ):
            cases.record_event(actor("jkm.protector"), owned, kind, now, data, now)
        clock_sweep.sweep(now + timedelta(days=1))
        ids = {"clinic": clinic.id, "school": school.id, "owned": owned.id}
        ids["referral"] = sent.id
        db.session.remove()
    return ids


def pages(work) -> dict[str, list[str]]:
    case = "/cases/{}"
    common = [
        "/",
        "/notifications",
        "/account/sessions",
        "/account/password",
        "/account/two-factor",
    ]
    handling = ["/cases", "/referrals", "/clocks", "/cases/new", *common]
    return {
        "clinic.nurse": [*handling, case.format(work["clinic"])],
        "oscc.doctor": [*handling, f"/referrals/{work['referral']}", case.format(work["clinic"])],
        "school.counsellor": [*handling, case.format(work["school"])],
        "jkm.protector": [
            *handling,
            case.format(work["owned"]),
            case.format(work["owned"]) + "/correction",
        ],
        "jkm.supervisor": [
            *common,
            "/cases",
            "/referrals",
            "/clocks",
            "/dashboard",
            "/dashboard/cases",
            case.format(work["owned"]),
            case.format(work["owned"]) + "/audit",
        ],
        "d11.officer": [*common, case.format(work["clinic"])],
        "helpline.operator": [*handling],
        "analyst": ["/statistics", *common],
        "admin": [
            *common,
            "/admin/users",
            "/admin/users/new",
            "/admin/facilities/new",
            "/admin/facilities",
            "/admin/policies",
            "/admin/policies/mandatory_report",
            "/admin/policies/court_disposal_peninsular",
            "/admin/calendars",
            "/admin/caseload-standards",
            "/admin/duplicate-thresholds",
        ],
    }


def in_malay(as_user, username):
    client = as_user(username)
    post_form(client, "/language", {"language": "ms", "next": "/"}, token_from="/")
    return client


@pytest.mark.parametrize(
    "username",
    [
        "clinic.nurse",
        "oscc.doctor",
        "school.counsellor",
        "jkm.protector",
        "jkm.supervisor",
        "d11.officer",
        "helpline.operator",
        "analyst",
        "admin",
    ],
)
def test_every_main_page_of_a_role_is_malay(work, as_user, username):
    client = in_malay(as_user, username)
    english = {}
    for path in pages(work)[username]:
        answer = client.get(path)
        assert answer.status_code == 200, path
        html = answer.get_data(as_text=True)
        assert '<html lang="ms">' in html, path
        if found := english_on_page(html):
            english[path] = found
    assert not english, english


def test_the_sign_in_page_is_malay_once_chosen(client):
    post_form(client, "/language", {"language": "ms", "next": "/login"}, token_from="/login")
    assert english_on_page(client.get("/login").get_data(as_text=True)) == []


def label_tables():
    """Every table of words the interface shows for a value (web/labels.py)."""
    return {
        name: table
        for name, table in vars(labels).items()
        if name.endswith("_LABELS") and isinstance(table, dict)
    }


def test_every_label_table_value_has_a_malay_translation(app):
    catalogue = read_po(CATALOGUE.open("rb"))
    missing = []
    with app.test_request_context(), force_locale("en"):
        words = [str(w) for table in label_tables().values() for w in table.values()]
    words += [t for spec in DEFAULT_POLICIES for t in (spec.name, spec.source, spec.law_words)]
    for word in filter(None, words):
        entry = catalogue.get(word)
        if entry is None or entry.fuzzy or not entry.string:
            missing.append(word)
    assert not missing, missing


def test_every_offence_section_has_a_malay_title(app):
    with app.test_request_context(), force_locale("ms_MY"):
        for act, table in (("soca", SOCA_SECTIONS), ("penal", PENAL_CODE_SECTIONS)):
            for key, section in table.items():
                assert labels.offence_title(act, key) == section.ms != section.en


def test_clock_names_and_sources_read_in_malay_on_the_case_page(work, as_user):
    html = in_malay(as_user, "clinic.nurse").get(f"/cases/{work['clinic']}").get_data(True)
    assert "Laporan kepada pelindung" in html
    assert "Akta Kanak-Kanak 2001 ss.27-29" in html
    assert "WhatsApp, Permainan dalam talian" in html
    assert "s.12 Pengantunan kanak-kanak" in html


def test_dates_on_a_malay_page_name_the_month(work, as_user):
    html = in_malay(as_user, "clinic.nurse").get(f"/cases/{work['clinic']}").get_data(True)
    with as_user("clinic.nurse").application.app_context():
        reported = db.session.get(Case, work["clinic"]).reported_at
    local = reported.astimezone(MALAYSIA)
    month = ("Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ogo", "Sep", "Okt", "Nov", "Dis")
    expected = f"{local.day} {month[local.month - 1]} {local.year}, {local:%H:%M}"
    assert expected in html
    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", html)  # never 19/3/26


def test_language_chosen_before_signing_in_is_kept(client, make_user):
    make_user(Role.CLINIC_STAFF, demo.KEDAH_CLINIC, username="nurse.ms")
    post_form(client, "/language", {"language": "ms", "next": "/login"}, token_from="/login")
    page = post_form(
        client, "/login", {"username": "nurse.ms", "password": PASSWORD}, follow_redirects=True
    )
    assert "<h1>Laman klinik</h1>" in page.get_data(as_text=True)
    post_form(client, "/logout", {}, token_from="/")
    page = post_form(
        client, "/login", {"username": "nurse.ms", "password": PASSWORD}, follow_redirects=True
    )
    assert "<h1>Laman klinik</h1>" in page.get_data(as_text=True)  # kept on the account


def test_language_chosen_before_a_two_step_sign_in_is_kept(client, make_user, login_as):
    make_user(Role.CLINIC_STAFF, demo.KEDAH_CLINIC, username="nurse.ms.2fa")
    login_as("nurse.ms.2fa")
    secret, _codes = enrol_on_the_web(client)
    post_form(client, "/logout", {}, token_from="/")
    post_form(client, "/language", {"language": "ms", "next": "/login"}, token_from="/login")
    sign_in_with_code(client, "nurse.ms.2fa", code_at(secret, 1))
    assert "<h1>Laman klinik</h1>" in client.get("/").get_data(as_text=True)
