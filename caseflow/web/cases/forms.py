from flask_babel import LazyString
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from caseflow.domain import limits
from caseflow.domain.cases import HOME_LANGUAGES, PENAL_CODE_SECTIONS, PLATFORMS, SOCA_SECTIONS
from caseflow.domain.events import RECORDABLE_EVENTS, EventType
from caseflow.domain.offences import offered
from caseflow.domain.packs import PackLanguage, PackVersion
from caseflow.domain.steps import needs_confirmation
from caseflow.i18n import lazy_gettext as _l
from caseflow.services.registration_checks import NO_CONCERN, child_age_errors
from caseflow.web.admin.choices import labelled_choices
from caseflow.web.admin.forms import optional_int
from caseflow.web.auth.forms import REQUIRED
from caseflow.web.forms import Form
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
from caseflow.web.widgets import SelectField


def section_label(act: str, key: str) -> LazyString:
    """ "s.12 Pengantunan kanak-kanak" on a Malay page: the title in the page's language."""
    return LazyString(offence_label, act, key)


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


CHOOSE = _l("Choose one.")


def choose_first(labels: dict) -> list[SelectChoice]:
    """No answer is assumed: the empty first choice must be changed (sex, risk)."""
    return [SelectChoice("", _l("Choose…")), *labelled_choices(labels)]


class CaseForm(Form):
    given_name = StringField(
        _l("Child's given name"), validators=[DataRequired(REQUIRED), Length(max=limits.NAME)]
    )
    family_name = StringField(_l("Family name"), validators=[Optional(), Length(max=limits.NAME)])
    date_of_birth = DateField(_l("Date of birth"), validators=[Optional()])
    age_estimate = IntegerField(
        _l("Or estimated age (years)"), validators=[Optional(), NumberRange(0, limits.MAX_AGE)]
    )
    sex = SelectField(
        _l("Sex"), choices=choose_first(SEX_LABELS), validators=[DataRequired(CHOOSE)]
    )
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
    soca_sections = MultiCheckboxField(
        _l("Sexual Offences against Children Act 2017 sections (optional)"),
        choices=[SelectChoice(k, section_label("soca", k)) for k in offered(SOCA_SECTIONS)],
    )
    penal_code_sections = MultiCheckboxField(
        _l("Penal Code sections (optional)"),
        choices=[SelectChoice(k, section_label("penal", k)) for k in PENAL_CODE_SECTIONS],
    )
    risk_level = SelectField(
        _l("Risk level"), choices=choose_first(RISK_LABELS), validators=[DataRequired(CHOOSE)]
    )
    narrative = TextAreaField(
        _l("What happened"), validators=[Optional(), Length(max=limits.NARRATIVE)]
    )

    def validate(self, extra_validators=None) -> bool:
        """Every rule at once, the ones across fields too, so one submission shows them all."""
        valid = super().validate(extra_validators)
        reported = self.reported_at.data
        found = child_age_errors(
            self.date_of_birth.data, self.age_estimate.data, reported.date() if reported else None
        )
        if not self.forms.data:
            found["forms"] = NO_CONCERN
        for name, message in found.items():
            field = getattr(self, name)
            if not field.errors:  # its own error (a date that is no date) comes first
                field.errors.append(message)
                valid = False
        return valid


OUT_OF_DATE = _l("This form is out of date. Reload the page and try again.")


class CaseWriteForm(Form):
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


class DeclineForm(Form):
    reason = TextAreaField(
        _l("Reason for declining"), validators=[DataRequired(REQUIRED), Length(max=limits.REASON)]
    )


def step_choices(kinds) -> list[SelectChoice]:
    """An empty first choice, so that no step is recorded by a click on Record alone; a step
    that needs confirming says so in its name."""
    return [SelectChoice("", "—")] + [
        SelectChoice(
            kind.value,
            _l("%(step)s (confirm below)", step=EVENT_LABELS[kind])
            if needs_confirmation(kind)
            else EVENT_LABELS[kind],
        )
        for kind in kinds
    ]


class EventForm(CaseWriteForm):
    """Offers only the steps the rules allow this user now (the view sets the choices)."""

    type = SelectField(
        _l("Step"), choices=step_choices(RECORDABLE_EVENTS), validators=[DataRequired(REQUIRED)]
    )
    at = DateTimeLocalField(
        _l("When it happened"), validators=[Optional()], render_kw={"step": "1"}
    )
    confirmed = BooleanField(
        _l("I confirm this step took place: it may stop or start a statutory clock.")
    )
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

    def validate_confirmed(self, field) -> None:
        if needs_confirmation_of(self.type.data) and not field.data:
            raise ValidationError(_l("Tick the box to confirm this step."))


def needs_confirmation_of(value: str | None) -> bool:
    return value in EVENT_TYPE_VALUES and needs_confirmation(EventType(value))


EVENT_TYPE_VALUES = frozenset(t.value for t in RECORDABLE_EVENTS)


class PackForm(Form):
    """Which information pack to print; the defaults come from the child's age and home."""

    version = SelectField(
        _l("Pack for"), choices=[SelectChoice(v.value, PACK_VERSION_LABELS[v]) for v in PackVersion]
    )
    lang = SelectField(
        _l("Language"),
        choices=[SelectChoice(lang.value, LANGUAGE_NAMES[lang.value]) for lang in PackLanguage],
    )


class LinkForm(Form):
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


class SubjectAccessForm(Form):
    """A POST, so that a prefetching browser never makes an audited export by itself."""

    format = SelectField(
        _l("Format"), choices=[SelectChoice("pdf", "PDF"), SelectChoice("json", "JSON")]
    )
