"""The app's fields write the markup WTForms' own widgets write, only faster."""

import pytest
from markupsafe import Markup
from wtforms import Form
from wtforms import SelectField as WTFormsSelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired
from wtforms.widgets import Input, html_params

from caseflow.i18n import lazy_gettext
from caseflow.web.widgets import QuickSelect, SelectField, attributes

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


@pytest.mark.parametrize(
    "given",
    [
        {"name": "reason", "id": "reason", "type": "text", "value": 'He said "no" & <left>'},
        {"required": True, "disabled": False, "maxlength": 200, "class_": "wide", "for_": "x"},
        {"data_case_id": 7, "aria_describedby": "at-error", "aria-invalid": "true"},
        {"value": Markup('<a href="#">Kes</a>'), "title": "Kes 'dua'", "min": 0},
        {},
    ],
)
def test_attributes_are_written_as_wtforms_writes_them(given):
    assert attributes(**given) == html_params(**given)


def every_form_class() -> list[type]:
    import caseflow.web  # noqa: F401  (imports every blueprint's forms)
    from caseflow.web.forms import Form as AppForm

    found, waiting = [], [AppForm]
    while waiting:
        form_class = waiting.pop()
        found.append(form_class)
        waiting.extend(form_class.__subclasses__())
    return found[1:]


def test_every_input_of_the_apps_forms_is_written_as_wtforms_writes_it(app):
    """The app's form hands each input a faster twin of its widget: rendered plainly, with
    the attributes the field macro adds for an error, and with a value needing escapes, each
    input must read as WTForms' own widget writes it."""
    quick_inputs = 0
    with app.test_request_context("/"):
        for form_class in every_form_class():
            try:
                form = form_class(formdata=None)
            except TypeError:  # a form needing arguments of its own is built by its view
                continue
            declared = dict(form._unbound_fields)
            for field in form:
                unbound = declared.get(field.name)
                own = (unbound and unbound.kwargs.get("widget")) or type(field).widget
                if not isinstance(own, Input):
                    continue
                assert isinstance(field.widget, type(own)) and field.widget is not own
                quick_inputs += 1
                if field.type not in ("CSRFTokenField", "BooleanField", "HiddenField"):
                    field.raw_data = ['"Mak" & <Cik>']
                for extra in ({}, {"aria-invalid": "true", "aria-describedby": "x-error"}):
                    expected = own(field, **{**(field.render_kw or {}), **extra})
                    assert field(**extra) == expected, (form_class, field.name)
    assert quick_inputs > 40
