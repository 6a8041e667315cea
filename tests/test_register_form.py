"""The register form: every error at once, in a linked summary, input kept; no assumed answer."""

import re

from sqlalchemy import select

from caseflow.extensions import db
from caseflow.models import Case
from tests.support import CASE_FORM, post_form


def summary_of(html: str) -> str:
    match = re.search(r'<div class="errors error-summary".*?</div>', html, re.S)
    assert match, "no error summary"
    return match.group(0)


def test_every_error_shows_at_once_in_a_summary_linked_to_its_field(app, as_user):
    nurse = as_user("clinic.nurse")
    wrong = {
        **CASE_FORM,
        "given_name": "",
        "sex": "",
        "risk_level": "",
        "forms": [],
        "online_forms": [],
        "date_of_birth": "2017-06-01",
        "age_estimate": "14",
        "reported_at": "2026-11-03T09:00",
        "identity_number": "1",
    }
    page = post_form(nurse, "/cases/new", wrong)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    summary = summary_of(html)
    for field, words in [
        ("given_name", "Fill in this field."),
        ("sex", "Choose one."),
        ("risk_level", "Choose one."),
        ("forms-0", "Record at least one concern."),
        ("age_estimate", "the child was 9 when the concern was reported, not 14"),
    ]:
        assert re.search(rf'<a href="#{field}">[^<]*{re.escape(words)}', summary), field
    assert html.index("error-summary") < html.index('<form method="post" novalidate>')
    # What was typed stays: the name of the family, the dates, the estimate, the narrative.
    assert 'value="Contoh"' in html and 'value="2017-06-01"' in html and 'value="14"' in html
    assert "Synthetic narrative." in html
    with app.app_context():
        assert db.session.scalar(select(Case.id)) is None


def test_the_age_rule_is_the_services_so_the_api_refuses_it_too(api):
    body = {
        "child": {
            "given_name": "Nurul",
            "date_of_birth": "2017-06-01",
            "age_estimate": 14,
            "sex": "female",
            "state": "KDH",
        },
        "source": {"type": "clinic", "reported_at": "2026-11-03T09:00:00+08:00"},
        "concerns": [{"form": "neglect"}],
        "risk_level": "low",
    }
    answer = api("clinic.nurse", "post", "/cases", json=body)
    assert answer.status_code == 422
    assert "not 14" in answer.json["error"]["fields"]["child.age_estimate"]
    body["child"]["age_estimate"] = 10
    assert api("clinic.nurse", "post", "/cases", json=body).status_code == 201


def test_sex_and_risk_start_empty_and_must_be_chosen(as_user):
    html = as_user("clinic.nurse").get("/cases/new").get_data(as_text=True)
    for name in ("sex", "risk_level"):
        select_html = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
        first = re.search(r"<option[^>]*>", select_html).group(0)
        assert 'value=""' in first and "selected" not in select_html, name


def test_offence_sections_are_checkboxes_under_the_same_field_names(app, as_user):
    nurse = as_user("clinic.nurse")
    html = nurse.get("/cases/new").get_data(as_text=True)
    assert re.search(r'<input[^>]*name="soca_sections"[^>]*type="checkbox"[^>]*value="15B"', html)
    assert re.search(r'<input[^>]*name="penal_code_sections"[^>]*type="checkbox"', html)
    page = post_form(nurse, "/cases/new", {**CASE_FORM, "soca_sections": ["15A", "15B"]})
    assert page.status_code == 302, page.get_data(as_text=True)[:2000]
    with app.app_context():
        assert db.session.scalars(select(Case)).one().soca_sections == ["15A", "15B"]
