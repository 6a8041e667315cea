"""The app's base form, and showing a service's refusal on the form that asked for the step."""

from flask_wtf import FlaskForm

from caseflow.i18n import gettext, ngettext, unfilled_gettext, unfilled_ngettext
from caseflow.services.errors import Conflict, ServiceError
from caseflow.web.widgets import quick


class OurCatalogue:
    """WTForms' own messages (a number out of range, a text too long, a date it cannot read)
    from the app's catalogue: WTForms ships no Malay, so a Malay page said them in English.
    The raw catalogue: WTForms fills in the numbers itself."""

    gettext = staticmethod(unfilled_gettext)
    ngettext = staticmethod(unfilled_ngettext)


CATALOGUE = OurCatalogue()


class Form(FlaskForm):
    """Every form of the app: Flask-WTF's, its built-in messages in the page's language, its
    inputs written by `widgets.quick`."""

    class Meta:
        def get_translations(self, form):
            return CATALOGUE

        def bind_field(self, form, unbound_field, options):
            widget = unbound_field.kwargs.get("widget") or getattr(
                unbound_field.field_class, "widget", None
            )
            if widget is not None:
                options = {**options, "widget": quick(widget)}
            return super().bind_field(form, unbound_field, options)


def _wtforms_messages() -> None:
    """Never called: marks WTForms' built-in messages that the app's forms can show for the
    catalogue (`make messages` extracts them; tests/test_translations.py holds their Malay)."""
    gettext("This field is required.")
    gettext("Not a valid choice.")
    gettext("Not a valid integer value.")
    gettext("Not a valid date value.")
    gettext("Not a valid datetime value.")
    gettext("Number must be between %(min)s and %(max)s.")
    gettext("Number must be at least %(min)s.")
    gettext("Number must be at most %(max)s.")
    ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        2,
    )
    ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        2,
    )
    gettext("Field must be between %(min)d and %(max)d characters long.")
    gettext("Invalid email address.")
    gettext("Invalid input.")
    gettext("Field must be equal to %(other_name)s.")


def show_service_errors(form: FlaskForm, error: ServiceError) -> None:
    """Put each field's reason beside the field, and the rest above the form."""
    for name, message in error.fields.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*field.errors, message]
        else:
            form.form_errors.append(message)
    if not error.fields:
        form.form_errors.append(error.message)


def status_for(error: ServiceError) -> int:
    """A lost race is a conflict (409); anything else the user can correct is 422."""
    return 409 if isinstance(error, Conflict) else 422
