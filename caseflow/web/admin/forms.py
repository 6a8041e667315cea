from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, Regexp

from caseflow.domain.ids import parse_id
from caseflow.i18n import lazy_gettext as _l
from caseflow.services.accounts import MIN_PASSWORD_LENGTH
from caseflow.web.admin.choices import labelled_choices
from caseflow.web.auth.forms import LANGUAGE_CHOICES, REQUIRED
from caseflow.web.forms import Form
from caseflow.web.labels import FACILITY_TYPE_LABELS, ROLE_LABELS
from caseflow.web.widgets import SelectField


def optional_int(value):
    """A chosen record's id, or None for the blank choice or anything that is not an id."""
    return parse_id(value)


class UserForm(Form):
    username = StringField(
        _l("Username"),
        validators=[
            DataRequired(message=REQUIRED),
            Length(max=64),
            Regexp(
                r"^[a-z0-9._-]+$", message=_l("Use lower-case letters, digits, dots or dashes.")
            ),
        ],
    )
    display_name = StringField(
        _l("Full name"), validators=[DataRequired(message=REQUIRED), Length(max=120)]
    )
    email = EmailField(
        _l("E-mail"),
        validators=[
            Optional(),
            Email(message=_l("Enter a valid e-mail address.")),
            Length(max=254),
        ],
    )
    phone = StringField(_l("Office telephone"), validators=[Optional(), Length(max=40)])
    role = SelectField(_l("Role"), choices=labelled_choices(ROLE_LABELS))
    facility_id = SelectField(
        _l("Facility"), coerce=optional_int, validators=[DataRequired(message=REQUIRED)]
    )
    supervised_facility_ids = SelectMultipleField(
        _l("Facilities supervised (supervisors only)"), coerce=int, validate_choice=False
    )
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)


class NewUserForm(UserForm):
    password = PasswordField(
        _l("Initial password"),
        validators=[
            DataRequired(message=REQUIRED),
            Length(
                min=MIN_PASSWORD_LENGTH,
                message=_l("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
            ),
        ],
    )


class PasswordForm(Form):
    password = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(message=REQUIRED),
            Length(
                min=MIN_PASSWORD_LENGTH,
                message=_l("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
            ),
        ],
    )


class PolicyForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(message=REQUIRED), Length(max=120)])
    target_amount = IntegerField(
        _l("Target"), validators=[DataRequired(message=REQUIRED), NumberRange(1, 1000)]
    )
    target_unit = SelectField(
        _l("Unit"),
        choices=[
            SelectChoice("hours", _l("hours (wall clock)")),
            SelectChoice("days", _l("days (6 or fewer count working days)")),
            SelectChoice("months", _l("months")),
        ],
    )
    due_soon_percent = IntegerField(
        _l("Warn when this share of the target has passed (per cent)"),
        validators=[DataRequired(message=REQUIRED), NumberRange(1, 99)],
    )
    weekly_holidays = SelectField(
        _l("Days a period of days or months skips, besides public holidays"),
        choices=[
            SelectChoice("office_week", _l("The state's two-day weekend (office working week)")),
            SelectChoice(
                "weekly_holiday_only",
                _l("Only the weekly holiday (Sunday, or Friday in the Friday states)"),
            ),
        ],
    )


class CalendarExceptionForm(Form):
    state_code = SelectField(_l("State"), validators=[DataRequired(message=REQUIRED)])
    day = DateField(_l("Date"), validators=[DataRequired(message=REQUIRED)])
    kind = SelectField(
        _l("Change"),
        choices=[
            SelectChoice("holiday", _l("An extra holiday (e.g. cuti peristiwa)")),
            SelectChoice("working", _l("An extra working day")),
        ],
    )
    reason = StringField(_l("Reason"), validators=[DataRequired(message=REQUIRED), Length(max=300)])


class ConfirmForm(Form):
    """An empty form: its CSRF token is the confirmation."""


class FacilityForm(Form):
    code = StringField(
        _l("Code"),
        validators=[
            DataRequired(message=REQUIRED),
            Length(max=64),
            Regexp(r"^[a-z0-9-]+$", message=_l("Use lower-case letters, digits or dashes.")),
        ],
    )
    name = StringField(_l("Name"), validators=[DataRequired(message=REQUIRED), Length(max=160)])
    type = SelectField(_l("Type"), choices=labelled_choices(FACILITY_TYPE_LABELS))
    state_code = SelectField(_l("State"), validators=[DataRequired(message=REQUIRED)])
    district_id = SelectField(_l("District"), coerce=optional_int, validate_choice=False)
    default_oscc_id = SelectField(
        _l("Default OSCC (clinics only)"), coerce=optional_int, validate_choice=False
    )
    special = BooleanField(_l("Special court for sexual offences against children"))
    phone = StringField(_l("Telephone"), validators=[Optional(), Length(max=40)])
    active = BooleanField(_l("Active"), default=True)
