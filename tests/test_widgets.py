"""The long select writes the markup WTForms' own select writes, only faster."""

from wtforms import Form, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import Select

from caseflow.web.widgets import LongSelect

USUAL, KEDAH = "Usual for Klinik <Kesihatan> & Co", "Kedah"
GROUPED = [
    SelectChoice(3, 'OSCC "Hospital" Sultanah', optgroup=USUAL),
    SelectChoice(5, "JKM Kota Setar", optgroup=USUAL),
    SelectChoice(7, "D11 IPK Kedah", optgroup=KEDAH),
    SelectChoice(9, "Pejabat 'Daerah' Kubang Pasu", optgroup=KEDAH),
]


def render(widget, choices, data):
    class Chooser(Form):
        place = SelectField("Place", choices=choices, coerce=int, widget=widget)

    form = Chooser(data={"place": data})
    return str(form.place(**{"aria-invalid": "true"}))


def test_grouped_choices_with_one_selected_render_as_wtforms_does():
    ours, theirs = render(LongSelect(), GROUPED, 7), render(Select(), GROUPED, 7)
    assert ours == theirs
    assert '<option selected value="7">' in ours and "&lt;Kesihatan&gt;" in ours


def test_plain_choices_and_options_with_their_own_attributes_render_as_wtforms_does():
    plain = [SelectChoice(1, "Satu & dua"), SelectChoice(2, "<b>Dua</b>")]
    assert render(LongSelect(), plain, 2) == render(Select(), plain, 2)
    with_attributes = [
        SelectChoice(1, "Satu", render_kw={"disabled": True}),
        SelectChoice(2, "Dua"),
    ]
    assert render(LongSelect(), with_attributes, 1) == render(Select(), with_attributes, 1)
