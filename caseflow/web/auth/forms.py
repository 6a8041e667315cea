from wtforms import HiddenField, PasswordField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from caseflow.i18n import lazy_gettext as _l
from caseflow.web.forms import Form
from caseflow.web.widgets import SelectField

REQUIRED = _l("Fill in this field.")
# Language names are written in their own language, so everyone can find theirs.
LANGUAGE_CHOICES = [SelectChoice("en", "English"), SelectChoice("ms", "Bahasa Malaysia")]


class LoginForm(Form):
    username = StringField(
        _l("Username"), validators=[DataRequired(message=REQUIRED), Length(max=64)]
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(message=REQUIRED), Length(max=200)]
    )
    # Optional here: a user with two-factor sign-in may give it at once (it lifts a lock).
    otp = StringField(
        _l("Code from your authenticator app (if you use one)"), validators=[Length(max=40)]
    )
    next = HiddenField()


class CodeForm(Form):
    otp = StringField(
        _l("Code from your authenticator app, or a recovery code"),
        validators=[DataRequired(message=REQUIRED), Length(max=40)],
    )


class PasswordChangeForm(Form):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(message=REQUIRED), Length(max=200)]
    )
    password = PasswordField(
        _l("New password"), validators=[DataRequired(message=REQUIRED), Length(max=200)]
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[
            DataRequired(message=REQUIRED),
            EqualTo("password", message=_l("The two new passwords differ.")),
        ],
    )


class EmptyForm(Form):
    """A button that changes something: only the CSRF token to check."""


class LanguageForm(Form):
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    next = HiddenField()
