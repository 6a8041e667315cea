"""WTForms' own messages (a number out of range, a text too long, a date it cannot read) come
from the app's catalogue: on a Malay page they are Malay, as every other word."""

import pytest

from caseflow.web.forms import CATALOGUE
from tests.english import english_in
from tests.support import CASE_FORM, post_form

OUT_OF_RANGE = {**CASE_FORM, "date_of_birth": "", "age_estimate": "30", "given_name": "x" * 500}


def refused_registration(client) -> str:
    answer = post_form(client, "/cases/new", OUT_OF_RANGE)
    assert answer.status_code in (200, 422)
    return answer.get_data(as_text=True)


def test_a_malay_page_gives_wtforms_own_messages_in_malay(as_user):
    protector = as_user("jkm.protector")
    post_form(protector, "/language", {"language": "ms", "next": "/"}, token_from="/")
    page = refused_registration(protector)
    assert "Nombor mesti antara 0 dan 17." in page
    assert "Ruangan ini tidak boleh melebihi" in page
    assert "Number must be" not in page and "Field cannot be longer" not in page


def test_an_english_page_keeps_wtforms_words(as_user):
    page = refused_registration(as_user("jkm.protector"))
    assert "Number must be between 0 and 17." in page
    assert "Field cannot be longer than" in page


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("Not a valid choice.", None),
        ("Not a valid integer value.", None),
        ("Not a valid date value.", None),
        ("Not a valid datetime value.", None),
        ("Number must be between %(min)s and %(max)s.", None),
        ("Invalid email address.", None),
        (
            "Field cannot be longer than %(max)d character.",
            "Field cannot be longer than %(max)d characters.",
        ),
    ],
)
def test_each_message_the_forms_can_show_has_malay(app, singular, plural):
    with app.test_request_context("/", headers={"Accept-Language": "ms"}):
        said = CATALOGUE.ngettext(singular, plural, 2) if plural else CATALOGUE.gettext(singular)
    assert said != (plural or singular)
    assert english_in([said % {"min": 1, "max": 2}]) == []
