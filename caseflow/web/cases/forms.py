from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from caseflow.domain import limits
from caseflow.domain.cases import HOME_LANGUAGES, PENAL_CODE_SECTIONS, PLATFORMS, SOCA_SECTIONS
from caseflow.domain.events import RECORDABLE_EVENTS
from caseflow.domain.offences import offered
from caseflow.domain.packs import PackLanguage, PackVersion
from caseflow.web.admin.choices import labelled_choices
from caseflow.web.admin.forms import optional_int
from caseflow.web.auth.forms import REQUIRED
from caseflow.web.labels import (
    ABUSE_FORM_LABELS,
    EVENT_LABELS,
    LANGUAGE_NAMES,
    PACK_VERSION_LABELS,
    PLATFORM_LABELS,
    RISK_LABELS,
    SEX_LABELS,
    SOURCE_LABELS,
    URGENCY_LABELS,
    offence_label,
)


def section_label(act: str, key: str) -> LazyString:
    """ "s.12 Pengantunan kanak-kanak" on a Malay page: the title in the page's language."""
    return LazyString(offence_label, act, key)


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class CaseForm(FlaskForm):
    given_name = StringField(
        _l("Child's given name"), validators=[DataRequired(REQUIRED), Length(max=limits.NAME)]
    )
    family_name = StringField(_l("Family name"), validators=[Optional(), Length(max=limits.NAME)])
    date_of_birth = DateField(_l("Date of birth"), validators=[Optional()])
    age_estimate = IntegerField(
        _l("Or estimated age (years)"), validators=[Optional(), NumberRange(0, limits.MAX_AGE)]
    )
    sex = SelectField(_l("Sex"), choices=labelled_choices(SEX_LABELS))
    state_code = SelectField(_l("State"), validators=[DataRequired(REQUIRED)])
    district = SelectField(_l("District"), validate_choice=False)
    home_language = SelectField(
        _l("Language spoken at home"),
        choices=[SelectChoice(code, LANGUAGE_NAMES[code]) for code in HOME_LANGUAGES],
    )
    identity_number = StringField(
        _l("MyKid or MyKad number (optional)"), validators=[Optional(), Length(max=14)]
    )
    caregiver_name = StringField(
        _l("Caregiver's name"), validators=[Optional(), Length(max=limits.CAREGIVER_NAME)]
    )
    caregiver_relationship = StringField(
        _l("Relationship to the child"),
        validators=[Optional(), Length(max=limits.CAREGIVER_RELATIONSHIP)],
    )
    caregiver_phone = StringField(
        _l("Caregiver's telephone"), validators=[Optional(), Length(max=limits.PHONE)]
    )
    source_type = SelectField(_l("Reported by"), choices=labelled_choices(SOURCE_LABELS))
    reported_at = DateTimeLocalField(
        _l("When the concern was reported"), validators=[DataRequired(REQUIRED)]
    )
    forms = MultiCheckboxField(_l("Forms of abuse"), choices=labelled_choices(ABUSE_FORM_LABELS))
    online_forms = MultiCheckboxField(
        _l("Which of them had an online element"), choices=labelled_choices(ABUSE_FORM_LABELS)
    )
    platforms = MultiCheckboxField(
        _l("Platforms involved"), choices=[SelectChoice(p, PLATFORM_LABELS[p]) for p in PLATFORMS]
    )
    soca_sections = SelectMultipleField(
        _l("Sexual Offences against Children Act 2017 sections (optional)"),
        choices=[SelectChoice(k, section_label("soca", k)) for k in offered(SOCA_SECTIONS)],
    )
    penal_code_sections = SelectMultipleField(
        _l("Penal Code sections (optional)"),
        choices=[SelectChoice(k, section_label("penal", k)) for k in PENAL_CODE_SECTIONS],
    )
    risk_level = SelectField(_l("Risk level"), choices=labelled_choices(RISK_LABELS))
    narrative = TextAreaField(
        _l("What happened"), validators=[Optional(), Length(max=limits.NARRATIVE)]
    )


OUT_OF_DATE = _l("This form is out of date. Reload the page and try again.")


class CaseWriteForm(FlaskForm):
    """A form that changes a case carries the version of the case it was shown with."""

    version = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired(OUT_OF_DATE)])

    def show_version(self, version: int) -> None:
        """Render the case's current version, whatever was posted (after a conflict too)."""
        self.version.data = version
        self.version.raw_data = [str(version)]


class ReferForm(CaseWriteForm):
    to_facility_id = SelectField(
        _l("Refer to"), coerce=optional_int, validators=[DataRequired(REQUIRED)]
    )
    urgency = SelectField(_l("Urgency"), choices=labelled_choices(URGENCY_LABELS))
    reason = TextAreaField(
        _l("Reason"), validators=[DataRequired(REQUIRED), Length(max=limits.REASON)]
    )


