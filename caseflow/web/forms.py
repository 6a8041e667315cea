"""Showing a service's refusal on the form that asked for the step."""

from flask_wtf import FlaskForm

from caseflow.services.errors import Conflict, ServiceError


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
