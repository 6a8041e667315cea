from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

REQUIRED = _l("Fill in this field.")
# Language names are written in their own language, so everyone can find theirs.
LANGUAGE_CHOICES = [SelectChoice("en", "English"), SelectChoice("ms", "Bahasa Malaysia")]


class LoginForm(FlaskForm):
    username = StringField(
        _l("Username"), validators=[DataRequired(message=REQUIRED), Length(max=64)]
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(message=REQUIRED), Length(max=200)]
    )
    next = HiddenField()


class LanguageForm(FlaskForm):
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    next = HiddenField()