class AssignForm(CaseWriteForm):
    officer_id = SelectField(
        _l("Protector"), coerce=optional_int, validators=[DataRequired(REQUIRED)]
    )


class DeclineForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for declining"), validators=[DataRequired(REQUIRED), Length(max=limits.REASON)]
    )


class EventForm(CaseWriteForm):
    type = SelectField(
        _l("Step"), choices=[SelectChoice(t.value, EVENT_LABELS[t]) for t in RECORDABLE_EVENTS]
    )
    at = DateTimeLocalField(_l("When it happened"), validators=[DataRequired(REQUIRED)])
    text = TextAreaField(_l("Note"), validators=[Optional(), Length(max=limits.NOTE)])
    report_number = StringField(
        _l("Police report number"), validators=[Optional(), Length(max=limits.REPORT_NUMBER)]
    )
    centre = StringField(
        _l("Child Interview Centre"), validators=[Optional(), Length(max=limits.CENTRE)]
    )
    court_id = SelectField(_l("Court"), coerce=optional_int, validate_choice=False)
    registered_on = DateField(_l("Charge registered on"), validators=[Optional()])
    next_hearing_on = DateField(_l("Court sits next on"), validators=[Optional()])
    outcome = StringField(_l("Outcome"), validators=[Optional(), Length(max=limits.OUTCOME)])
    # The refer form on the same page has a "reason" too: one id per page.
    reason = StringField(
        _l("Reason"),
        id="step-reason",
        validators=[Optional(), Length(max=limits.STEP_REASON)],
    )
    order = SelectField(
        _l("Order made"),
        choices=[
            SelectChoice("", "—"),
            SelectChoice("s39_4", _l("Place of refuge (Child Act 2001 s.39(4))")),
            SelectChoice("other", _l("Another interim order")),
        ],
        default="",
        validate_choice=False,  # the domain refuses an unknown order, beside the field
    )

    DATA_FIELDS = (
        "order",
        "text",
        "report_number",
        "centre",
        "court_id",
        "registered_on",
        "next_hearing_on",
        "outcome",
        "reason",
    )


class PackForm(FlaskForm):
    """Which information pack to print; the defaults come from the child's age and home."""

    version = SelectField(
        _l("Pack for"), choices=[SelectChoice(v.value, PACK_VERSION_LABELS[v]) for v in PackVersion]
    )
    lang = SelectField(
        _l("Language"),
        choices=[SelectChoice(lang.value, LANGUAGE_NAMES[lang.value]) for lang in PackLanguage],
    )


class LinkForm(FlaskForm):
    """Link, merge into this case, or undo a merge: the other case's id, and a reason to merge."""

    other_case_id = HiddenField(validators=[DataRequired(REQUIRED)])
    reason = TextAreaField(
        _l("Why these are the same child"), validators=[Optional(), Length(max=limits.REASON)]
    )


class CorrectionForm(CaseWriteForm):
    """The child's and caregiver's identity as it should read, and why it changes (PDPA s.34)."""

    given_name = StringField(
        _l("Child's given name"), validators=[DataRequired(REQUIRED), Length(max=limits.NAME)]
    )
    family_name = StringField(_l("Family name"), validators=[Optional(), Length(max=limits.NAME)])
    date_of_birth = DateField(_l("Date of birth"), validators=[Optional()])
    age_estimate = IntegerField(
        _l("Or estimated age (years)"), validators=[Optional(), NumberRange(0, limits.MAX_AGE)]
    )
    sex = SelectField(_l("Sex"), choices=labelled_choices(SEX_LABELS))
    caregiver_name = StringField(
        _l("Caregiver's name"), validators=[Optional(), Length(max=limits.CAREGIVER_NAME)]
    )
    caregiver_relationship = StringField(
        _l("Relationship to the child"),
        validators=[Optional(), Length(max=limits.CAREGIVER_RELATIONSHIP)],
    )
    caregiver_phone = StringField(
        _l("Caregiver's telephone"), validators=[Optional(), Length(max=limits.PHONE)]
    )
    reason = TextAreaField(
        _l("Reason for the correction"),
        validators=[DataRequired(REQUIRED), Length(max=limits.REASON)],
    )


class SubjectAccessForm(FlaskForm):
    """A POST, so that a prefetching browser never makes an audited export by itself."""

    format = SelectField(
        _l("Format"), choices=[SelectChoice("pdf", "PDF"), SelectChoice("json", "JSON")]
    )
