"""The app's select writes the markup WTForms' own select writes, only faster."""

import pytest
from wtforms import Form
from wtforms import SelectField as WTFormsSelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from caseflow.i18n import lazy_gettext
from caseflow.web.widgets import QuickSelect, SelectField

USUAL, KEDAH = "Usual for Klinik <Kesihatan> & Co", "Kedah"
GROUPED = [
    SelectChoice(3, 'OSCC "Hospital" Sultanah', optgroup=USUAL),
    SelectChoice(5, "JKM Kota Setar", optgroup=USUAL),
    SelectChoice(7, "D11 IPK Kedah", optgroup=KEDAH),
    SelectChoice(9, "Pejabat 'Daerah' Kubang Pasu", optgroup=KEDAH),
]


def render(field_class, choices, data, coerce=int, **render_kw):
    class Chooser(Form):
        place = field_class("Place", choices=choices, coerce=coerce, validators=[DataRequired()])

    form = Chooser(data={"place": data})
    return str(form.place(**{"aria-invalid": "true", **render_kw}))


def both(choices, data, **kwargs) -> tuple[str, str]:
    return render(SelectField, choices, data, **kwargs), render(
        WTFormsSelectField, choices, data, **kwargs
    )


def test_the_app_select_field_is_written_by_the_quick_widget():
    assert isinstance(SelectField("Place").bind(Form(), "place").widget, QuickSelect)


def test_grouped_choices_with_one_selected_render_as_wtforms_does():
    ours, theirs = both(GROUPED, 7)
    assert ours == theirs
    assert '<option selected value="7">' in ours and "&lt;Kesihatan&gt;" in ours
    assert ours.count("<optgroup") == 2 and " required" in ours


def test_plain_choices_and_options_with_their_own_attributes_render_as_wtforms_does():
    plain = [SelectChoice(1, "Satu & dua"), SelectChoice(2, "<b>Dua</b>")]
    ours, theirs = both(plain, 2)
    assert ours == theirs and "&lt;b&gt;Dua" in ours
    with_attributes = [
        SelectChoice(1, "Satu", render_kw={"disabled": True}),
        SelectChoice(2, "Dua"),
    ]
    ours, theirs = both(with_attributes, 1)
    assert ours == theirs and "disabled" in ours


@pytest.mark.parametrize(
    "choices",
    [
        # ungrouped choices between groups are written outside any optgroup
        [SelectChoice(1, "Satu"), *GROUPED, SelectChoice(11, "Sebelas")],
        # an empty first choice, selected when nothing is chosen
        [SelectChoice("", "—"), SelectChoice("a", "A")],
        # a label left empty shows the value
        [SelectChoice("x", ""), SelectChoice("y", "Y")],
    ],
)
def test_mixed_empty_and_unlabelled_choices_render_as_wtforms_does(choices):
    ours, theirs = both(choices, "", coerce=str)
    assert ours == theirs


def test_translated_labels_and_attributes_given_at_render_render_as_wtforms_does(app):
    choices = [SelectChoice("m", lazy_gettext("Male")), SelectChoice("f", lazy_gettext("Female"))]
    with app.test_request_context("/"):
        ours, theirs = both(choices, "f", coerce=str, class_="wide", disabled=True)
    assert ours == theirs and 'class="wide"' in ours and "Female" in ours
