"""The JSON API, version 1: a second door into the same services as the web pages (API.md).

Every operation is declared with `operation` (api/operations.py): one declaration parses the
request through the pydantic models of api/schemas.py and writes the OpenAPI document.
"""

from functools import partial

from flask import Blueprint

from caseflow.api.operations import error_answers, operation
from caseflow.extensions import csrf, db
from caseflow.http.responses import json_error
from caseflow.permissions import refusal_status
from caseflow.services.errors import Conflict, ServiceError, StepRefused, ValidationFailed

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # bearer tokens, not cookies: no cross-site forgery to guard against
api = partial(operation, bp)
error_answers(bp)


class NotFound(Exception):
    """No such record, or not visible to this user: the API never tells which."""


@bp.errorhandler(NotFound)
def not_found(exc):
    return json_error(404, "No such record.")


@bp.errorhandler(ServiceError)
def service_error(exc: ServiceError):
    db.session.rollback()
    if isinstance(exc, ValidationFailed):
        return json_error(422, str(exc.message), exc.fields)
    if isinstance(exc, StepRefused):
        return json_error(refusal_status(exc.refusal), str(exc.message))
    if isinstance(exc, Conflict):
        return json_error(409, str(exc.message))
    return json_error(400, str(exc.message))


@bp.after_request
def never_cached(response):
    """A child's data must not sit in a browser's or a proxy's cache (API.md)."""
    response.headers["Cache-Control"] = "no-store"
    return response


from caseflow.api import (  # noqa: E402, F401  (registers the operations)
    access_log,
    account,
    cases,
    clocks,
    dashboard,
    directory,
    docs,
    exports,
    openapi,
    rights,
    steps,
    tokens,
)
